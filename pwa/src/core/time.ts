// Dates as people here read them: always Beijing time, whatever zone the phone is set to
// (a volunteer's phone bought abroad, a test browser in UTC). The server stores UTC.
type When = string | number | Date;

// hourCycle, not hour12: some engines print midnight as "24:05" with hour12: false.
const ZONE: Intl.DateTimeFormatOptions = { timeZone: 'Asia/Shanghai', hourCycle: 'h23' };
const DAY = new Intl.DateTimeFormat('zh-CN', { ...ZONE, month: 'long', day: 'numeric', weekday: 'short' });
const CLOCK = new Intl.DateTimeFormat('zh-CN', { ...ZONE, hour: '2-digit', minute: '2-digit' });
const SHORT = new Intl.DateTimeFormat('zh-CN', { ...ZONE, month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });

const at = (t: When) => (t instanceof Date ? t : new Date(t));

/** "11月20日 周五 09:00": when an event starts. */
export function dayTime(t: When): string {
  return `${DAY.format(at(t))} ${CLOCK.format(at(t))}`;
}

/** "09:00": a time later the same day (an event's end, the next try). */
export function clock(t: When): string {
  return CLOCK.format(at(t));
}

/** "12/1 15:28": when something was saved or done on this phone. */
export function shortDateTime(t: When): string {
  return SHORT.format(at(t));
}

const YMD = new Intl.DateTimeFormat('en-CA', { ...ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

/** The parts of a moment on a clock in Beijing: ["2026", "12", "01", "09", "05"]. */
function parts(t: When): string[] {
  const p = YMD.formatToParts(at(t));
  return ['year', 'month', 'day', 'hour', 'minute'].map((k) => p.find((x) => x.type === k)?.value || '');
}

/** "2026-12-01": the day in Beijing, today by default. The app's only "today" (a test keeps it so). */
export function chinaToday(t: When = new Date()): string {
  return parts(t).slice(0, 3).join('-');
}

/** "2026-03-02 10:00": a moment as a clock in Beijing shows it ('' for none; the text itself when it is no date). */
export function chinaTime(iso: string | null | undefined): string {
  if (!iso) return '';
  if (Number.isNaN(at(iso).getTime())) return iso;
  const [y, m, d, h, min] = parts(iso);
  return `${y}-${m}-${d} ${h}:${min}`;
}

/** The value a datetime-local input shows for a moment, in Beijing time ("2026-12-01T09:00"). */
export function toLocalInput(iso: string | null | undefined): string {
  return iso ? chinaTime(iso).replace(' ', 'T') : '';
}

/** What a datetime-local input holds, sent as Beijing time (the server reads +08:00). */
export function fromLocalInput(v: string): string {
  return v ? `${v}:00+08:00` : '';
}

/** "202612010905": a moment in Beijing for a file's name. */
export function fileStamp(t: When = new Date()): string {
  return parts(t).join('');
}
