// Days (the twin of server/calculators/days.py): what kind of day a date is by holidays.yml — 'holiday' (a
// statutory holiday day itself), 'rest' (a weekend, or a weekday off only by the swap), 'work' (a weekday, or a
// weekend worked by the swap); past the calendar, Monday–Friday are work — and the day log, checked.
import { CalcInputError, MAX_DAYS, addDays, money, parseDay, tenths, weekday, type Answers, type Rules } from './common';

export type DayKind = 'holiday' | 'rest' | 'work';
export interface LogDay {
  date: string;
  unit: 'day' | 'half' | 'hours';
  hours_t: number;
  overtime_t: number;
  received_fen: number;
}

const UNITS: Record<string, number> = { day: 80, half: 40 };

export function dayKind(d: string, holidays: Rules): DayKind {
  const year = holidays.years[d.slice(0, 4)];
  if (year) {
    if (d in year.holidays) return 'holiday';
    if (year.workdays.includes(d)) return 'work';
    if (year.rest.includes(d)) return 'rest';
  }
  return weekday(d) >= 5 ? 'rest' : 'work';
}

export const covered = (d: string, holidays: Rules): boolean => d.slice(0, 4) in holidays.years;

export function uncoveredNote(years: Set<number>): string {
  return `${[...years].sort((a, b) => a - b).join('、')} 年的放假安排不在日历里，这些年份只按周一到周五上班算，节假日请自己核对。`;
}

/** 计薪日 from start to end inclusive: working days and statutory holidays. */
export function payDays(start: string, end: string, holidays: Rules): number {
  let n = 0;
  for (let d = start; d <= end; d = addDays(d, 1)) if (dayKind(d, holidays) !== 'rest') n += 1;
  return n;
}

export function dayLog(inputs: Answers, key = 'days'): LogDay[] {
  const raw = inputs[key];
  if (!Array.isArray(raw) || raw.length === 0) throw new CalcInputError(key, '请先记下干活的日子');
  if (raw.length > MAX_DAYS) throw new CalcInputError(key, `一次最多算 ${MAX_DAYS} 天`);
  const out: LogDay[] = raw.map((e: unknown) => {
    if (typeof e !== 'object' || e === null || Array.isArray(e)) throw new CalcInputError(key, '记工的格式不对');
    const entry = e as Answers;
    const date = parseDay(entry.date, key, '记工的日期');
    const unit = entry.unit ?? 'day';
    if (unit !== 'day' && unit !== 'half' && unit !== 'hours') throw new CalcInputError(key, '记工要选整天、半天或按小时');
    const hours_t = unit === 'hours' ? tenths(entry.hours, key) : UNITS[unit];
    const overtime_t = tenths(entry.overtime_hours || 0, key, 24, '加班小时数');
    if (hours_t + overtime_t > 240) throw new CalcInputError(key, `${date} 这一天记的小时数超过了 24 小时`);
    const received_fen = money(entry, 'received_fen', '当天拿到的钱', true) ?? 0;
    return { date, unit, hours_t, overtime_t, received_fen };
  });
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** The entries by calendar month, in date order. */
export function byMonth(entries: LogDay[]): LogDay[][] {
  const months = new Map<string, LogDay[]>();
  for (const e of entries) {
    const m = e.date.slice(0, 7);
    if (!months.has(m)) months.set(m, []);
    months.get(m)!.push(e);
  }
  return [...months.values()];
}
