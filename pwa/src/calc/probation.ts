// 试用期工资 (劳动合同法第十九、二十、八十三条；实施条例第十五条): the twin of server/calculators/probation.py —
// inputs and reading (the higher of the two 80 % figures and the minimum wage; the other reading said) are there.
import {
  addDays, addMonths, addYears, ARBITRATION, basis, CalcInputError, checkInputs, choice, count, day, line, money,
  result, roundDiv, wage, wageExpiry, wageExpiryNote, yuan,
  type Answers, type CalcResult, type FigureUsed, type Line, type Question, type Rule, type Rules,
} from './common';
import { localFigure } from './tenure';

const TERMS = ['under_3m', 'task', '3m_to_1y', '1y_to_3y', '3y_plus', 'open_ended'];
const TERM_TEXT: Record<string, string> = {
  under_3m: '合同不满 3 个月', task: '干完一项活就结束的合同', '3m_to_1y': '合同 3 个月以上不满 1 年',
  '1y_to_3y': '合同 1 年以上不满 3 年', '3y_plus': '合同 3 年以上', open_ended: '没有固定期限的合同',
};

export const questions: Question[] = [
  { key: 'probation_months', kind: 'number', ask: '试用期干了几个月？' },
  { key: 'paid_monthly_fen', kind: 'money', ask: '试用期每月实际发了多少钱？' },
  { key: 'agreed_wage_fen', kind: 'money', ask: '合同上写的（转正后的）月工资是多少？', optional: true,
    hint: '没有合同、不知道的可以不填。' },
  { key: 'lowest_same_post_fen', kind: 'money', ask: '单位里同样岗位最低一档的月工资是多少？', optional: true,
    hint: '不知道可以不填。' },
  { key: 'region', kind: 'region', ask: '单位在哪个地方？', optional: true },
  { key: 'min_wage_fen', kind: 'money', ask: '当地每月最低工资标准是多少？', optional: true,
    hint: '选了地区、表里有这个数的可以不填。' },
  { key: 'contract_term', kind: 'choice', ask: '合同签了多长时间？', optional: true, choices: [
    { value: 'under_3m', label: '不满 3 个月' },
    { value: 'task', label: '干完一项活就结束' },
    { value: '3m_to_1y', label: '3 个月以上，不满 1 年' },
    { value: '1y_to_3y', label: '1 年以上，不满 3 年' },
    { value: '3y_plus', label: '3 年以上' },
    { value: 'open_ended', label: '没有写结束日期（无固定期限）' },
  ] },
  { key: 'started_on', kind: 'date', ask: '试用期哪天开始？', optional: true },
  { key: 'left_on', kind: 'date', ask: '已经离开的，哪天离开？', optional: true, hint: '还在干的不用填。' },
];

function floors(inputs: Answers, rules: Rules, on: string): [[number, string][], number | null, FigureUsed[]] {
  const r: Record<string, Rule> = rules.probation;
  const out: [number, string][] = [];
  for (const [key, rule, name] of [['agreed_wage_fen', 'floor_percent_of_agreed_wage', '合同约定工资'],
    ['lowest_same_post_fen', 'floor_percent_of_lowest_same_post', '本单位同岗位最低档工资']]) {
    const v = wage(inputs, key, name, true);
    if (v !== null) {
      const pct = Number(r[rule].value);
      const f = roundDiv(v * pct, 100);
      out.push([f, `${name} ${yuan(v)} 元 × ${pct}% = ${yuan(f)} 元`]);
    }
  }
  const [minWage, used] = localFigure(inputs, rules, 'min_wage_fen', '当地最低工资标准', on);
  if (!out.length && minWage === null) {
    throw new CalcInputError('agreed_wage_fen', '请至少填合同约定的工资、同岗位最低档工资或当地最低工资中的一个');
  }
  return [out, minWage, used ? [used] : []];
}

