// 工伤待遇 (工伤保险条例第三十三、三十五、三十六、三十七、三十九、六十二、六十四条): the twin of
// server/calculators/injury.py — inputs and reading are described there.
import {
  addYears, ARBITRATION, basis, checkInputs, choice, count, day, line, money, result, roundDiv, wage as wageRate, yesno, yuan,
  type Answers, type CalcResult, type FigureUsed, type Line, type Question, type Rule, type Rules,
} from './common';
import { localFigure } from './tenure';

const FUND = '工伤保险基金付；单位没参保的，由单位按同样标准付，工伤保险条例第六十二条';
const FUND_NOTE = '由社保经办机构核定；对核定有意见的，可以申请行政复议或起诉（工伤保险条例第五十五条），'
  + '复议在知道之日起 60 日内，直接起诉在 6 个月内。单位没参保、要向单位要的，走劳动仲裁，1 年时效起算点各地口径不一。';
const GRADE_ARTICLE = (g: number) => (g <= 4 ? '35' : g <= 6 ? '36' : '37');

export const questions: Question[] = [
  { key: 'outcome', kind: 'choice', ask: '是受伤还是因工去世？', choices: [
    { value: 'hurt', label: '受伤（或得了职业病）' },
    { value: 'died', label: '因工去世（家属来算）' },
  ] },
  { key: 'grade', kind: 'number', ask: '评了几级伤残？', optional: true, when: (a) => a.outcome === 'hurt',
    hint: '1 到 10 级，1 级最重；还没评的填 0 或不填。' },
  { key: 'monthly_wage_fen', kind: 'money', ask: '受伤前每月工资多少？', optional: true },
  { key: 'own_wage_fen', kind: 'money', ask: '受伤前 12 个月平均每月的缴费工资（本人工资）是多少？', optional: true,
    when: (a) => a.outcome === 'hurt', hint: '社保记录里能查到；不知道可以不填，就用上面的月工资。' },
  { key: 'leave_months', kind: 'number', ask: '停下来治伤（停工留薪期）有几个月？', optional: true },
  { key: 'leave_extended', kind: 'yesno', ask: '劳动能力鉴定委员会有没有确认延长停工留薪期？', optional: true,
    when: (a) => Number(a.leave_months) > 12 },
  { key: 'received_fen', kind: 'money', ask: '停工期间单位已经发了多少钱？', optional: true },
  { key: 'region', kind: 'region', ask: '单位在哪个地方？', optional: true },
  { key: 'avg_wage_fen', kind: 'money', ask: '当地上年度职工月平均工资是多少？', optional: true,
    hint: '选了地区、表里有这个数的可以不填；不知道也可以不填。' },
  { key: 'national_income_fen', kind: 'money', ask: '上一年度全国城镇居民人均可支配收入是多少（一年的数）？',
    optional: true, when: (a) => a.outcome === 'died', hint: '每年公布一次；不知道可以不填，先问 12348。' },
  { key: 'injured_on', kind: 'date', ask: '哪天受的伤？', optional: true },
  { key: 'left_on', kind: 'date', ask: '已经离开单位的，哪天离开？', optional: true, hint: '还在单位的不用填。' },
];

function ownWage(inputs: Answers, rules: Rules, avg: number | null, notes: string[]): [number, string, boolean] {
  let wage = wageRate(inputs, 'own_wage_fen', '本人工资', true);
  if (wage === null) {
    wage = wageRate(inputs, 'monthly_wage_fen', '受伤前的月工资') as number;
    notes.push('“本人工资”是受伤前 12 个月平均每月的缴费工资；没有填，这里用受伤前的月工资代替。');
  }
  const [low, high] = (rules.injury.own_wage_band_percent.value as number[]).map(Number);
  if (avg === null) {
    notes.push(`没有填当地职工月平均工资，没有检查本人工资的上下限（平均工资的 ${low}%–${high}%）。`);
    return [wage, `本人工资 ${yuan(wage)} 元`, false];
  }
  const lo = roundDiv(avg * low, 100);
  const hi = roundDiv(avg * high, 100);
  if (wage < lo) return [lo, `本人工资低于当地职工月平均工资 ${yuan(avg)} 元的 ${low}%，按 ${yuan(lo)} 元`, true];
  if (wage > hi) return [hi, `本人工资高于当地职工月平均工资 ${yuan(avg)} 元的 ${high}%，按 ${yuan(hi)} 元`, true];
  return [wage, `本人工资 ${yuan(wage)} 元`, false];
}

