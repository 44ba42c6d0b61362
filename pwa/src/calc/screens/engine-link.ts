// Where the screens get a calculator (its questions and its compute, from calc/engine.ts's registry)
// and the rules it computes with (the content pack's `calculators`, kept on the phone).
import { packLoaded, refreshPack } from '../../cards/content';
import { OfflineError } from '../../core/api';
import { getState } from '../../core/store';
import { CALCULATORS, type Calculator } from '../engine';
import type { Rules } from './kinds';

export type { Calculator };

/** The calculator `id`, or null when there is none of that name. */
export async function loadCalculator(id: string): Promise<Calculator | null> {
  return Object.prototype.hasOwnProperty.call(CALCULATORS, id) ? CALCULATORS[id] : null;
}

/** The pack's rules ({} in a pack kept from before the calculators: none). */
function kept(): Rules | null {
  const rules = getState().pack?.calculators;
  return rules && Object.keys(rules).length ? (rules as Rules) : null;
}

/** What the screen says when the rules are not on the phone yet. */
export const NO_RULES = '算法数据还没有存到手机上：联网后打开一次，以后没网也能算。';

/** The rules from the pack on the phone; a pack kept before the calculators existed is refreshed once. */
export async function loadRules(): Promise<Rules> {
  await packLoaded;
  if (!kept()) await refreshPack();
  const rules = kept();
  if (!rules) throw new OfflineError(); // shown as NO_RULES
  return rules;
}
