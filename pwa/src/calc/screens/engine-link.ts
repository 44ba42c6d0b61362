// Where the screens get a calculator (its questions and its compute, from calc/engine.ts's registry)
// and the rules it computes with: GET /api/v1/content/calculators, not part of the pack (a worker's first
// visit stays small). The service worker keeps it with the 'later' screens (sw.ts: asked for a few seconds
// after the first visit, revalidated with its ETag at each start), so the calculators open offline.
import { currentLocale } from '../../cards/content';
import { getJSON, OfflineError } from '../../core/api';
import type { Answer } from '../../core/schemas';
import { CALCULATORS, type Calculator } from '../engine';
import type { Rules } from './kinds';

export type { Calculator };

/** The calculator `id`, or null when there is none of that name. */
export async function loadCalculator(id: string): Promise<Calculator | null> {
  return Object.prototype.hasOwnProperty.call(CALCULATORS, id) ? CALCULATORS[id] : null;
}

/** What the screen says when the rules are not on the phone yet. */
export const NO_RULES = '算法数据还没有存到手机上：联网后打开一次，以后没网也能算。';

const asked: Record<string, Promise<Rules>> = {};

/** The rules in the reader's locale (once per locale while the app is open); no network and none kept: OfflineError. */
export function loadRules(): Promise<Rules> {
  const l = currentLocale();
  asked[l] ??= getJSON<Answer<'CalculatorRules'>>(`/api/v1/content/calculators?locale=${l}`).then((body) => {
    const rules = body.calculators;
    if (!rules || !Object.keys(rules).length) throw new OfflineError(); // no content loaded yet: shown as NO_RULES
    return rules as Rules;
  });
  asked[l].catch(() => delete asked[l]); // asked again next time
  return asked[l];
}
