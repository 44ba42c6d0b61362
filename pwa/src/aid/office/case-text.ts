// Plain helpers of the case screens (no domain imports, so node's unit tests can run them): amounts
// in yuan and fen, how pressing a date is, and each move's request body. The server's field errors
// are read by core/api.ts (refusal), moments shown by core/time.ts.
import type { components } from '../../core/api-types';
import { typedNumber } from '../../core/digits';

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

/** A move's form as the case view describes it (server/aid/workflow.py MOVES, move_schemas.describe). */
export type ActionForm = components['schemas']['ActionFormOut'];
export type FormFieldSpec = components['schemas']['FormFieldOut'];

/** What a move's form holds, field by field, as typed (a money field in yuan, a checklist item by its key). */
export type Values = Record<string, string | boolean | number | null>;

/** Whether a field is on the form now: one `shown_if` a yes/no field only while that is yes. */
export function shown(f: FormFieldSpec, v: Values): boolean {
  return !f.shown_if || v[f.shown_if] === true;
}

/** The values a form starts with: today's date where the server says so. */
export function initialValues(form: ActionForm, today: string): Values {
  const out: Values = {};
  for (const f of form.fields || []) out[f.name || ''] = f.default === 'today' ? today : null;
  return out;
}

/**
 * The request body of a move, and what is missing before it is even sent, read from the form the
 * server described. `checklist` is the acceptance checklist of the case's type (checklist_items).
 */
export function body(form: ActionForm, v: Values, checklist: readonly { key: string }[] = []): [Record<string, unknown>, Record<string, string>] {
  const missing: Record<string, string> = {};
  const out: Record<string, unknown> = {};
  for (const f of form.fields || []) {
    const name = f.name || '';
    if (!shown(f, v)) continue;
    const raw = v[name];
    const text = typeof raw === 'string' ? raw.trim() : '';
    const need = () => f.required && (missing[name] = f.need || '必须填写。');
    if (f.kind === 'checklist') {
      checklist.forEach((i) => !v[i.key] && (missing[`${name}.${i.key}`] = '受理前要确认这一项。'));
      out[name] = Object.fromEntries(checklist.map((i) => [i.key, !!v[i.key]]));
    } else if (f.kind === 'money') {
      const fen = toFen(text);
      if (fen == null) missing[name] = text ? '请填写金额（元），例如 24000 或 24000.50；没有追回填 0。' : f.need || '必须填写。';
      out[name] = fen;
    } else if (f.kind === 'text' || f.kind === 'date') {
      // a text a preset filled keeps the preset's code only while it is the preset's text, word for word
      if (!text && !(f.kind === 'text' && presetChosen(form, name, v))) need();
      if (text) out[name] = text;
    } else if (raw == null || raw === '') {
      need();
    } else out[name] = raw;
  }
  return [out, missing];
}

function presetChosen(form: ActionForm, name: string, v: Values): boolean {
  return (form.fields || []).some((p) => p.kind === 'preset' && p.fills === name && v[p.name || ''] != null);
}
