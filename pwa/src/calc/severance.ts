// 经济补偿 / 赔偿金 (劳动合同法第四十六、四十七、四十八、八十七条；实施条例第二十五、二十七条): the twin of
// server/calculators/severance.py — inputs and reading are described there.
import {
  addYears, ARBITRATION, basis, CalcInputError, checkInputs, choice, day, line, result, roundDiv, wage as wageRate, yesno, yuan,
  type Answers, type CalcResult, type Question, type Rule, type Rules,
} from './common';
import { localFigure, service, serviceText } from './tenure';

const ENDED_BY = ['employer', 'worker', 'agreed', 'expired', 'closed', 'task_done'];
const NO_PAY: Record<string, string> = {
  misconduct: '单位以严重违纪、严重失职、试用期不合格等过错辞退的，不付经济补偿（劳动合同法第三十九条）。'
    + '但要由单位拿出证据；拿不出来的，可能是违法解除，可以要 2 倍的赔偿金，'
    + '请把“老板说的理由”选成“没有正当理由”再算一次。',
  own: '自己想走、单位没有过错的，不付经济补偿。单位欠薪、不交社保、不提供劳动保护的，选那一项再算一次。',
  renewal: '单位按原来一样或更好的条件续签、是你不愿意的，合同到期不付经济补偿（劳动合同法第四十六条第五项）。',
};

export const questions: Question[] = [
  { key: 'ended_by', kind: 'choice', ask: '最后是怎么不干的？', choices: [
    { value: 'employer', label: '老板（单位）叫我走的' },
    { value: 'worker', label: '我自己提出走的' },
    { value: 'agreed', label: '单位提出商量让我走，我同意了' },
    { value: 'expired', label: '合同到期，没有再续' },
    { value: 'closed', label: '单位倒闭、关门、被吊销执照或者提前解散' },
    { value: 'task_done', label: '说好干完这个活就结束，活干完了' },
  ] },
  { key: 'employer_reason', kind: 'choice', ask: '老板说的理由是哪一种？', when: (a) => a.ended_by === 'employer', choices: [
    { value: 'misconduct', label: '说我严重违反规章、严重失职，或者试用期不合格' },
    { value: 'no_fault', label: '说我病好后干不了、培训调岗后还干不好，或者情况大变谈不拢' },
    { value: 'layoff', label: '裁员' },
    { value: 'no_reason', label: '没有正当理由，或者说不出理由' },
  ] },
  { key: 'worker_reason', kind: 'choice', ask: '你走，是因为单位有下面的情况吗？', when: (a) => a.ended_by === 'worker', choices: [
    { value: 'employer_fault', label: '是：单位欠薪、不交社保、不提供劳动保护，或者强迫、冒险作业' },
    { value: 'own', label: '不是，我自己想走' },
  ] },
  { key: 'refused_renewal', kind: 'yesno', ask: '单位有没有提出按原来一样或更好的条件续签，是你不愿意？',
    when: (a) => a.ended_by === 'expired' },
  { key: 'started_on', kind: 'date', ask: '哪天开始在这个单位干活？' },
  { key: 'left_on', kind: 'date', ask: '合同哪天结束（最后一天）？' },
  { key: 'monthly_wage_fen', kind: 'money', ask: '走之前 12 个月，平均每月应得多少钱？',
    hint: '奖金、津贴、补贴都算；不满 12 个月的按干了的月份平均。' },
  { key: 'region', kind: 'region', ask: '单位在哪个地方？', optional: true },
  { key: 'min_wage_fen', kind: 'money', ask: '当地每月最低工资标准是多少？', optional: true,
    hint: '不知道可以不填；选了地区、表里有这个数的也可以不填。' },
  { key: 'avg_wage_fen', kind: 'money', ask: '当地上年度职工月平均工资是多少？', optional: true,
    hint: '市里每年公布。只有月工资很高（超过它的 3 倍）才用得上，不知道可以不填。' },
];

function which(inputs: Answers): string {
  const endedBy = choice(inputs, 'ended_by', ENDED_BY);
  if (endedBy === 'employer') {
    const reason = choice(inputs, 'employer_reason', ['misconduct', 'no_fault', 'layoff', 'no_reason']);
    return ({ misconduct: 'misconduct', no_reason: '2N' } as Record<string, string>)[reason] ?? 'N';
  }
  if (endedBy === 'worker') return choice(inputs, 'worker_reason', ['employer_fault', 'own']) === 'employer_fault' ? 'N' : 'own';
  if (endedBy === 'expired' && yesno(inputs, 'refused_renewal', false)) return 'renewal';
  return 'N';
}

