// Dates as people here read them: always Beijing time, whatever zone the phone is set to
// (a volunteer's phone bought abroad, a test browser in UTC). The server stores UTC.
type When = string | number | Date;

// hourCycle, not hour12: some engines print midnight as "24:05" with hour12: false.
const ZONE: Intl.DateTimeFormatOptions = { timeZone: 'Asia/Shanghai', hourCycle: 'h23' };
// Made at first use, not when the app starts: the first formatter with a time zone loads the zone
// data, over 100 ms of a slow phone's main thread on pages that show no date (Lighthouse's TBT).
const lazy = (o: Intl.DateTimeFormatOptions) => {
  let f: Intl.DateTimeFormat | undefined;
  return { format: (d: Date) => (f ??= new Intl.DateTimeFormat('zh-CN', { ...ZONE, ...o })).format(d) };
};
const DAY = lazy({ month: 'long', day: 'numeric', weekday: 'short' });
const CLOCK = lazy({ hour: '2-digit', minute: '2-digit' });
const SHORT = lazy({ month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });

const at = (t: When) => (t instanceof Date ? t : new Date(t));

/** "11月20日 周五 09:00": when an event starts. */
export function dayTime(t: When): string {
  return `${DAY.format(at(t))} ${CLOCK.format(at(t))}`;
}

/** "09:00": a time later the same day (an event's end, the next try). */
export function clock(t: When): string {
  return CLOCK.format(at(t));
}

/** "12/1 15:28": when something was saved or done (the text itself when it is no date). */
export function shortDateTime(t: When): string {
  return Number.isNaN(at(t).getTime()) ? String(t) : SHORT.format(at(t));
}

const YMD = new Intl.DateTimeFormat('en-CA', { ...ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

/** "2026-03-02 10:00": a moment as a clock in Beijing shows it ('' for none; the text itself when it is no date). */
export function chinaTime(t: When | null | undefined): string {
  if (t == null || t === '') return '';
  if (Number.isNaN(at(t).getTime())) return String(t);
  const p: Record<string, string> = {};
  for (const x of YMD.formatToParts(at(t))) p[x.type] = x.value;
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** "2026-12-01": the day in Beijing, today by default. The app's only "today" (a test keeps it so). */
export function chinaToday(t: When = new Date()): string {
  return chinaTime(t).slice(0, 10);
}

/** The value a datetime-local input shows for a moment, in Beijing time ("2026-12-01T09:00"). */
export function toLocalInput(iso: string | null | undefined): string {
  return chinaTime(iso).replace(' ', 'T');
}

/** What a datetime-local input holds, sent as Beijing time (the server reads +08:00). */
export function fromLocalInput(v: string): string {
  return v ? `${v}:00+08:00` : '';
}

/** "202612010905": a moment in Beijing for a file's name. */
export function fileStamp(t: When = new Date()): string {
  return chinaTime(t).replace(/\D/g, '');
}
