// The four calculators h24-more added (severance, probation, injury, annual_leave), for engine.ts's registry.
import * as annualLeave from './annual_leave';
import * as injury from './injury';
import * as probation from './probation';
import * as severance from './severance';

export const MORE = { severance, probation, injury, annual_leave: annualLeave };
