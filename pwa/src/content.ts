// Where the cards come from: the offline pack (IndexedDB) once it is on the phone, the API
// before that (a link opened cold shows its card at once, while the pack downloads behind).
// The pack is revalidated with its ETag on start, when the network comes back and when the
// app is reopened, so new content arrives without reinstalling.
import { getJSON, HttpError, OfflineError, request } from './api';
import { readPack, writePack, type StoredPack } from './db';
import { buildIndex, search, type Index } from './search';
import { getLocale, saveLocale } from './settings';
import { getState, setState, showToast } from './store';
import type { Card, CardPage, CardSummary, Locale, Pack, QuizItem, Topic } from './types';

let locale: Locale = getLocale();
let stored: StoredPack | null = null;
let index: { pack: Pack; index: Index } | null = null;
let lastCheck = 0;
let inflight: Promise<string> | null = null;

/** Resolves once the pack kept on the phone (if any) is loaded. */
export let packLoaded: Promise<void> = Promise.resolve();

export function currentLocale(): Locale {
  return locale;
}

export function initContent(): void {
  packLoaded = readPack(locale).then((s) => {
    if (s && s.pack && Array.isArray(s.pack.cards)) {
      stored = s;
      setState({ pack: s.pack, packSaved: true });
    }
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

async function doRefresh(): Promise<string> {
  await packLoaded;
  const forLocale = locale;
  lastCheck = Date.now();
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (stored?.etag && stored.locale === forLocale) headers['If-None-Match'] = stored.etag;
  let res: Response;
  try {
    // no-store: our own ETag decides; a 304 comes back to us instead of a cached copy.
    res = await request(`/api/v1/content/pack?locale=${forLocale}`, { headers, cache: 'no-store' });
  } catch {
    return 'offline';
  }
  if (res.status === 304) return 'current';
  if (!res.ok) return 'error';
  let pack: Pack;
  try {
    pack = await res.json();
  } catch {
    return 'error';
  }
  if (forLocale !== locale || !Array.isArray(pack.cards)) return 'stale';
  const before = stored?.locale === forLocale ? stored.pack.version : '';
  stored = { locale: forLocale, etag: res.headers.get('ETag') || '', savedAt: Date.now(), pack };
  const saved = await writePack(stored);
  setState({ pack, packSaved: saved });
  if (saved) askPersistentStorage();
  if (before && before !== pack.version) showToast('内容已更新');
  return 'updated';
}

/** Check again when the app comes back to the front, at most every few minutes. */
export function refreshIfStale(maxAgeMs = 5 * 60 * 1000): void {
  if (Date.now() - lastCheck > maxAgeMs) void refreshPack();
}

let persistAsked = false;
function askPersistentStorage(): void {
  if (persistAsked) return;
  persistAsked = true;
  try {
    void navigator.storage?.persist?.().catch(() => undefined);
  } catch {
    /* not offered here */
  }
}

export async function switchLocale(next: Locale): Promise<boolean> {
  if (next === locale) return true;
  const s = await readPack(next);
  if (!s && !getState().online) {
    showToast('没有网络，联网后才能切换');
    return false;
  }
  locale = next;
  saveLocale(next);
  stored = s ?? null;
  setState({ pack: s?.pack ?? null, packSaved: !!s });
  void refreshPack();
  return true;
}

function withLocale(path: string): string {
  return path + (path.includes('?') ? '&' : '?') + 'locale=' + locale;
}

function packIndex(pack: Pack): Index {
  if (!index || index.pack !== pack) index = { pack, index: buildIndex(pack.cards) };
  return index.index;
}

function summary(c: CardSummary): CardSummary {
  return { slug: c.slug, topic: c.topic, question: c.question, summary: c.summary };
}

// ---- what the pages ask for ----

export async function loadTopics(): Promise<Topic[]> {
  await packLoaded;
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
    const items = search(packIndex(pack), q);
    return { items, total: items.length, suggestions: items.length ? [] : pack.topics };
  }
  const page = await getJSON<CardPage>(withLocale(`/api/v1/cards?q=${encodeURIComponent(q)}&page_size=50`));
  return { items: page.items, total: page.total, suggestions: page.suggestions || [] };
}

export async function drawQuiz(count = 10): Promise<QuizItem[]> {
  await packLoaded;
  const pack = getState().pack;
  if (pack && pack.quiz.length) {
    const bank = pack.quiz.slice();
    for (let i = bank.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [bank[i], bank[j]] = [bank[j], bank[i]];
    }
    return bank.slice(0, count);
  }
  return (await getJSON<{ items: QuizItem[] }>(withLocale(`/api/v1/quiz?count=${count}`))).items;
}

export function errorText(err: unknown): string {
  if (err instanceof OfflineError) return '没有网络，这部分内容还没有存到手机上。联网后打开一次，以后没网也能看。';
  if (err instanceof HttpError) return err.message;
  return '出了点问题，请稍后再试。';
}
