// Lengths of service and local figures, for severance, probation, injury and annual leave (the twin of
// server/calculators/tenure.py). Service runs from the first day to the last, both counted: 2024-01-01 to
// 2024-06-30 is exactly 6 months. A local figure is the one the worker typed, or the chosen region's figure in
// force on that date (regions.yml) — never a guess.
import { addDays, addMonths, CalcInputError, wage, type Answers, type FigureUsed, type Rules } from './common';

/** [whole months, days left over] from `first` to `last`, both days counted. */
export function service(first: string, last: string): [number, number] {
  const end = addDays(last, 1);
  let months = (+end.slice(0, 4) - +first.slice(0, 4)) * 12 + +end.slice(5, 7) - +first.slice(5, 7);
  while (months > 0 && addMonths(first, months) > end) months -= 1;
  const from = addMonths(first, Math.max(months, 0));
  return [months, Math.round((Date.parse(end) - Date.parse(from)) / 86_400_000)];
}

export function serviceText(months: number, days: number): string {
  const parts = months >= 12 ? [`${Math.floor(months / 12)} 年`] : [];
  if (months % 12) parts.push(`${months % 12} 个月`);
  if (days) parts.push(`${days} 天`);
  return parts.join(' ') || '0 天';
}

interface RegionFigure {
  value_fen: number;
  area?: string;
  effective_from?: string | null;
  effective_to?: string | null;
  source?: string;
}

/** A typed figure (`key` in fen), or the chosen region's figure in force on `on`: [value, figures_used entry]. */
export function localFigure(inputs: Answers, rules: Rules, key: string, name: string, on: string):
  [number | null, FigureUsed | null] {
  const typed = wage(inputs, key, name, true);
  if (typed !== null) return [typed, { name, value_fen: typed, source: '你填的数', effective_from: '' }];
  const region = inputs.region;
  if (region === undefined || region === null) return [null, null];
  const regions = rules.regions ?? {};
  if (typeof region !== 'string' || !Object.prototype.hasOwnProperty.call(regions, region)) {
    throw new CalcInputError('region', '请从给出的地区里选一个');
  }
  const figures: RegionFigure[] = regions[region].figures?.[key] ?? [];
  for (const f of figures) {
    const start = f.effective_from ? String(f.effective_from) : null;
    const stop = f.effective_to ? String(f.effective_to) : null;
    if (start && start <= on && (stop === null || on <= stop)) {
      const where = f.area || regions[region].name || '';
      return [f.value_fen, { name: `${name}（${where}）`, value_fen: f.value_fen, source: f.source ?? '',
        effective_from: start }];
    }
  }
  return [null, null];
}
