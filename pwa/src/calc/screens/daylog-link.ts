// The worker's day logs (sites/daylog.ts, the sites issue: one per site, and one with no site), read as the
// calculators' `days` through that module's own toCalcDays. A guarded import: while that module is not in
// the build (or this phone has no log), there is no log and the screen says 还没有记工.
import { openDb } from '../../core/db';

export interface Day {
  date: string;
  unit: 'day' | 'half' | 'hours';
  hours: number;
  overtime_hours: number;
  received_fen: number;
}

export interface Log {
  key: string;
  label: string;
  days: Day[];
}

interface Stored {
  key: string;
  siteCode: string | null;
  entries: never[];
}

const modules = import.meta.glob<{ toCalcDays: (entries: never[]) => Day[] }>('../../sites/daylog.ts');

async function stored(): Promise<Stored[]> {
  const db = (await openDb()) as unknown as { getAll: (store: string) => Promise<Stored[]> } | null;
  try {
    return (await db?.getAll('dayLogs')) ?? [];
  } catch {
    return []; // no such store yet on this phone
  }
}

/** The logs with at least one day, each day oldest first. */
export async function readLogs(): Promise<Log[]> {
  const load = modules['../../sites/daylog.ts'];
  if (!load) return [];
  const { toCalcDays } = await load();
  return (await stored())
    .filter((l) => l.entries.length > 0)
    .map((l) => ({
      key: l.key,
      label: l.siteCode ? `工地 ${l.siteCode} 的记工` : '我自己的记工',
      days: toCalcDays(l.entries).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
    }));
}
