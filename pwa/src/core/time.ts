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

/** "12/1 15:28": when something was saved or done on this phone. */
export function shortDateTime(t: When): string {
  return SHORT.format(at(t));
}