export function compute(raw: Answers, rules: Rules, on: string): CalcResult {
  void on;
  const inputs = checkInputs(raw);
  const r: Record<string, Rule> = rules.severance;
  const started = day(inputs, 'started_on', '开始干活的日期') as string;
  const left = day(inputs, 'left_on', '合同结束的日期') as string;
  if (left < started) throw new CalcInputError('left_on', '结束的日期不能早于开始干活的日期');
  const wage = wageRate(inputs, 'monthly_wage_fen', '前 12 个月的平均月工资') as number;
  const kind = which(inputs);
  const [minWage, minUsed] = localFigure(inputs, rules, 'min_wage_fen', '当地最低工资标准', left);
  const [avg, avgUsed] = localFigure(inputs, rules, 'avg_wage_fen', '当地上年度职工月平均工资', left);
  const figures = [minUsed, avgUsed].filter((f) => f !== null);
  const notes: string[] = [];
  const notCovered = ['欠的工资、加班费、没休的年假、二倍工资，要另外算。'];
  if (kind in NO_PAY) return result('severance', [], notCovered, figures, [NO_PAY[kind]]);

  const inForce = String(r.law_in_force_from.value);
  const first = kind === '2N' || started >= inForce ? started : inForce;
  if (first !== started) notCovered.push(`${inForce} 以前的工作年限，按当时的规定算经济补偿（劳动合同法第九十七条），这里没算。`);
  const [months, days] = service(first, left);
  const partFrom = Number(r.part_year_counts_as_year_from_months.value);
  let halves = Math.floor(months / 12) * 2 * Number(r.months_per_full_year.value);
  const rest = months % 12;
  if (rest >= partFrom) halves += 2;
  else if (rest || days) halves += Math.round(2 * Number(r.under_six_months_pays_half.value));

  let base = wage;
  let why = `前 12 个月平均 ${yuan(wage)} 元`;
  let used = [r.months_per_full_year, r.base_months];
  if (minWage !== null && wage < minWage) {
    base = minWage;
    why = `平均工资低于当地最低工资，按最低工资 ${yuan(minWage)} 元`;
    used.push(r.base_floor_is_min_wage);
  } else if (minWage === null) {
    notes.push('没有填当地最低工资标准：平均工资低于它的，要按最低工资算。');
  }
  const times = Number(r.cap_times_local_average.value);
  const capYears = r.cap_years_when_capped.value;
  if (avg !== null && base > times * avg) {
    base = times * avg;
    why = `高于当地上年度职工月平均工资 ${yuan(avg)} 元的 ${times} 倍，按 ${times} 倍算`;
    halves = Math.min(halves, 2 * Number(capYears));
    why += `，年限最多算 ${capYears} 年`;
    used.push(r.cap_times_local_average);
  } else if (avg === null) {
    notes.push(`没有填当地上年度职工月平均工资，没有检查封顶：月工资高于它的 ${times} 倍的，`
      + `按 ${times} 倍算，年限最多算 ${capYears} 年。`);
  }
  const nText = halves % 2 === 0 ? String(halves / 2) : `${Math.floor(halves / 2)}.5`;
  const worked = `从 ${first} 到 ${left} 干了 ${serviceText(months, days)}，算 ${nText} 个月`;
  const expires = addYears(left, 1);
  const expiresNote = `1 年仲裁时效从知道权利被侵害那天起算（${ARBITRATION}），这里按合同结束那天 ${left} 推算；`
    + '讨过、投诉过的，时效从那时重新算。';
  if (kind === '2N') {
    const times2 = Number(r.unlawful_multiplier.value);
    const amount = (halves * base * times2) / 2;
    const text = `违法解除的赔偿金：${worked}（从用工第一天算）× 月工资 ${yuan(base)} 元（${why}）× ${times2}`
      + ` = ${yuan(amount)} 元`;
    used = [r.unlawful_multiplier, r.unlawful_years_from_first_day, ...used];
    notes.push('也可以不要赔偿金、要求回去继续干（劳动合同法第四十八条）；拿了赔偿金就不再拿经济补偿。');
    return result('severance', [line('unlawful_dismissal', text, amount, basis(used), first, left, expires, expiresNote)],
      notCovered, figures, notes);
  }
  const amount = roundDiv(halves * base, 2);
  const text = `经济补偿：${worked} × 月工资 ${yuan(base)} 元（${why}）= ${yuan(amount)} 元`;
  if (inputs.employer_reason === 'no_fault' && inputs.ended_by === 'employer') {
    notCovered.push('没有提前 30 天书面通知的，还要多付 1 个月工资（劳动合同法第四十条），这里没算。');
  }
  return result('severance', [line('severance', text, amount, basis(used), first, left, expires, expiresNote)],
    notCovered, figures, notes);
}
