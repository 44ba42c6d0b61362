// Where the screens get a calculator (its questions and its compute, from calc/engine.ts's registry)
// and the rules it computes with (the content pack's `calculators`, kept on the phone).
import { packLoaded, refreshPack } from '../../cards/content';
import { OfflineError } from '../../core/api';
import { getState } from '../../core/store';
import type { Answers, CalcResult, Question, Rules } from './kinds';

export interface Calculator {
  questions: Question[];
  compute: (inputs: Answers, rules: Rules, on: string) => CalcResult;
}

// A guarded import while calc/engine.ts is being written beside this (an empty map builds too).
const engines = import.meta.glob<{ CALCULATORS: Record<string, Calculator> }>('../engine.ts');

/** The calculator `id`, or null when there is none of that name. */
export async function loadCalculator(id: string): Promise<Calculator | null> {
  const load = engines['../engine.ts'];
  if (!load) return null;
  const { CALCULATORS } = await load();
  return Object.prototype.hasOwnProperty.call(CALCULATORS, id) ? CALCULATORS[id] : null;
}

function kept(): Rules | null {
  const pack = getState().pack as { calculators?: Rules } | null;
  return pack?.calculators ?? null;
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
