// Plain helpers of the case screens (no domain imports, so node's unit tests can run them): amounts
// in yuan and fen, the server's field errors flattened for the forms, and each move's request body.
import { typedNumber } from '../core/digits';

/** {"json": {"checklist": {"arrears_checked": ["..."]}}} → {"checklist.arrears_checked": "..."} */
export function flattenErrors(errors: unknown, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(errors)) {
    const texts = errors.filter((e) => typeof e === 'string');
    if (texts.length && prefix) out[prefix] = texts.join(' ');
    errors.forEach((e, i) => typeof e === 'object' && e && Object.assign(out, flattenErrors(e, prefix ? `${prefix}.${i}` : String(i))));
  } else if (typeof errors === 'string') {
    if (prefix) out[prefix] = errors;
  } else if (errors && typeof errors === 'object') {
    for (const [k, v] of Object.entries(errors)) {
      // webargs puts a body's errors under "json" and a query's under "query": not a field.
      const key = !prefix && (k === 'json' || k === 'query') ? '' : prefix ? `${prefix}.${k}` : k;
      Object.assign(out, flattenErrors(v, key));
    }
  }
  return out;
}

/** 2400000 → "24,000 元"; 2400050 → "24,000.50 元". */
export function yuan(fen: number | null | undefined): string {
  if (fen == null) return '未填';
  const whole = Math.floor(fen / 100).toLocaleString('zh-CN');
  const cents = fen % 100;
  return `${whole}${cents ? '.' + String(cents).padStart(2, '0') : ''} 元`;
}

/** "1,234.5", "1234.50" or "１２３４．５" typed in yuan → fen; null when it is not an amount. */
export function toFen(text: string): number | null {
  const t = typedNumber(text).replace(/[,元]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return null;
  const [whole, part = ''] = t.split('.');
  return Number(whole) * 100 + Number(part.padEnd(2, '0'));
}

/** "12/1 15:28" in Beijing time, whatever zone the PC is set to (the server sends UTC). */
export function shortWhen(iso: string): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  return t.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hourCycle: 'h23', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/**
 * How pressing a date is, by the days left (the colour of its tag): past or within 7 days red
 * (《法律援助法》第四十四条's "less than 7 days" is when aid starts before the paperwork), within
 * 30 days amber (the inbox's 紧急), else green. A date nobody could work out is not green: grey.
 */
export function urgencyLevel(daysLeft: number | null | undefined, overdue = false): 'bad' | 'wait' | 'ok' | 'none' {
  if (overdue || (daysLeft != null && daysLeft < 7)) return 'bad';
  if (daysLeft == null) return 'none';
  return daysLeft <= 30 ? 'wait' : 'ok';
}

// The server's standard wording for reason_code contractor_dispute (server/aid/workflow.py REASON_CODES).
export const CONTRACTOR_DISPUTE =
  '经核实，这是承包方之间的工程款纠纷，不属于拖欠农民工工资，不予受理。如果你本人有被拖欠的工资，可以单独为自己的工资重新申请。';

/** What a move's form holds, field by field, as typed. */
export type Values = Record<string, string | boolean | number | null>;

/**
 * The request body of a move, and what is missing before it is even sent. `checklist` is the
 * acceptance checklist of the case's type, as the case view sends it (checklist_items).
 */
export function body(a: string, v: Values, checklist: readonly { key: string }[] = []): [Record<string, unknown>, Record<string, string>] {
  const missing: Record<string, string> = {};
  const text = (name: string) => String(v[name] ?? '').trim();
  const need = (name: string, message = '必须填写。') => {
    if (!text(name)) missing[name] = message;
    return text(name);
  };
  const opt = (name: string) => text(name) || undefined;
  let f: Record<string, unknown> = {};
  switch (a) {
    case 'accept': {
      checklist.forEach((i) => !v[i.key] && (missing[`checklist.${i.key}`] = '受理前要确认这一项。'));
      f = { checklist: Object.fromEntries(checklist.map((i) => [i.key, !!v[i.key]])), note: opt('note') };
      break;
    }
    case 'not_accept':
      f = { reason: need('reason', '请写明不予受理的理由，工友会看到。'), reason_code: v.reason_code || undefined };
      break;
    case 'request_materials':
      f = { asked: need('asked', '请写明需要补充什么。'), due_on: opt('due_on') };
      break;
    case 'assign':
    case 'reassign':
      if (!v.lawyer_id) missing.lawyer_id = '请选择一位律师。';
      f = { lawyer_id: v.lawyer_id, note: opt('note') };
      if (a === 'reassign') f = { lawyer_id: v.lawyer_id, reason: need('reason', '请写明改派的原因。') };
      break;
    case 'refuse_aid':
    case 'terminate':
    case 'lawyer_decline':
      f = { reason: need('reason', '请写明原因。') };
      break;
    case 'withdraw':
      f = { reason: opt('reason') };
      break;
    case 'progress':
      if (!v.kind) missing.kind = '请选择进展类型。';
      f = { kind: v.kind, note: need('note', '请写明进展情况。'), happened_on: opt('happened_on'), next_hearing_on: opt('next_hearing_on') };
      break;
    case 'close': {
      if (!text('outcome')) missing.outcome = '请选择结案方式。';
      const fen = toFen(text('recovered'));
      if (fen == null) missing.recovered = '请填写金额（元），例如 24000 或 24000.50；没有追回填 0。';
      f = { outcome: text('outcome'), recovered_fen: fen, closed_on: need('closed_on', '请填写结案日期。'), note: opt('note') };
      break;
    }
    case 'follow_up':
      if (!v.reached) missing.reached = '请选择是否联系上。';
      if (v.reached === 'yes' && !v.satisfaction) missing.satisfaction = '联系上了，请选满意度。';
      f = { reached: v.reached === 'yes', satisfaction: v.reached === 'yes' ? v.satisfaction : undefined, comment: opt('comment') };
      break;
    default:
      f = { note: opt('note') };
  }
  return [Object.fromEntries(Object.entries(f).filter(([, x]) => x !== undefined)), missing];
}

