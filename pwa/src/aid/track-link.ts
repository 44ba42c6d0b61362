// The tracking code goes in a link's fragment, never its path or query: a fragment stays in the browser,
// so no request line, no Referer (the page's URL, sent with every request the page makes) and no access
// log carries it.

export function trackHref(code: string): string {
  return `/aid/track#code=${encodeURIComponent(code)}`;
}

/** The code a tracking page's URL carries. An old link's `?code=` is moved into the fragment at once. */
export function trackedCode(url: URL): string {
  const old = url.searchParams.get('code');
  if (old !== null) {
    history.replaceState(history.state, '', trackHref(old));
    return old;
  }
  return new URLSearchParams(url.hash.slice(1)).get('code') || '';
}