function leavePay(inputs: Answers, rules: Rules, left: string | null): Line[] {
  const r: Record<string, Rule> = rules.injury;
  const months = count(inputs, 'leave_months', 24, '停工留薪期几个月', true);
  if (!months) return [];
  const wage = wageRate(inputs, 'monthly_wage_fen', '受伤前的月工资') as number;
  const received = money(inputs, 'received_fen', '停工期间已经发的钱', true) ?? 0;
  let cap = Number(r.leave_months_normal.value);
  if (yesno(inputs, 'leave_extended', false)) cap += Number(r.leave_months_extension.value);
  const n = Math.min(months, cap);
  const owed = n * wage - received;
  if (owed <= 0) return [];
  const capped = months > cap ? `（最多算 ${cap} 个月）` : '';
  const text = `停工留薪期 ${n} 个月${capped} × 原工资 ${yuan(wage)} 元 − 已经发的 ${yuan(received)} 元 = ${yuan(owed)} 元`
    + '（单位按月付）';
  const note = left
    ? `向单位要，走劳动仲裁；1 年时效起算点各地口径不一，这里按离开那天 ${left} 推算（${ARBITRATION}）。`
    : `向单位要，走劳动仲裁；1 年时效起算点各地口径不一，越早申请越稳妥（${ARBITRATION}）。`;
  return [line('injury_leave_pay', text, owed, basis(r.leave_months_normal), null, null, left ? addYears(left, 1) : null,
    note)];
}

function oneCite(rule: Rule, article: string): Rule {
  return { value: null, cite: rule.cite.filter((c) => String(c.article) === article) };
}

function gradeNotes(grade: number, wage: number, rules: Rules): string[] {
  const pct = rules.injury.monthly_allowance_percent.value as Record<string, number>;
  if (grade <= 4) {
    const p = Number(pct[String(grade)]);
    return [`${grade} 级：保留劳动关系、退出工作岗位，每月从工伤保险基金领伤残津贴 本人工资 × ${p}% = `
      + `${yuan(roundDiv(wage * p, 100))} 元，低于当地最低工资的补足；办了退休改领养老金（第三十五条）。`
      + '不算进总数。'];
  }
  if (grade <= 6) {
    const p = Number(pct[String(grade)]);
    return [`${grade} 级：保留劳动关系，单位安排适当工作；安排不了的，单位每月发伤残津贴 本人工资 × ${p}% = `
      + `${yuan(roundDiv(wage * p, 100))} 元，并给你交社保，低于当地最低工资的补足（第三十六条）。`
      + '不算进总数。',
    '五、六级只有你自己提出走，才能拿一次性工伤医疗补助金（基金付）和一次性伤残就业补助金（单位付），'
      + '标准由省里定，这里没算。'];
  }
  return [`${grade} 级：合同到期或者你自己提出走的，可以拿一次性工伤医疗补助金（基金付）和一次性伤残就业补助金`
    + '（单位付），标准由省里定，这里没算（第三十七条）。'];
}

