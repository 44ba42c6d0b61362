// Where the cards come from: the offline pack (IndexedDB) once it is on the phone, the API
// before that (a link opened cold shows its card at once, while the pack downloads behind).
// The pack is revalidated with its ETag on start, when the network comes back and when the
// app is reopened, so new content arrives without reinstalling.
import { getJSON, HttpError, request } from '../core/api';
import { askPersistentStorage, readPack, writePack, type StoredPack } from '../core/db';
import { unpack, unpackQuiz, type WirePack } from './pack-wire';
import type { Answer as Sent } from '../core/schemas';
import type { Index } from './search';
import type { Answer, Ask, SearchHere } from './search-worker';
import searchWorkerUrl from './search-worker.ts?worker&url';
import { getLocale, saveLocale } from '../core/settings';
import { getState, isOffline, setState, showToast } from '../core/store';
import type { Card, CardPage, CardSummary, Locale, Pack, QuizItem, Topic } from './types';

let locale: Locale = getLocale();
// Packs on the phone by locale. The server searches the simplified text whatever the
// locale (it converts the query first), so a zh-TW reader keeps the zh-CN pack too, as
// the search index.
const packs: Partial<Record<Locale, StoredPack>> = {};
let lastCheck = 0;
let inflight: Promise<string> | null = null;

/** Resolves once the pack kept on the phone (if any) is loaded. */
export let packLoaded: Promise<void> = Promise.resolve();

export function currentLocale(): Locale {
  return locale;
}

async function loadStored(l: Locale): Promise<void> {
  const s = await readPack(l);
  if (s && s.pack && Array.isArray(s.pack.cards)) packs[l] = s;
}

export function initContent(): void {
  packLoaded = Promise.all([loadStored(locale), locale === 'zh-TW' ? loadStored('zh-CN') : null]).then(() => {
    const s = packs[locale];
    if (s) setState({ pack: s.pack, packSaved: true });
  });
}

/** Ask the server whether the pack changed; download and keep it if so. */
export function refreshPack(): Promise<string> {
  if (!inflight) {
    inflight = doRefresh().finally(() => {
      inflight = null;
    });
  }
  return inflight;
}

async function fetchPack(l: Locale): Promise<{ result: string; saved?: boolean; before?: string }> {
  const old = packs[l];
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (old?.etag) headers['If-None-Match'] = old.etag;
  let res: Response;
  try {
    // no-store: our own ETag decides; a 304 comes back to us instead of a cached copy.
    res = await request(`/api/v1/content/pack?locale=${l}`, { headers, cache: 'no-store' });
  } catch {
    return { result: 'offline' };
  }
  if (res.status === 304) return { result: 'current' };
  if (!res.ok) return { result: 'error' };
  let pack: Pack;
  try {
    pack = unpack((await res.json()) as WirePack); // a pack not of this shape throws here too
  } catch {
    return { result: 'error' };
  }
  packs[l] = { locale: l, etag: res.headers.get('ETag') || '', savedAt: Date.now(), pack };
  const saved = await writePack(packs[l]!);
  return { result: 'updated', saved, before: old?.pack.version };
}

async function doRefresh(): Promise<string> {
  await packLoaded;
  const l = locale;
  lastCheck = Date.now();
  const r = await fetchPack(l);
  if (l !== locale) return 'stale';
  if (r.result === 'updated') {
    setState({ pack: packs[l]!.pack, packSaved: !!r.saved });
    if (r.saved) askPersistentStorage();
    if (r.before && r.before !== packs[l]!.pack.version) showToast('内容已更新');
  }
  if (l === 'zh-TW' && r.result !== 'offline') await fetchPack('zh-CN');
  return r.result;
}
/** Check again when the app comes back to the front, at most every few minutes. */
export function refreshIfStale(maxAgeMs = 5 * 60 * 1000): void {
  if (Date.now() - lastCheck > maxAgeMs) void refreshPack();
}

export async function switchLocale(next: Locale): Promise<boolean> {
  if (next === locale) return true;
  await packLoaded;
  await Promise.all([loadStored(next), next === 'zh-TW' ? loadStored('zh-CN') : null]);
  if (!packs[next] && !getState().online) {
    showToast('没有网络，联网后才能切换');
    return false;
  }
  locale = next;
  saveLocale(next);
  const s = packs[next];
  setState({ pack: s?.pack ?? null, packSaved: !!s });
  void refreshPack();
  return true;
}

function withLocale(path: string): string {
  return path + (path.includes('?') ? '&' : '?') + 'locale=' + locale;
}

function summary(c: CardSummary): CardSummary {
  return { slug: c.slug, topic: c.topic, question: c.question, summary: c.summary };
}

// ---- what the pages ask for ----

export async function loadTopics(): Promise<Topic[]> {
  await packLoaded;
  // A first visit is downloading the pack anyway: take the topics from it, not a second request.
  if (!getState().pack && inflight) await inflight.catch(() => undefined);
  const pack = getState().pack;
  if (pack) return pack.topics;
  return (await getJSON<{ items: Topic[] }>(withLocale('/api/v1/topics'))).items;
}

export async function loadTopic(slug: string): Promise<{ topic: Topic | undefined; cards: CardSummary[] }> {
  await packLoaded;
  const pack = getState().pack;
  if (pack) {
    const topic = pack.topics.find((t) => t.slug === slug);
    if (!topic) throw new HttpError(404, '没有这个话题。');
    return { topic, cards: pack.cards.filter((c) => c.topic === slug).map(summary) };
  }
  const [topics, page] = await Promise.all([
    loadTopics(),
    getJSON<CardPage>(withLocale(`/api/v1/cards?topic=${encodeURIComponent(slug)}&page_size=100`)),
  ]);
  const topic = topics.find((t) => t.slug === slug);
  if (!topic) throw new HttpError(404, '没有这个话题。');
  return { topic, cards: page.items };
}

