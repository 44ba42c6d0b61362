// The worker's day log (sites/daylog.ts, the sites issue), read as the calculators' `days`. A guarded
// import: while that module is not in the build, the log is simply empty and the screen says 还没有记工.
export interface Day {
  date: string;
  unit: 'day' | 'half' | 'hours';
  hours: number;
  overtime_hours: number;
  received_fen: number;
}

interface DaylogModule {
  toCalcDays: (entries: never[]) => Day[];
  loadEntries: () => Promise<never[]>;
}

const modules = import.meta.glob<DaylogModule>('../../sites/daylog.ts');

/** The days of the log, oldest first ([] when there is no log on this phone). */
export async function readDays(): Promise<Day[]> {
  const load = modules['../../sites/daylog.ts'];
  if (!load) return [];
  const m = await load();
  return m.toCalcDays(await m.loadEntries()).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
