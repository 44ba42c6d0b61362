// A texted link /t/<code> opens 查进度 with the code filled in (the phone is still asked). The
// code leaves the address bar before the first render: it is kept in the history entry's state,
// so it stays out of the visible URL, the Referer of later requests and a shared screenshot.
import { moveOldTrackCode } from './track-link';

const SHORT_LINK = /^\/t\/([A-Za-z0-9]{8})\/?$/;

/**
 * Start the router (which resets the history entry's state) with the short link's code moved
 * into that state; a reload of 查进度 keeps the code it came with.
 */
export function openShortLink(startRouter: () => void): void {
  const m = location.pathname.match(SHORT_LINK);
  const code = m ? m[1].toUpperCase() : location.pathname === '/aid/track' ? shortLinkCode() : '';
  startRouter();
  if (code) history.replaceState({ ...(history.state || {}), trackCode: code }, '', '/aid/track');
  else moveOldTrackCode();
}

/** The code a short link brought to this history entry, if any. */
export function shortLinkCode(): string {
  const code = (history.state as { trackCode?: unknown } | null)?.trackCode;
  return typeof code === 'string' ? code : '';
}
