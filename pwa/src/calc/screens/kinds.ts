// The calculators' shapes as the screens read them (calc/common.ts), and the one convention the
// screens add: a `region` question's `key` is the figure's input key (min_wage_fen, avg_wage_fen);
// the worker either picks a province from the pack's regions, which goes into `region` (and the
// calculator says which figure and date it used), or types the figure, which goes into `key` — never both.
export type { Answers, CalcResult, Line, Question, Rules } from '../common';
import type { Question } from '../common';

/** The input keys a question's answer may fill. */
export function keysOf(q: Question): string[] {
  return q.kind === 'region' ? [q.key, 'region'] : [q.key];
}
