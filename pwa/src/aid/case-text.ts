// Plain helpers of the case screens (no imports, so node's unit tests can run them): amounts in
// yuan and fen, the server's field errors flattened for the forms, and each move's request body.

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

/** "1,234.5" or "1234.50" typed in yuan → fen; null when it is not an amount. */
export function toFen(text: string): number | null {
  const t = text.replace(/[,，\s元]/g, '');
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

export const CHECKLIST = [
  { key: 'work_facts_confirmed', label: '已核实干活的事实（在哪个工地、给谁干、干了多久）' },
  { key: 'arrears_checked', label: '已核对欠薪的期间和金额' },
  { key: 'employer_identified', label: '已查明用人单位（包工头、分包、总包）' },
] as const;

// The server's standard wording for reason_code contractor_dispute (server/aid/workflow.py REASON_CODES).
export const CONTRACTOR_DISPUTE =
  '经核实，这是承包方之间的工程款纠纷，不属于拖欠农民工工资，不予受理。如果你本人有被拖欠的工资，可以单独为自己的工资重新申请。';

/** What a move's form holds, field by field, as typed. */
export type Values = Record<string, string | boolean | number | null>;

/** The request body of a move, and what is missing before it is even sent. */
export function body(a: string, v: Values): [Record<string, unknown>, Record<string, string>] {
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
      const checklist = Object.fromEntries(CHECKLIST.map((i) => [i.key, !!v[i.key]]));
      CHECKLIST.forEach((i) => !v[i.key] && (missing[`checklist.${i.key}`] = '受理前要确认这一项。'));
      f = { checklist, note: opt('note') };
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

