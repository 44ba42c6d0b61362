// 欠薪 unpaid wages (the twin of server/calculators/wages.py): days (typed, or the day log) × the daily rate,
// months × the monthly wage, or pieces × the piece rate; what was received comes off.
import {
  MAX_DAYS, checkInputs, choice, count, day, hundredths, line, minusReceived, result, roundDiv, tenths, tenthsText,
  wage, wageExpiry, wageExpiryNote, yuan, type Answers, type CalcResult, type Line, type Question, type Rules,
} from './common';
import { byMonth, dayLog } from './days';

const NOT_COVERED = ['加班费（用“加班费”计算器算）', '没签合同的二倍工资、经济补偿', '拖欠期间的利息或加付赔偿金'];
const PAY = [
  { value: 'day', label: '按天算（点工）' },
  { value: 'month', label: '按月算' },
  { value: 'piece', label: '按件、按方量算' },
];
const byDay = (a: Answers) => a.pay === 'day';

export const questions: Question[] = [
  { key: 'pay', ask: '工钱是怎么算的？', kind: 'choice', choices: PAY },
  { key: 'daily_wage_fen', ask: '一天多少钱？', hint: '不知道日工资，可以跳过，下一题填月工资', kind: 'money', optional: true, when: byDay },
  { key: 'monthly_wage_fen', ask: '一个月多少钱？', hint: '按月工资 ÷ 21.75 算日工资', kind: 'money',
    when: (a) => a.pay === 'month' || (byDay(a) && a.daily_wage_fen == null) },
  { key: 'days', ask: '用记工本算吗？', hint: '有记工就用记工本里的日子，没有就跳过，下一题填天数', kind: 'daylog', optional: true, when: byDay },
  { key: 'worked_days', ask: '干了多少天没拿到钱？', kind: 'number', when: (a) => byDay(a) && a.days == null },
  { key: 'months', ask: '欠了几个月的工资？', kind: 'number', when: (a) => a.pay === 'month' },
  { key: 'piece_rate_fen', ask: '一件（一方）多少钱？', kind: 'money', when: (a) => a.pay === 'piece' },
  { key: 'pieces', ask: '干了多少件（多少方）？', hint: '可以有一位小数', kind: 'number', when: (a) => a.pay === 'piece' },
  { key: 'received_fen', ask: '这些活已经拿到多少钱？', hint: '借支、生活费也算', kind: 'money', optional: true },
  { key: 'started_on', ask: '哪天开始干的？', kind: 'date', optional: true },
  { key: 'left_on', ask: '哪天离开的？', hint: '还在干就跳过', kind: 'date', optional: true },
];

function daily(inputs: Answers, rules: Rules, notes: string[]): number {
  const d = wage(inputs, 'daily_wage_fen', '日工资', true);
  if (d !== null) return d;
  const monthly = wage(inputs, 'monthly_wage_fen', '月工资')!;
  const rule = rules.common.month_pay_days;
  const rate = roundDiv(monthly * 100, hundredths(rule));
  notes.push(`日工资 = 月工资 ${yuan(monthly)} 元 ÷ 21.75 = ${yuan(rate)} 元（${rule.cite[0].label}）。`);
  return rate;
}

function logLines(inputs: Answers, rate: number, basis: string, expires: string | null, note: string): Line[] {
  return byMonth(dayLog(inputs)).map((entries) => {
    const halves = entries.reduce((s, e) => s + (e.unit === 'day' ? 2 : e.unit === 'half' ? 1 : 0), 0);
    const hoursT = entries.reduce((s, e) => s + (e.unit === 'hours' ? e.hours_t : 0), 0);
    const got = entries.reduce((s, e) => s + e.received_fen, 0);
    const parts: string[] = [];
    let earned = 0;
    if (halves) {
      const a = roundDiv(rate * halves, 2);
      parts.push(`干了 ${tenthsText(halves * 5)} 天 × 每天 ${yuan(rate)} 元 = ${yuan(a)} 元`);
      earned += a;
    }
    if (hoursT) {
      const hourly = roundDiv(rate, 8);
      const a = roundDiv(hourly * hoursT, 10);
      parts.push(`按小时干了 ${tenthsText(hoursT)} 小时 × 每小时 ${yuan(hourly)} 元 = ${yuan(a)} 元`);
      earned += a;
    }
    if (got) parts.push(`减去当月拿到的 ${yuan(got)} 元`);
    const owed = Math.max(0, earned - got);
    const first = entries[0].date;
    const text = `${+first.slice(0, 4)}年${+first.slice(5, 7)}月：${parts.join('；')}，还欠 ${yuan(owed)} 元`;
    return line('month', text, owed, basis, first, entries[entries.length - 1].date, expires, note);
  });
}

export function compute(raw: Answers, rules: Rules, _on: string): CalcResult {
  const inputs = checkInputs(raw);
  const pay = choice(inputs, 'pay', ['day', 'month', 'piece']);
  const startedOn = day(inputs, 'started_on', '开始干活的日期', true);
  const leftOn = day(inputs, 'left_on', '离开的日期', true);
  const expires = wageExpiry(leftOn);
  const note = wageExpiryNote(leftOn);
  const basis = rules.wages.pay_in_full.cite.map((c: { label: string }) => c.label).join('、');
  const notes: string[] = [];
  let lines: Line[] = [];
  if (pay === 'day') {
    const rate = daily(inputs, rules, notes);
    if (inputs.days != null) {
      lines = logLines(inputs, rate, basis, expires, note);
      notes.push('半天按半天工资算，按小时的按日工资 ÷ 8 算；双方另有约定的，以约定为准。');
    } else {
      const n = count(inputs, 'worked_days', MAX_DAYS, '干活的天数')!;
      const a = rate * n;
      lines.push(line('days', `干了 ${n} 天 × 每天 ${yuan(rate)} 元 = ${yuan(a)} 元`, a, basis, startedOn, leftOn, expires, note));
    }
  } else if (pay === 'month') {
    const monthly = wage(inputs, 'monthly_wage_fen', '月工资')!;
    const n = count(inputs, 'months', 120, '欠的月数')!;
    const a = monthly * n;
    lines.push(line('months', `欠了 ${n} 个月 × 每月 ${yuan(monthly)} 元 = ${yuan(a)} 元`, a, basis, startedOn, leftOn, expires, note));
  } else {
    const rate = wage(inputs, 'piece_rate_fen', '计件单价')!;
    const piecesT = tenths(inputs.pieces, 'pieces', 100_000, '件数（方量）');
    const a = roundDiv(rate * piecesT, 10);
    lines.push(line('pieces', `干了 ${tenthsText(piecesT)} 件（方）× 每件 ${yuan(rate)} 元 = ${yuan(a)} 元`, a, basis,
      startedOn, leftOn, expires, note));
  }
  minusReceived(inputs, lines, '工资', basis, expires, note);
  return result('wages', lines, NOT_COVERED, [], notes);
}
