// The calculators by id (content/calculators/README.md): each computes a CalcResult from the answers, the
// rules (GET /api/v1/content/calculators) and the day it is computed on, and lists its questions for the screens.
// Loaded only by the lazy /calc routes, never on the first download.
import * as doublePay from './double_pay';
import * as overtime from './overtime';
import * as wages from './wages';
import { MORE } from './more';
import { CalcInputError, checkInputs, type Answers, type CalcResult, type Compute, type Question, type Rules } from './common';

export interface Calculator {
  compute: Compute;
  questions: Question[];
}

// Each module's two exports read one by one, never the module object itself: a module namespace object needs
// rolldown's runtime helper, which the sign-up QR code also uses, and the two would split it into a file of its
// own in every worker's first visit (+0.5 KB).
export const CALCULATORS: Record<string, Calculator> = {
  wages: { compute: wages.compute, questions: wages.questions },
  overtime: { compute: overtime.compute, questions: overtime.questions },
  double_pay: { compute: doublePay.compute, questions: doublePay.questions },
  ...MORE,
};

export function compute(calcId: string, inputs: Answers, rules: Rules, on: string): CalcResult {
  const calc = Object.prototype.hasOwnProperty.call(CALCULATORS, calcId) ? CALCULATORS[calcId] : undefined;
  if (!calc) throw new CalcInputError('calc', '没有这个计算器');
  return calc.compute(checkInputs(inputs), rules, on);
}
