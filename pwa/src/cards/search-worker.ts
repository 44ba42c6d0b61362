/// <reference lib="webworker" />
// Search off the page's thread: building the index over every card's text took over a second of a
// phone's main thread (Lighthouse: the search page blocked 480 ms), so the page froze just when
// the worker typed. The page posts the packs once per content version and asks by message; this
// runs the very same search.ts (the server's rules) and answers with the cards' slugs, best first.
// Where a page cannot start a worker (an old WebView), content.ts loads this same file as a plain
// script instead: it then hands the page its functions (self.__search) rather than listening, so the
// search code is downloaded once, not a second time as a chunk of the page's own (2 KB on 2G).
import { fold, foldMap, packIndex, search, type Index } from './search';
import type { Pack } from './types';

declare const self: DedicatedWorkerGlobalScope & { __search?: SearchHere };

export type SearchHere = { fold: typeof fold; foldMap: typeof foldMap; packIndex: typeof packIndex; search: typeof search };

export type Ask = { type: 'packs'; simp: Pack; trad?: Pack } | { type: 'search'; id: number; q: string };
export type Answer = { id: number; slugs: string[] };

let packs: { simp: Pack; trad?: Pack } | null = null;
let built: { index: Index; map?: Map<string, string> } | null = null;

const inWorker = typeof (self as { importScripts?: unknown }).importScripts === 'function';
if (!inWorker) self.__search = { fold, foldMap, packIndex, search };
else self.onmessage = (e: MessageEvent<Ask>) => {
  const m = e.data;
  if (m.type === 'packs') {
    packs = { simp: m.simp, trad: m.trad };
    built = null; // built at the first search: a page that never searches never pays for it
    return;
  }
  if (!packs) return self.postMessage({ id: m.id, slugs: [] } satisfies Answer);
  if (!built) built = { index: packIndex(packs.simp), map: packs.trad ? foldMap(packs.simp, packs.trad) : undefined };
  // A zh-TW reader's query is folded to simplified and searched in the zh-CN pack, as the server does.
  const q = built.map ? fold(m.q, built.map) : m.q;
  self.postMessage({ id: m.id, slugs: search(built.index, q).map((h) => h.slug) } satisfies Answer);
};
