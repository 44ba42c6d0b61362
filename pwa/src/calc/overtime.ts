// 加班费 overtime (the twin of server/calculators/overtime.py): hourly = monthly ÷ 21.75 ÷ 8 (shown to the fen);
// weekday overtime 150 %, rest-day work 200 % unless time off was given, statutory-holiday work 300 % — only the
// statutory holiday days themselves (holidays.yml); a weekend worked by the swap is a working day.
import {
  checkInputs, day, hundredths, line, minusReceived, result, roundDiv, tenths, tenthsText, wage, wageExpiry,
  wageExpiryNote, yesno, yuan, type Answers, type CalcResult, type Line, type Question, type Rules,
} from './common';
import { byMonth, covered, dayKind, dayLog, uncoveredNote, type DayKind } from './days';

type Kind = 'weekday' | 'restday' | 'holiday';
const KINDS: [Kind, string, string][] = [
  ['weekday', 'weekday_pct', '工作日延长工作时间'],
  ['restday', 'restday_pct', '休息日加班'],
  ['holiday', 'holiday_pct', '法定节假日加班'],
];
const DAY_TO_KIND: Record<DayKind, Kind> = { work: 'weekday', rest: 'restday', holiday: 'holiday' };
const NOT_COVERED = [
  '不定时工作制不适用这些倍数；经批准的综合计算工时制按周期总工时算，这里没算',
  '计件工资的加班按计件单价的 150%、200%、300% 算，这里按月工资算',
  '平时的工资和没发的工资本身（用“欠薪”计算器算）',
  '加班要有证据（考勤、工友证言、聊天记录等）；证据在单位手里的，可以要求单位拿出来',
];
const typed = (a: Answers) => a.days == null;

export const questions: Question[] = [
  { key: 'monthly_wage_fen', ask: '一个月工资多少钱？', hint: '正常上班的工资，不算加班费', kind: 'money' },
  { key: 'days', ask: '用记工本算吗？', hint: '记工本会分出工作日、休息日和法定节假日；没有就跳过，自己填小时数', kind: 'daylog', optional: true },
  { key: 'weekday_hours', ask: '平时（工作日）下班后加班一共多少小时？', kind: 'number', optional: true, when: typed },
  { key: 'restday_hours', ask: '休息日（周末）加班一共多少小时？', kind: 'number', optional: true, when: typed },
  { key: 'holiday_hours', ask: '法定节假日当天加班一共多少小时？', hint: '只算元旦、春节、清明、劳动节、端午、中秋、国庆放假办法写的那几天', kind: 'number', optional: true, when: typed },
  { key: 'period_from', ask: '这些加班从哪天开始？', kind: 'date', optional: true, when: typed },
  { key: 'period_to', ask: '到哪天为止？', kind: 'date', optional: true, when: typed },
  { key: 'restday_time_off', ask: '休息日加班后，单位给你安排补休了吗？', kind: 'yesno', optional: true },
  { key: 'received_fen', ask: '已经拿到多少加班费？', kind: 'money', optional: true },
  { key: 'left_on', ask: '哪天离开的？', hint: '还在干就跳过', kind: 'date', optional: true },
];

type Hours = [Kind, string[], number];

function fromLog(inputs: Answers, holidays: Rules, notes: string[]): Hours[] {
  const out: Hours[] = [];
  const uncovered = new Set<number>();
  for (const entries of byMonth(dayLog(inputs))) {
    const per = new Map<Kind, [string[], number]>();
    for (const e of entries) {
      if (!covered(e.date, holidays)) uncovered.add(+e.date.slice(0, 4));
      const kind = DAY_TO_KIND[dayKind(e.date, holidays)];
      const hours = kind === 'weekday' ? e.overtime_t : e.hours_t + e.overtime_t;
      if (hours) {
        const [dates, total] = per.get(kind) ?? [[], 0];
        per.set(kind, [[...dates, e.date], total + hours]);
      }
    }
    for (const [k] of KINDS) if (per.has(k)) out.push([k, ...per.get(k)!]);
  }
  if (uncovered.size) notes.push(uncoveredNote(uncovered));
  return out;
}

function typedHours(inputs: Answers): Hours[] {
  const start = day(inputs, 'period_from', '加班开始的日期', true);
  const end = day(inputs, 'period_to', '加班结束的日期', true);
  const dates = [start, end].filter((d): d is string => d !== null);
  const out: Hours[] = [];
  for (const [kind] of KINDS) {
    const v = inputs[`${kind}_hours`];
    if (v != null) {
      const t = tenths(v, `${kind}_hours`, 30_000, '加班小时数');
      if (t) out.push([kind, dates, t]);
    }
  }
  return out;
}

export function compute(raw: Answers, rules: Rules, _on: string): CalcResult {
  const inputs = checkInputs(raw);
  const r = rules.overtime;
  const common = rules.common;
  const monthly = wage(inputs, 'monthly_wage_fen', '月工资')!;
  const leftOn = day(inputs, 'left_on', '离开的日期', true);
  const timeOff = yesno(inputs, 'restday_time_off', false);
  const expires = wageExpiry(leftOn);
  const note = wageExpiryNote(leftOn);
  const hourly = roundDiv(monthly * 100, hundredths(common.month_pay_days) * Number(common.day_hours.value));
  const notes = [`每小时 ${yuan(hourly)} 元 = 月工资 ${yuan(monthly)} 元 ÷ 21.75 ÷ 8（${common.month_pay_days.cite[0].label}）。`];
  const fromDays = inputs.days != null;
  const hours = fromDays ? fromLog(inputs, rules.holidays, notes) : typedHours(inputs);
  const lines: Line[] = [];
  for (const [kind, dates, t] of hours) {
    const [, pctKey, label] = KINDS.find((k) => k[0] === kind)!;
    if (kind === 'restday' && timeOff) {
      notes.push(`休息日加班 ${tenthsText(t)} 小时已经安排了补休，按法律可以不另付 200%，没算进来。`);
      continue;
    }
    const pct = Number(r[pctKey].value);
    const a = roundDiv(hourly * t * pct, 1000);
    const month = dates.length && fromDays ? `${+dates[0].slice(0, 4)}年${+dates[0].slice(5, 7)}月 ` : '';
    const text = `${month}${label} ${tenthsText(t)} 小时 × 每小时 ${yuan(hourly)} 元 × ${pct}% = ${yuan(a)} 元`;
    const basis = r[pctKey].cite.map((c: { label: string }) => c.label).join('、');
    lines.push(line(kind, text, a, basis, dates[0] ?? null, dates[dates.length - 1] ?? null, expires, note));
  }
  if (!lines.length) notes.push('按填的内容没有要另付的加班费。');
  minusReceived(inputs, lines, '加班费', '', expires, note);
  notes.push(`${r.limitation.plain}（${r.limitation.note}）`);
  notes.push(`法定节假日只算放假办法写的那几天；调休放的假算休息日，调休上班的周末算工作日（${r.statutory_holidays.cite[0].label}）。`);
  return result('overtime', lines, NOT_COVERED, [], notes);
}
