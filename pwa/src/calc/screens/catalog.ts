// The calculators the list shows, in the order workers ask about them: a sign (one big character in a
// tile: every phone's font has it, where emoji may be missing), a name and one plain line each (the rules and the questions are in each calculator's module and the content pack).
export interface CalcEntry {
  id: string;
  pic: string;
  title: string;
  line: string;
}

export const CATALOG: CalcEntry[] = [
  { id: 'wages', pic: '薪', title: '欠薪', line: '干了活没拿到钱，算算老板欠你多少。' },
  { id: 'overtime', pic: '班', title: '加班费', line: '平时、周末、节假日加班，该多拿多少。' },
  { id: 'double_pay', pic: '约', title: '没签合同的二倍工资', line: '干了一个月还没签书面合同，每月多拿一份工资。' },
  { id: 'severance', pic: '补', title: '经济补偿 / 赔偿金', line: '被辞退或合同到期不续，按干了几年算。' },
  { id: 'probation', pic: '试', title: '试用期工资', line: '试用期工资最少该给多少。' },
  { id: 'injury', pic: '伤', title: '工伤待遇', line: '按伤残等级，一次性能拿多少。' },
  { id: 'annual_leave', pic: '假', title: '年休假', line: '该休的年假没休，能补多少钱。' },
];

export function entryOf(id: string): CalcEntry | undefined {
  return CATALOG.find((c) => c.id === id);
}
