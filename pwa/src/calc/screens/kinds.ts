// The calculators' shapes as the screens read them: calc/common.ts's, re-exported for the screens.
export type { Answers, CalcResult, Line, Question, Rules } from '../common';