export function compute(raw: Answers, rules: Rules, on: string): CalcResult {
  const inputs = checkInputs(raw);
  const r: Record<string, Rule> = rules.probation;
  const paid = money(inputs, 'paid_monthly_fen', '试用期每月实际发的工资') as number;
  const n = count(inputs, 'probation_months', 24, '试用期干了几个月') as number;
  if (n === 0) throw new CalcInputError('probation_months', '试用期干了几个月要填 1 到 24 之间的整数');
  const started = day(inputs, 'started_on', '试用期第一天', true);
  const left = day(inputs, 'left_on', '离开的日期', true);
  const [eighty, minWage, figures] = floors(inputs, rules, started ?? on);
  const candidates = [...eighty, ...(minWage !== null ? [[minWage, `当地最低工资标准 ${yuan(minWage)} 元`] as [number, string]] : [])];
  const [floor, why] = candidates.reduce((best, c) => (c[0] > best[0] ? c : best));
  const periodTo = started ? addDays(addMonths(started, n), -1) : null;
  const notes: string[] = [];
  const lines: Line[] = [];
  if (floor > paid) {
    const short = floor - paid;
    const text = `试用期每月最少 ${yuan(floor)} 元（${why}），实际每月 ${yuan(paid)} 元，少 ${yuan(short)} 元 × ${n} 个月`
      + ` = ${yuan(short * n)} 元`;
    lines.push(line('probation_shortfall', text, short * n, basis([r.floor_percent_of_agreed_wage, r.floor_min_wage]),
      started, periodTo, wageExpiry(left), wageExpiryNote(left)));
  } else {
    notes.push(`试用期每月最少 ${yuan(floor)} 元（${why}），实际发的 ${yuan(paid)} 元没有低于它。`);
  }
  if (eighty.length === 2) {
    const other = Math.max(Math.min(eighty[0][0], eighty[1][0]), ...(minWage !== null ? [minWage] : []));
    notes.push(`${r.floor_percent_of_agreed_wage.note} 按另一种理解（达到其中一个就行），`
      + `每月最少 ${yuan(other)} 元，一共少 ${yuan(Math.max(0, other - paid) * n)} 元。`);
  } else if (eighty.length === 1) {
    notes.push(`${r.floor_percent_of_agreed_wage.note} 这里只知道其中一个，按它算。`);
  }
  if (minWage === null) notes.push('没有填当地最低工资标准：试用期工资也不能低于它。');
  lines.push(...excess(inputs, rules, n, started, left));
  const notCovered = ['试用期以外的欠薪、加班费另外算。',
    '试用期里被辞退的，单位要有法定理由并说明（劳动合同法第二十一条），这里不算。'];
  return result('probation', lines, notCovered, figures, notes);
}

/** 第八十三条: probation served beyond the legal length, paid at the full monthly wage. */
function excess(inputs: Answers, rules: Rules, n: number, started: string | null, left: string | null): Line[] {
  if (inputs.contract_term === undefined || inputs.contract_term === null) return [];
  const r: Record<string, Rule> = rules.probation;
  const term = choice(inputs, 'contract_term', TERMS);
  const longest = Number((r.longest_months.value as Record<string, number>)[term]);
  const over = n - longest;
  const agreed = wage(inputs, 'agreed_wage_fen', '合同约定工资', true);
  if (over <= 0 || agreed === null) return [];
  const allowed = longest ? `试用期最多 ${longest} 个月` : '不能约定试用期';
  const text = `${TERM_TEXT[term]}，${allowed}，多出的 ${over} 个月 × 转正后的月工资 ${yuan(agreed)} 元`
    + ` = ${yuan(over * agreed)} 元（赔偿金）`;
  const from = started ? addMonths(started, longest) : null;
  const to = started ? addDays(addMonths(started, n), -1) : null;
  const note = `1 年仲裁时效从知道权利被侵害那天起算（${ARBITRATION}）`
    + (left ? `，这里按离开那天 ${left} 推算。` : '；没填离开日期，没法推算，越早申请越稳妥。');
  return [line('probation_excess', text, over * agreed, basis([r.longest_months, r.excess_paid_at_full_wage]), from, to,
    left ? addYears(left, 1) : null, note)];
}
