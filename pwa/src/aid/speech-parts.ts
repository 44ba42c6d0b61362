// What the read-aloud buttons of 查进度 and the sent page say. Loaded when those pages open (it is
// precached), so the words spoken need not be in the first download.
import type { queued, sentApplication } from './store';
import type { Tracked } from './types';

/** "ACD34EFG" → "A C D 3，4 E F G": a voice reads a code letter by letter. */
export function spell(code: string): string {
  return [...code.replace(/[^A-Za-z0-9]/g, '')].map((ch, i) => (i === 4 ? '，' : i ? ' ' : '') + ch).join('');
}

/** What the read-aloud button says for one application: the page, top to bottom (`why` heads the reason). */
export function trackSpeech(t: Tracked, why: string, reason: string): Array<string | null | undefined> {
  return [
    `${t.case_type_label}，查询码 ${spell(t.code)}`,
    `现在：${t.stage_label}`,
    t.next_step,
    reason && `${why}：${reason}`,
    t.lawyer_office_phone && `援助律师办公电话：${t.lawyer_office_phone}`,
    t.materials_request && `要补充：${t.materials_request.asked}。期限：${t.materials_request.due_on} 前`,
    '办理经过',
    ...t.timeline.map((e) => (e.note && e.note !== reason ? `${e.label}：${e.note}` : e.label)),
  ];
}

type Sent = NonNullable<Awaited<ReturnType<typeof sentApplication>>>;
type Queued = Awaited<ReturnType<typeof queued>>;

/** What the sent page's read-aloud button says: the code letter by letter, what to keep, what comes next. */
export function sentSpeech(s: Sent | null | undefined, e: Queued | null | undefined, sending: boolean, next: string): string[] {
  if (s) return ['申请已经送到法律援助中心', `你的查询码是：${spell(s.codeDisplay)}`, '请把查询码抄在纸上，或者拍下来', next];
  if (e?.state === 'rejected') return [`申请没有送到：${e.message}`, '改一下再提交就行，填过的都还在'];
  if (e) return ['申请已存在手机上，等待发送', sending ? '正在发送' : '有信号时会自动发出，不用再按'];
  return [];
}

