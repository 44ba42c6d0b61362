// A texted link opens its page with the code filled in (the phone is still asked): /t/<code> 查进度 of an
// application, /q/<code> the answer to a question (问一问). The code leaves the address bar before the
// first render: it is kept in the history entry's state, so it stays out of the visible URL, the
// Referer of later requests and a shared screenshot.
import { moveOldTrackCode } from './track-link';

/** Each short link: its address, the page it opens, and the history state's key that carries the code. */
const SHORT_LINKS = [
  { re: /^\/t\/([A-Za-z0-9]{8})\/?$/, page: '/aid/track', key: 'trackCode' },
  { re: /^\/q\/([A-Za-z0-9]{8})\/?$/, page: '/q', key: 'questionCode' },
] as const;

export type ShortLinkKey = (typeof SHORT_LINKS)[number]['key'];

/**
 * Start the router (which resets the history entry's state) with the short link's code moved
 * into that state; a reload of the page keeps the code it came with.
 */
export function openShortLink(startRouter: () => void): void {
  let moved: { page: string; key: ShortLinkKey; code: string } | null = null;
  for (const link of SHORT_LINKS) {
    const m = location.pathname.match(link.re);
    const code = m ? m[1].toUpperCase() : location.pathname === link.page ? shortLinkCode(link.key) : '';
    if (code) moved = { page: link.page, key: link.key, code };
  }
  startRouter();
  if (moved) history.replaceState({ ...(history.state || {}), [moved.key]: moved.code }, '', moved.page);
  else moveOldTrackCode();
}

/** The code a short link brought to this history entry, if any. */
export function shortLinkCode(key: ShortLinkKey = 'trackCode'): string {
  const code = (history.state as Record<string, unknown> | null)?.[key];
  return typeof code === 'string' ? code : '';
}
