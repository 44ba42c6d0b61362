// A question's code goes in a link's fragment (/q#code=…), never its path or query, as 查进度's does
// (aid/track-link.ts): no request line, Referer or access log carries it. A texted /q/<code> is moved
// into the history state before the first render (aid/short-link.ts).
import { shortLinkCode } from '../aid/short-link';

export function threadHref(code: string): string {
  return `/q#code=${encodeURIComponent(code)}`;
}

/** The code the thread page was opened with: the fragment's, else the short link's. */
export function threadCode(url: URL): string {
  return new URLSearchParams(url.hash.slice(1)).get('code') || shortLinkCode('questionCode');
}
