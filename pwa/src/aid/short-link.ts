// A texted link opens its page with the code filled in (the phone is still asked): /t/<code> 查进度 of an
// application, /q/<code> the answer to a question (问一问). The code leaves the address bar before the
// first render: it is kept in the history entry's state, so it stays out of the visible URL, the
// Referer of later requests and a shared screenshot.
import { moveOldTrackCode } from './track-link';

const SHORT_LINK = /^\/([tq])\/([A-Za-z0-9]{8})\/?$/;

/** Each short link's page, and the history state's key that carries its code there. */
const OPENS = { t: ['/aid/track', 'trackCode'], q: ['/q', 'questionCode'] } as const;

export type ShortLinkKey = 'trackCode' | 'questionCode';

/**
 * Start the router (which resets the history entry's state) with the short link's code moved
 * into that state; a reload of the page keeps the code it came with.
 */
export function openShortLink(startRouter: () => void): void {
  const m = location.pathname.match(SHORT_LINK);
  const [page, key] = m ? OPENS[m[1] as 't' | 'q'] : location.pathname === '/q' ? OPENS.q : OPENS.t;
  const code = m ? m[2].toUpperCase() : location.pathname === page ? shortLinkCode(key) : '';
  startRouter();
  if (code) history.replaceState({ ...(history.state || {}), [key]: code }, '', page);
  else moveOldTrackCode();
}

/** The code a short link brought to this history entry, if any. */
export function shortLinkCode(key: ShortLinkKey = 'trackCode'): string {
  const code = (history.state as Record<string, unknown> | null)?.[key];
  return typeof code === 'string' ? code : '';
}
