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
