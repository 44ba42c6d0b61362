// The fields of a case's particulars (案件要素), in plain words, grouped as the papers ask them: the two sides
// (劳动争议调解仲裁法第二十八条: names, addresses, the unit's legal representative and his post), the 总包单位,
// the dispute (劳动关系, 工伤认定, 伤残等级, the commission) and the witnesses (names and addresses).
import { DateField, Field } from '../../core/form';
import { Choice, Select } from '../../core/form-extra';
import { DECIDED, type Key, type ParticularsForm } from './use-particulars';

const ADDRESS = 200;
const NAME = 40;
const KINDS = [
  { value: 'company', label: '单位' },
  { value: 'individual', label: '个人（包工头）' },
  { value: '', label: '不清楚' },
];
const ADMITS = [
  { value: 'admits', label: '承认' },
  { value: 'denies', label: '不承认' },
  { value: '', label: '不清楚' },
];
export const RECOGNITION = [
  { id: '', label: '不清楚' },
  { id: 'not_applied', label: '还没申请工伤认定' },
  { id: 'applied', label: '申请了，还没有结论' },
  { id: 'recognised', label: '认定是工伤' },
  { id: 'not_recognised', label: '认定不是工伤' },
];
const GRADES = [{ id: '', label: '还没做鉴定' }, ...'一二三四五六七八九十'.split('').map((n, i) => ({ id: String(i + 1), label: `${n}级` }))];

type Texts = { [K in Key]: ParticularsForm['v'][K] extends string ? K : never }[Key];

/** One line of text bound to a key of the form. */
function Line(props: { f: ParticularsForm; k: Texts; label: string; max: number; hint?: string; placeholder?: string }) {
  const { f, k } = props;
  return <Field id={`part-${k}`} tag="div" label={props.label} hint={props.hint} placeholder={props.placeholder} maxLength={props.max} value={f.v[k]} onInput={(s) => f.set(k, s)} error={f.errors[k]} />;
}

/** 被申请人 (or the 总包单位, `side`): where it is, who represents it, its 统一社会信用代码. */
function Side(props: { f: ParticularsForm; side: 'employer' | 'contractor'; person?: boolean }) {
  const { f, side } = props;
  const who = side === 'employer' ? '单位' : '总包单位';
  if (props.person) return <Line f={f} k={`${side}_address`} label="包工头住在哪里" max={ADDRESS} />;
  return (
    <>
      <Line f={f} k={`${side}_address`} label={`${who}住所地（营业执照上写的住所）`} max={ADDRESS} />
      <Line f={f} k={`${side}_legal_rep`} label={`${who}法定代表人（或主要负责人）姓名`} max={NAME} />
      <Line f={f} k={`${side}_legal_rep_title`} label={`${who}法定代表人的职务`} placeholder="例如：执行董事、总经理" max={NAME} />
      <Line f={f} k={`${side}_credit_code`} label={`${who}统一社会信用代码（18 位，营业执照上有）`} hint="不知道就空着" max={30} />
    </>
  );
}

export function Parties(props: { f: ParticularsForm; contractor: string }) {
  const { f } = props;
  return (
    <>
      <Line f={f} k="worker_address" label="工友现在住哪里（现住址）" hint="仲裁申请书要写申请人的住所" max={ADDRESS} />
      <h3 class="field-group">用工的一方</h3>
      <Choice id="part-employer_kind" tag="div" label="用工的一方是单位还是个人？" options={KINDS} value={f.v.employer_kind} onChange={(s) => f.set('employer_kind', s)} error={f.errors.employer_kind} />
      <Side f={f} side="employer" person={f.v.employer_kind === 'individual'} />
      <h3 class="field-group">总包单位{props.contractor ? `：${props.contractor}` : ''}</h3>
      <Side f={f} side="contractor" />
    </>
  );
}

export function Dispute(props: { f: ParticularsForm; injury: boolean }) {
  const { f } = props;
  const admits = f.v.employment_denied === null ? '' : f.v.employment_denied ? 'denies' : 'admits';
  const injury = props.injury || !!f.v.injury_recognition || f.v.disability_grade !== null;
  return (
    <>
      <Choice id="part-employment_denied" tag="div" label="单位承认和工友之间有劳动关系吗？" options={ADMITS} value={admits} onChange={(s) => f.set('employment_denied', s === '' ? null : s === 'denies')} error={f.errors.employment_denied} />
      {injury && (
        <>
          <Select id="part-injury_recognition" tag="div" label="认定工伤了吗？" value={f.v.injury_recognition} onChange={(s) => f.set('injury_recognition', s)} options={RECOGNITION} error={f.errors.injury_recognition} />
          {DECIDED.includes(f.v.injury_recognition) && (
            <DateField id="part-recognised_on" tag="div" past label="工伤认定决定书上的日期" value={f.v.recognised_on} onInput={(s) => f.set('recognised_on', s)} error={f.errors.recognised_on} />
          )}
          <Select id="part-disability_grade" tag="div" label="伤残等级（劳动能力鉴定的结论）" value={f.v.disability_grade === null ? '' : String(f.v.disability_grade)} onChange={(s) => f.set('disability_grade', s ? Number(s) : null)} options={GRADES} error={f.errors.disability_grade} />
        </>
      )}
      <Line f={f} k="commission" label="向哪个仲裁委申请（名称）" hint="不知道可以空着，文书里会按案件情况写" max={80} />
    </>
  );
}
