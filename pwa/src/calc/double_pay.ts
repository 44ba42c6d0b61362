// 未签合同二倍工资 double pay (the twin of server/calculators/double_pay.py): one line per month from the day after
// the first month to the day before signing, the day of leaving or the day before one year — at most 11 months;
// a part month by 计薪日 × monthly ÷ 21.75; each month expires 1 year after it ends (earliest reading).
import {
  CalcInputError, addDays, addMonths, addYears, basis as basisOf, checkInputs, choice, day, hundredths, line, result,
  roundDiv, wage, yuan, type Answers, type CalcResult, type Line, type Question, type Rules,
} from './common';
import { covered, payDays, uncoveredNote } from './days';

const EXPIRES_NOTE = '每个月这部分按当月结束的次日起算 1 年，是最早的算法；各地起算口径不一（有的从补签合同或离开时才算），'
  + '过了也不一定全拿不回来，越早申请仲裁越稳妥（《劳动争议调解仲裁法》第二十七条）。';
const NOT_COVERED = [
  '正常的那一倍工资（没发的用“欠薪”计算器算）',
  '满一年还没签的，视为已经订立无固定期限劳动合同（实施条例第七条），之后不再按二倍算',
  '该签无固定期限合同而不签的二倍工资（劳动合同法第八十二条第二款）',
];

export const questions: Question[] = [
  { key: 'started_on', ask: '哪天开始干活的？', hint: '第一天上工的日子', kind: 'date' },
  { key: 'signed_on', ask: '哪天签的书面劳动合同？', hint: '一直没签就跳过', kind: 'date', optional: true },
  { key: 'left_on', ask: '哪天离开的？', hint: '还在干就跳过', kind: 'date', optional: true },
  { key: 'monthly_wage_fen', ask: '一个月工资多少钱？', kind: 'money' },
  { key: 'employer', ask: '是谁招你、给你发工资？', kind: 'choice', choices: [
    { value: 'company', label: '公司、单位' },
    { value: 'boss', label: '包工头个人' },
    { value: 'general', label: '总包，或包工头挂靠的公司' },
  ] },
];

const span = (a: string, b: string) => `${+a.slice(0, 4)}年${+a.slice(5, 7)}月${+a.slice(8)}日至${+b.slice(0, 4)}年${+b.slice(5, 7)}月${+b.slice(8)}日`;

export function compute(raw: Answers, rules: Rules, on: string): CalcResult {
  const inputs = checkInputs(raw);
  const r = rules.double_pay;
  const holidays = rules.holidays;
  const started = day(inputs, 'started_on', '开始干活的日期')!;
  const signed = day(inputs, 'signed_on', '签合同的日期', true);
  const left = day(inputs, 'left_on', '离开的日期', true);
  const monthly = wage(inputs, 'monthly_wage_fen', '月工资')!;
  const employer = choice(inputs, 'employer', ['company', 'boss', 'general'], 'company');
  for (const [d, key] of [[signed, 'signed_on'], [left, 'left_on']] as const) {
    if (d !== null && d < started) throw new CalcInputError(key, '这个日期不能早于开始干活的日期');
  }
  const basis = basisOf([r.first_month_free, r.most_months]);
  const most = Number(r.most_months.value);
  const end = [addDays(addYears(started, 1), -1), signed && addDays(signed, -1), left, on]
    .filter((d): d is string => !!d).sort()[0];
  const daily = roundDiv(monthly * 100, hundredths(rules.common.month_pay_days));
  const notes: string[] = [];
  const lines: Line[] = [];
  const uncovered = new Set<number>();
  for (let k = 1; k <= most; k++) {
    const from = addMonths(started, k);
    let to = addDays(addMonths(started, k + 1), -1);
    if (from > end) break;
    const shown = span(from, to < end ? to : end);
    let amount: number;
    let text: string;
    if (to <= end) {
      amount = monthly;
      text = `${shown}：多付一倍 = 月工资 ${yuan(monthly)} 元`;
    } else {
      to = end;
      const n = payDays(from, to, holidays);
      for (const d of [from, to]) if (!covered(d, holidays)) uncovered.add(+d.slice(0, 4));
      amount = Math.min(monthly, daily * n);
      text = amount < daily * n
        ? `${shown}（不满一个月）：计薪日 ${n} 天 × 每天 ${yuan(daily)} 元，最多一个月工资 ${yuan(amount)} 元`
        : `${shown}（不满一个月）：计薪日 ${n} 天 × 每天 ${yuan(daily)} 元 = ${yuan(amount)} 元`;
    }
    const expires = addYears(addDays(to, 1), 1);
    if (on > expires) {
      lines.push(line('expired', `${shown}：本来是 ${yuan(amount)} 元，${expires} 已过 1 年时效（按最早的算法），计 0.00 元`,
        0, basis, from, to, expires, EXPIRES_NOTE));
    } else {
      lines.push(line('month', text, amount, basis, from, to, expires, EXPIRES_NOTE));
    }
  }
  if (!lines.length) {
    notes.push('用工第一个月内签了合同（或还没满一个月），没有二倍工资。单位要在用工之日起一个月内签书面合同（《劳动合同法》第十条）。');
  } else {
    notes.push(`日工资 = 月工资 ${yuan(monthly)} 元 ÷ 21.75 = ${yuan(daily)} 元（只用于不满一个月的部分）。`);
  }
  if (uncovered.size) notes.push(uncoveredNote(uncovered));
  const caveats = employer === 'boss' ? ['boss_caveat', 'contractor_caveat'] : employer === 'general' ? ['contractor_caveat'] : [];
  for (const key of caveats) notes.push(`${r[key].plain}（${basisOf(r[key])}；${r[key].note}）`);
  notes.push(`${r.exceptions.plain}（${r.exceptions.note}）`);
  return result('double_pay', lines, NOT_COVERED, [], notes);
}
