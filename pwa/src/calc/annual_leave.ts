// 年休假 untaken paid leave (职工带薪年休假条例第二、三、五条；企业职工带薪年休假实施办法第三、四、五、九至十二条):
// the twin of server/calculators/annual_leave.py — inputs and reading are described there.
import {
  addMonths, addYears, basis, CalcInputError, checkInputs, count, day, daysBetween, hundredths, line, result, roundDiv, wage as wageRate, yesno, yuan,
  type Answers, type CalcResult, type Line, type Question, type Rule, type Rules,
} from './common';
import { service } from './tenure';

const MAX_YEARS = 60;

export const questions: Question[] = [
  { key: 'started_on', kind: 'date', ask: '哪天来这个单位的？' },
  { key: 'years_before', kind: 'number', ask: '来之前，一共已经上班几年了（换过老板的也算）？', optional: true,
    hint: '按整年填；第一份工作就填 0。' },
  { key: 'left_on', kind: 'date', ask: '已经离开的，哪天离开？', optional: true, hint: '还在干的不用填。' },
  { key: 'monthly_wage_fen', kind: 'money', ask: '前 12 个月平均每月工资多少（不算加班费）？' },
  { key: 'declined_in_writing', kind: 'yesno', ask: '单位安排了年假，是你自己写了字说不休吗？', optional: true },
  { key: 'taken_each_year', kind: 'number', ask: '每年已经休了几天年假？', optional: true,
    hint: '一天没休就填 0。各年不一样的，可以按年份分别填（跨年补休的算到原来那一年）。' },
];

function tier(rules: Rules, years: number): number {
  let days = 0;
  for (const step of rules.annual_leave.days_by_years.value as { from_years: number; days: number }[]) {
    if (years >= Number(step.from_years)) days = Number(step.days);
  }
  return days;
}

function taken(inputs: Answers): Map<number, number> {
  const raw = inputs.taken_days;
  const out = new Map<number, number>();
  if (raw === undefined || raw === null) return out;
  if (typeof raw !== 'object' || Array.isArray(raw) || Object.keys(raw).length > MAX_YEARS) {
    throw new CalcInputError('taken_days', '每年休了几天，要按年份填');
  }
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (!/^[0-9]+$/.test(k) || +k < 1990 || +k > 2100) throw new CalcInputError('taken_days', '年份要写成 2024 这样');
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 366) {
      throw new CalcInputError('taken_days', '休了的天数要填 0 到 366 之间的整数');
    }
    out.set(+k, v);
  }
  return out;
}

export function compute(raw: Answers, rules: Rules, on: string): CalcResult {
  const inputs = checkInputs(raw);
  const r: Record<string, Rule> = rules.annual_leave;
  const started = day(inputs, 'started_on', '来这个单位的日期') as string;
  const left = day(inputs, 'left_on', '离开的日期', true);
  if (left !== null && left < started) throw new CalcInputError('left_on', '离开的日期不能早于来的日期');
  const before = count(inputs, 'years_before', MAX_YEARS, '以前工作了几年', true) ?? 0;
  const wage = wageRate(inputs, 'monthly_wage_fen', '前 12 个月的平均月工资（不算加班费）') as number;
  const took = taken(inputs);
  const each = count(inputs, 'taken_each_year', 366, '每年休了几天', true) ?? 0;
  const notes = ['年休假天数按累计工作年限算，换过单位的年限也算；这里把以前的工作当作连续的。',
    '一年里工龄跨过 10 年或 20 年的，这里按这一年最后计算那天的工龄算天数，请 12348 核对。'];
  const notCovered = ['请过长事假、长病假的那一年可能没有年假（职工带薪年休假条例第四条），这里没算。',
    '单位不安排又不给钱的，劳动部门责令改正后仍不给的，还要另付同样数额的赔偿金（条例第七条），这里没算。'];
  if (yesno(inputs, 'declined_in_writing', false)) {
    notes.push('单位安排了年假、你自己书面提出不休的，单位只付正常工资，不再另付 200%（实施办法第十条第二款）。');
    return result('annual_leave', [], notCovered, [], notes);
  }
  const eligible = before >= 1 ? started : addMonths(started, Number(r.eligible_after_months.value));
  const last = left ?? `${String(+on.slice(0, 4) - 1).padStart(4, '0')}-12-31`;
  const divisor = r.pay_days_per_month.value;
  const daily = roundDiv(wage * 100, hundredths(r.pay_days_per_month));
  const extra = Number(r.untaken_pay_percent_extra.value);
  const perYear = Number(r.days_in_year_for_prorating.value);
  const lines: Line[] = [];
  for (let year = +eligible.slice(0, 4); year <= +last.slice(0, 4); year++) {
    const y = String(year).padStart(4, '0');
    const frm = `${y}-01-01` > eligible ? `${y}-01-01` : eligible;
    const to = `${y}-12-31` < last ? `${y}-12-31` : last;
    if (frm > to) continue;
    const [months] = service(started, to);
    const full = tier(rules, before + Math.floor(months / 12));
    const counted = daysBetween(frm, to) + 1;
    const whole = frm === `${y}-01-01` && to === `${y}-12-31`;
    const due = whole ? full : Math.min(full, Math.floor((counted * full) / perYear));
    const tookYear = took.get(year) ?? each;
    const leftDays = due - tookYear;
    if (leftDays <= 0) continue;
    const how = whole ? `工龄满 ${before + Math.floor(months / 12)} 年，全年 ${full} 天`
      : `在本单位 ${counted} 天 ÷ ${perYear} × ${full} 天，不足 1 天的不算`;
    const amount = roundDiv(leftDays * daily * extra, 100);
    const text = `${year} 年：应休 ${due} 天（${how}），已休 ${tookYear} 天，没休 ${leftDays} 天`
      + ` × 日工资 ${yuan(daily)} 元（月工资 ${yuan(wage)} 元 ÷ ${divisor}）× ${extra}% = ${yuan(amount)} 元`;
    const used = [r.untaken_pay_percent_extra, r.days_by_years];
    if (!whole) used.push(r.days_in_year_for_prorating);
    lines.push(line('annual_leave', text, amount, basis(used), frm, to, addYears(to, 1), r.limitation.note ?? ''));
  }
  if (left === null) notes.push(`还在这里干的，只算到 ${last}；今年的年假还可以休。`);
  if (eligible > last) notes.push(`连续工作满 12 个月（${eligible}）以后才有年休假。`);
  return result('annual_leave', lines, notCovered, [], notes);
}
