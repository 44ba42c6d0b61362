/// <reference lib="webworker" />
// Search off the page's thread: building the index over every card's text took over a second of a
// phone's main thread (Lighthouse: the search page blocked 480 ms), so the page froze just when
// the worker typed. The page posts the packs once per content version and asks by message; this
// runs the very same search.ts (the server's rules) and answers with the cards' slugs, best first.
import { fold, foldMap, packIndex, search, type Index } from './search';
import type { Pack } from './types';

declare const self: DedicatedWorkerGlobalScope;

export type Ask = { type: 'packs'; simp: Pack; trad?: Pack } | { type: 'search'; id: number; q: string };
export type Answer = { id: number; slugs: string[] };

let packs: { simp: Pack; trad?: Pack } | null = null;
let built: { index: Index; map?: Map<string, string> } | null = null;

self.onmessage = (e: MessageEvent<Ask>) => {
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