export function compute(raw: Answers, rules: Rules, on: string): CalcResult {
  const inputs = checkInputs(raw);
  const r: Record<string, Rule> = rules.injury;
  const outcome = choice(inputs, 'outcome', ['hurt', 'died']);
  const grade = count(inputs, 'grade', 10, '伤残等级', true) ?? 0;
  const injured = day(inputs, 'injured_on', '受伤的日期', true);
  const left = day(inputs, 'left_on', '离开单位的日期', true);
  const [avg, avgUsed] = localFigure(inputs, rules, 'avg_wage_fen', '统筹地区上年度职工月平均工资', injured ?? on);
  const figures: FigureUsed[] = avgUsed ? [avgUsed] : [];
  const notes: string[] = [];
  const lines = leavePay(inputs, rules, left);
  if (outcome === 'hurt' && grade) {
    const [wage, how, banded] = ownWage(inputs, rules, avg, notes);
    const m = Number((r.disability_grant_months.value as Record<string, number>)[String(grade)]);
    const used = [oneCite(r.disability_grant_months, GRADE_ARTICLE(grade))];
    if (banded) used.push(r.own_wage_band_percent);
    const text = `一次性伤残补助金：${grade} 级伤残 ${m} 个月 × ${how} = ${yuan(m * wage)} 元（${FUND}）`;
    lines.push(line('disability_grant', text, m * wage, basis(used), null, null, null, FUND_NOTE));
    notes.push(...gradeNotes(grade, wage, rules));
  } else if (outcome === 'hurt') {
    notes.push('还没评伤残等级的，伤情稳定后申请劳动能力鉴定，评了等级再算一次性伤残补助金。');
  }
  if (outcome === 'died') lines.push(...deathGrants(inputs, rules, avg, figures, notes, on));
  if (injured) {
    const due = addYears(injured, 1);
    const late = due < on ? '这一天已经过了，请尽快问 12348。' : '';
    notes.push(`还没认定工伤的：单位不申请，本人或近亲属要在 ${due} 前自己去申请工伤认定`
      + `（工伤保险条例第十七条）。${late}`);
  }
  const notCovered = ['看病的医疗费、住院伙食补助、外地就医的交通食宿、康复和辅助器具费用，另外按实际报销。',
    '生活护理费（评了等级、确认需要护理的，按月付）。',
    '第三人（如撞人的司机）的民事赔偿，可以另外要。'];
  return result('injury', lines, notCovered, figures, notes);
}

function deathGrants(inputs: Answers, rules: Rules, avg: number | null, figures: FigureUsed[], notes: string[],
  on: string): Line[] {
  const r: Record<string, Rule> = rules.injury;
  const out: Line[] = [];
  if (avg !== null) {
    const m = Number(r.funeral_grant_months.value);
    out.push(line('funeral_grant', `丧葬补助金：${m} 个月 × 统筹地区上年度职工月平均工资 ${yuan(avg)} 元 = `
      + `${yuan(m * avg)} 元（${FUND}）`, m * avg, basis(r.funeral_grant_months), null, null, null, FUND_NOTE));
  } else {
    notes.push('没有填统筹地区上年度职工月平均工资，丧葬补助金（6 个月的这个数）没算。');
  }
  const [income, used] = localFigure(inputs, rules, 'national_income_fen', '上一年度全国城镇居民人均可支配收入', on);
  if (income !== null) {
    if (used) figures.push(used);
    const t = Number(r.death_grant_times_income.value);
    const text = `一次性工亡补助金：上一年度全国城镇居民人均可支配收入 ${yuan(income)} 元 × ${t} = ${yuan(t * income)} 元`
      + `（${FUND}）`;
    out.push(line('death_grant', text, t * income, basis(r.death_grant_times_income), null, null, null, FUND_NOTE));
  } else {
    notes.push('没有填上一年度全国城镇居民人均可支配收入（每年公布一次），一次性工亡补助金（它的 20 倍）没算。');
  }
  const pct = r.survivor_pension_percent.value as Record<string, number>;
  notes.push(`供养亲属抚恤金按月发：配偶每月本人工资的 ${pct.spouse}%，其他亲属每人 ${pct.other}%，`
    + `孤寡老人或孤儿再加 ${pct.orphan_or_lone_elder_extra}%，加起来不超过生前工资（第三十九条）。`
    + '不算进总数。');
  return out;
}
