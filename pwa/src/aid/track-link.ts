// The tracking code goes in a link's fragment, never its path or query: a fragment stays in the browser,
// so no request line, no Referer (the page's URL, sent with every request the page makes) and no access
// log carries it.

export function trackHref(code: string): string {
  return `/aid/track#code=${encodeURIComponent(code)}`;
}

/**
 * An old link's `?code=` moves into the fragment before the first render, as the app starts: moved while
 * the page draws, the address would change under it and the next redraw would start 查进度 over (the
 * phone already typed gone).
 */
export function moveOldTrackCode(): void {
  const old = new URLSearchParams(location.search).get('code');
  if (location.pathname === '/aid/track' && old !== null) history.replaceState(history.state, '', trackHref(old));
}

/** The code a tracking page's URL carries. */
export function trackedCode(url: URL): string {
  return new URLSearchParams(url.hash.slice(1)).get('code') || url.searchParams.get('code') || '';
}
