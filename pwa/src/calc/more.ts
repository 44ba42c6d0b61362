// The four calculators h24-more added (severance, probation, injury, annual_leave), for engine.ts's registry:
// named imports, never a module object (engine.ts says why).
import { compute as annualLeave, questions as annualLeaveQuestions } from './annual_leave';
import { compute as injury, questions as injuryQuestions } from './injury';
import { compute as probation, questions as probationQuestions } from './probation';
import { compute as severance, questions as severanceQuestions } from './severance';

export const MORE = {
  severance: { compute: severance, questions: severanceQuestions },
  probation: { compute: probation, questions: probationQuestions },
  injury: { compute: injury, questions: injuryQuestions },
  annual_leave: { compute: annualLeave, questions: annualLeaveQuestions },
};
