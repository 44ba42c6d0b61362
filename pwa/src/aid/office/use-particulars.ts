// The state of a case's particulars form (case-particulars.tsx, particulars-fields.tsx): what is typed, the
// server's words on each field ("witnesses.0.name" …), and saving the whole object with PUT.
import { useState } from 'preact/hooks';
import { errorText, HttpError } from '../../core/api';
import { typedNumber } from '../../core/digits';
import { type Particulars, saveParticulars } from './case-api';

export type Key = keyof Particulars;
export type Witness = Particulars['witnesses'][number];

export interface ParticularsForm {
  v: Particulars;
  set: <K extends Key>(key: K, value: Particulars[K]) => void;
  errors: Record<string, string>;
  busy: boolean;
  saved: boolean;
  save: (e: Event) => void;
}

/** The 工伤认定 has a decision (with its date) only once it is decided either way. */
export const DECIDED = ['recognised', 'not_recognised'];

/** What is sent: blank witness rows dropped, the credit codes folded as typed (１２ → 12), no date without a decision. */
export function toSend(v: Particulars): Particulars {
  const code = (s: string) => typedNumber(s).replace(/-/g, '').toUpperCase();
  return {
    ...v,
    employer_credit_code: code(v.employer_credit_code),
    contractor_credit_code: code(v.contractor_credit_code),
    recognised_on: DECIDED.includes(v.injury_recognition) ? v.recognised_on : '',
    witnesses: v.witnesses.filter((w) => w.name.trim() || w.address.trim()),
  };
}

// What the 仲裁申请书 cannot do without (劳动争议调解仲裁法第二十八条), said when it is still empty.
const NEEDED: [Key, string][] = [
  ['worker_address', '工友住址'],
  ['employer_address', '对方住所地'],
  ['employer_legal_rep', '法定代表人'],
];

/** The line under the title: how many are filled, and which of the needed ones are not. */
export function filledLine(p: Particulars): string {
  const filled = Object.values(p).filter((x) => x !== '' && x !== null && !(Array.isArray(x) && !x.length)).length;
  const missing = NEEDED.filter(([k]) => !p[k] && !(k === 'employer_legal_rep' && p.employer_kind === 'individual')).map(([, label]) => label);
  if (!filled) return '还没填。没填的地方，文书里会写“（待补充）”。';
  return `已填 ${filled} 项` + (missing.length ? `，还没填：${missing.join('、')}` : '');
}

export function useParticulars(id: number, initial: Particulars, onSaved: (p: Particulars) => void): ParticularsForm {
  const [v, setV] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const set = <K extends Key>(key: K, value: Particulars[K]) => {
    setV((was) => ({ ...was, [key]: value }));
    setSaved(false);
  };
  const save = async (e: Event) => {
    e.preventDefault();
    const body = toSend(v);
    setV(body); // the rows the server numbers its words by ("witnesses.1.name") are the rows shown
    setBusy(true);
    try {
      const now = await saveParticulars(id, body);
      setV(now);
      setErrors({});
      setSaved(true);
      onSaved(now);
    } catch (x) {
      setErrors(x instanceof HttpError ? { ...x.fields, '': x.message } : { '': errorText(x) });
    } finally {
      setBusy(false);
    }
  };
  return { v, set, errors, busy, saved, save };
}
