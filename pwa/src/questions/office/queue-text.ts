// The queue's plain parts, with no screen: its tabs and filters (read from the page's address, written to the
// API's query), each question's age against the 24-hour clock, the urgent flags, and the words of the choices.
import type { AgeState, Channel, Message, NextStep, QuestionView, Urgent, Verdict } from './types';

/** 待回复 / 我认领的 / 已回复 / 全部: the `status` the server filters by. */
export const TABS = [
  { id: 'open', label: '待回复' },
  { id: 'mine', label: '我认领的' },
  { id: 'answered', label: '已回复' },
  { id: 'all', label: '全部' },
] as const;
export type Tab = (typeof TABS)[number]['id'];

export const CHANNELS: { id: Channel; label: string }[] = [
  { id: 'app_text', label: '手机文字' },
  { id: 'app_voice', label: '手机语音' },
  { id: 'hotline', label: '热线电话' },
  { id: 'walk_in', label: '来访' },
  { id: 'event', label: '活动现场' },
];

export const AGES: { id: AgeState; label: string }[] = [
  { id: 'overdue', label: '已超时' },
  { id: 'due_soon', label: '快到时' },
  { id: 'on_time', label: '未超时' },
];

export const NEXT_STEPS: { id: NextStep; label: string }[] = [
  { id: 'none', label: '不需要' },
  { id: 'apply_aid', label: '申请法律援助' },
  { id: 'call_12333', label: '打 12333 投诉' },
  { id: 'arbitration', label: '申请劳动仲裁' },
  { id: 'collect_evidence', label: '先收集证据' },
  { id: 'visit_office', label: '来法律援助中心' },
];

export const VERDICTS: { id: Verdict; label: string }[] = [
  { id: 'not_legal', label: '不是法律问题' },
  { id: 'spam', label: '广告' },
  { id: 'abusive', label: '骚扰' },
];

export function channelLabel(id: string, sent?: string): string {
  return sent || CHANNELS.find((c) => c.id === id)?.label || id;
}

/** What the queue shows, from the page's address; the search box is never in it (phones and names stay out). */
export interface Filters {
  tab: Tab;
  type: string;
  channel: string;
  age: string;
  urgent: boolean;
  page: number;
}

export function readFilters(p: URLSearchParams): Filters {
  const tab = TABS.find((t) => t.id === p.get('tab'))?.id ?? 'open';
  const pick = (name: string, ok: (v: string) => boolean) => {
    const v = p.get(name) || '';
    return ok(v) ? v : '';
  };
  return {
    tab,
    type: pick('type', (v) => /^[a-z_]{1,30}$/.test(v)),
    channel: pick('channel', (v) => CHANNELS.some((c) => c.id === v)),
    age: pick('age', (v) => AGES.some((a) => a.id === v)),
    urgent: p.get('urgent') === '1',
    page: Math.max(1, Math.floor(Number(p.get('page'))) || 1),
  };
}

/** The page's own address for these filters (page 1 and empty filters left out). */
export function queueHref(f: Filters): string {
  const q = new URLSearchParams({ tab: f.tab });
  if (f.type) q.set('type', f.type);
  if (f.channel) q.set('channel', f.channel);
  if (f.age) q.set('age', f.age);
  if (f.urgent) q.set('urgent', '1');
  if (f.page > 1) q.set('page', String(f.page));
  return `/office/questions?${q}`;
}

/** GET /api/v1/questions's query: the filters as the server names them, with the search typed (if any). */
export function queueQuery(f: Filters, search: string, pageSize: number): string {
  const q = new URLSearchParams({ page: String(search ? 1 : f.page), page_size: String(pageSize) });
  if (f.tab !== 'all') q.set('status', f.tab); // 全部: no status (the server's '')
  if (f.type) q.set('case_type', f.type);
  if (f.channel) q.set('channel', f.channel);
  if (f.age) q.set('age', f.age);
  if (f.urgent) q.set('urgent', '1');
  if (search.trim()) q.set('q', search.trim());
  return q.toString();
}

export interface AgeBadge {
  level: AgeState;
  cls: string;
  text: string;
}

/** The 24-hour clock as a tag: "还剩 5 小时" (amber under 6 h), "超时 3 小时" in red; the server's age_state decides the colour. */
export function ageBadge(state: AgeState, dueAt: string, now: number = Date.now()): AgeBadge {
  const ms = Date.parse(dueAt) - now;
  const hours = Number.isFinite(ms) ? Math.floor(Math.abs(ms) / 3_600_000) : 0;
  const mins = Number.isFinite(ms) ? Math.floor(Math.abs(ms) / 60_000) : 0;
  const span = hours >= 1 ? `${hours} 小时` : `${Math.max(1, mins)} 分钟`;
  if (state === 'overdue' || ms < 0) return { level: 'overdue', cls: 'tag tag-bad', text: ms < 0 ? `超时 ${span}` : '已超时' };
  if (state === 'due_soon') return { level: 'due_soon', cls: 'tag tag-wait', text: `还剩 ${span}` };
  return { level: 'on_time', cls: 'tag tag-ok', text: `还剩 ${span}` };
}

/** An urgent flag in words: "仲裁时效快到了 · 2027-01-05 前". */
export function urgentText(u: Urgent): string {
  return u.due_on ? `${u.label} · ${u.due_on} 前` : u.label;
}

type Threaded = Pick<QuestionView, 'id' | 'text' | 'created_at' | 'messages'> & { audio_id?: string | null; audio_ids?: string[] };

/** The thread as read: the question itself first (unless the server already sent it as the first message), then the rest. */
export function threadOf(q: Threaded): Message[] {
  const first = q.messages[0];
  const audio = q.audio_id ?? q.audio_ids?.[0] ?? null;
  if (first && first.author === 'asker' && (first.text === q.text || (!!audio && first.audio_id === audio))) return q.messages;
  if (!q.text && !audio) return q.messages;
  const asked: Message = { id: 0, author: 'asker', text: q.text, audio_id: audio, duration_ms: null, cards: [], next_step: null, next_step_label: null, created_at: q.created_at };
  return [asked, ...q.messages];
}

/** The question's photos for the case screens' viewer: as the server lists them, or made from their upload ids. */
export function photosOf(q: Pick<QuestionView, 'photos' | 'upload_ids'>): { id: string; label: string; url: string; thumbnail_url: string }[] {
  if (q.photos?.length) return q.photos.map((p, i) => ({ ...p, label: p.label || `照片 ${i + 1}` }));
  return (q.upload_ids || []).map((id, i) => ({ id, label: `照片 ${i + 1}`, url: `/api/v1/uploads/${id}`, thumbnail_url: `/api/v1/uploads/${id}/thumbnail` }));
}

/** A check's tag by its severity (the server's ok | urgent | overdue | unknown): red when urgent or passed, amber when unknown. */
export function checkClass(severity: string): string {
  if (severity === 'urgent' || severity === 'overdue') return 'tag tag-bad';
  if (severity === 'ok') return 'tag tag-ok';
  return 'tag tag-wait';
}