export async function loadCard(slug: string): Promise<Card> {
  await packLoaded;
  const pack = getState().pack;
  if (pack) {
    const c = pack.cards.find((x) => x.slug === slug);
    if (!c) throw new HttpError(404, '没有找到这张卡片，它可能已经改名或删除。');
    const related = c.related
      .map((s) => pack.cards.find((x) => x.slug === s))
      .filter((x): x is NonNullable<typeof x> => !!x)
      .map(summary);
    return { ...c, related };
  }
  return getJSON<Card>(withLocale(`/api/v1/cards/${encodeURIComponent(slug)}`));
}

export interface SearchResult {
  items: CardSummary[];
  total: number;
  suggestions: Topic[];
}

export async function runSearch(q: string): Promise<SearchResult> {
  await packLoaded;
  const pack = getState().pack;
  if (pack) {
    const simp = packs['zh-CN']?.pack;
    // As the server does: a zh-TW query folded to simplified, over the simplified text, shown in the locale.
    const trad = locale === 'zh-TW' && simp && simp !== pack ? pack : undefined;
    const shown = new Map(pack.cards.map((c) => [c.slug, c]));
    const items = (await searchOffThread(trad ? simp! : pack, trad, q))
      .map((slug) => shown.get(slug))
      .filter((c): c is NonNullable<typeof c> => !!c)
      .map(summary);
    if (items.length || isOffline()) {
      return { items, total: items.length, suggestions: items.length ? [] : pack.topics };
    }
    // Nothing here (a query in traditional characters, say): the server converts it first.
    try {
      return await searchOnline(q);
    } catch {
      return { items, total: 0, suggestions: pack.topics };
    }
  }
  return searchOnline(q);
}

// The index is built and searched in a Web Worker (search-worker.ts), off the page's thread; where
// a worker cannot start (an old WebView), the same file runs here, loaded then as a plain script.
let worker: Worker | null | undefined;
let posted: { simp: Pack; trad?: Pack } | null = null;
let asked = 0;
const waiting = new Map<number, (slugs: string[] | null) => void>();

function startWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = new Worker(searchWorkerUrl);
    worker.onmessage = (e: MessageEvent<Answer>) => {
      waiting.get(e.data.id)?.(e.data.slugs);
      waiting.delete(e.data.id);
    };
    worker.onerror = () => {
      worker = null; // it failed to start or crashed: what waits runs here instead
      waiting.forEach((done) => done(null));
      waiting.clear();
    };
  } catch {
    worker = null;
  }
  return worker;
}

async function searchOffThread(simp: Pack, trad: Pack | undefined, q: string): Promise<string[]> {
  const w = startWorker();
  if (w) {
    if (posted?.simp !== simp || posted?.trad !== trad) {
      posted = { simp, trad };
      w.postMessage({ type: 'packs', simp, trad } satisfies Ask);
    }
    const id = ++asked;
    const slugs = await new Promise<string[] | null>((resolve) => {
      waiting.set(id, resolve);
      w.postMessage({ type: 'search', id, q } satisfies Ask);
    });
    if (slugs) return slugs;
  }
  const { fold, foldMap, packIndex, search } = await loadSearchHere();
  if (here?.simp !== simp || here?.trad !== trad) {
    here = { simp, trad, index: packIndex(simp), map: trad ? foldMap(simp, trad) : undefined };
  }
  return search(here.index, here.map ? fold(q, here.map) : q).map((h) => h.slug);
}
let here: { simp: Pack; trad?: Pack; index: Index; map?: Map<string, string> } | null = null;
let searchHere: Promise<SearchHere> | null = null;

/** The worker's script run in the page: it leaves its functions at window.__search. */
function loadSearchHere(): Promise<SearchHere> {
  searchHere ??= new Promise<SearchHere>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = searchWorkerUrl;
    script.onload = () => {
      const found = (window as { __search?: SearchHere }).__search;
      if (found) resolve(found);
      else reject(new Error('search: the script left no functions'));
    };
    script.onerror = () => reject(new Error('search: the script did not load'));
    document.head.appendChild(script);
  }).catch((e: unknown) => {
    searchHere = null; // asked again next time
    throw e;
  });
  return searchHere;
}

async function searchOnline(q: string): Promise<SearchResult> {
  const page = await getJSON<CardPage>(withLocale(`/api/v1/cards?q=${encodeURIComponent(q)}&page_size=50`));
  return { items: page.items, total: page.total, suggestions: page.suggestions || [] };
}

/** A shuffled copy (Fisher–Yates); the original is left as it was. */
function shuffled<T>(xs: readonly T[]): T[] {
  const out = xs.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Questions for one round, each with its options in a fresh order: the bank lists the right
 * answer first. The quiz judges an answer by its text, never by where it stands. The bank is not in
 * the pack: the service worker keeps it a few seconds after the first visit (sw.ts), so it plays offline. */
export async function drawQuiz(count = 10): Promise<QuizItem[]> {
  const bank = await getJSON<Sent<'QuizBank'>>(withLocale('/api/v1/content/quiz'));
  return shuffled(unpackQuiz(bank.quiz!)).slice(0, count).map((q) => ({ ...q, options: shuffled(q.options) }));
}
