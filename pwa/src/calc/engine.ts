// The calculators by id (content/calculators/README.md): each computes a CalcResult from the answers, the
// pack's `calculators` rules and the day it is computed on, and lists its questions for the screens.
// Loaded only by the lazy /calc routes, never on the first download.
import * as doublePay from './double_pay';
import * as overtime from './overtime';
import * as wages from './wages';
import { CalcInputError, checkInputs, type Answers, type CalcResult, type Compute, type Question, type Rules } from './common';

export interface Calculator {
  compute: Compute;
  questions: Question[];
}

export const CALCULATORS: Record<string, Calculator> = { wages, overtime, double_pay: doublePay };

export function compute(calcId: string, inputs: Answers, rules: Rules, on: string): CalcResult {
  const calc = Object.prototype.hasOwnProperty.call(CALCULATORS, calcId) ? CALCULATORS[calcId] : undefined;
  if (!calc) throw new CalcInputError('calc', '没有这个计算器');
  return calc.compute(checkInputs(inputs), rules, on);
}
