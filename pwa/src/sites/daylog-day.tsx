// One day of the log: pick the day (today at first), 全天 / 半天 / 按小时, overtime, the work, money
// received and from whom, photos of the day; 「记上」 keeps it on the phone. A few taps a day.
// The page gives it `key={date}`: another day opens the form afresh with that day's entry.
import { useState } from 'preact/hooks';
import { Field, Money } from '../core/form';
import { Choice } from '../core/form-extra';
import { typedNumber } from '../core/digits';
import { chinaToday } from '../core/time';
import { fenToYuan, yuanToFen } from '../aid/answers';
import { NotAPhoto, shrink } from '../aid/photos';
import { Thumb } from '../aid/photo-picker';
import { addLogPhoto, type DayEntry, type DayLog, type DayLogPhoto, removeLogPhoto, UNIT_HOURS, type Unit, withEntry, withoutDay } from './daylog';

const UNITS: { value: Unit; label: string }[] = [
  { value: 'day', label: '全天' },
  { value: 'half', label: '半天' },
  { value: 'hours', label: '按小时' },
];

type Form = { unit: Unit; hours: string; overtime: string; work: string; received: string; from: string };
const blank: Form = { unit: 'day', hours: '', overtime: '', work: '', received: '', from: '' };
const asForm = (e?: DayEntry): Form =>
  e ? { unit: e.unit, hours: e.unit === 'hours' ? String(e.hours) : '', overtime: e.overtime_hours ? String(e.overtime_hours) : '', work: e.work, received: e.received_fen ? fenToYuan(e.received_fen) : '', from: e.received_from } : blank;
const halfHours = (raw: string) => Math.round(Number(typedNumber(raw) || '0') * 2) / 2;

/** The day's entry from what was typed, or why not. */
function toEntry(date: string, f: Form): DayEntry | string {
  const hours = f.unit === 'hours' ? halfHours(f.hours) : UNIT_HOURS[f.unit]!;
  const overtime = halfHours(f.overtime);
  const fen = yuanToFen(f.received) ?? 0;
  if (!date || date > chinaToday()) return '请选一个今天或以前的日子。';
  if (!(hours > 0) || !(overtime >= 0) || hours + overtime > 24) return '小时数不对：一天最多 24 小时。';
  if (Number.isNaN(fen)) return '收到的钱请写数字，比如 500。';
  return { date, unit: f.unit, hours, overtime_hours: overtime, received_fen: fen, received_from: f.from.trim().slice(0, 40), work: f.work.trim().slice(0, 200) };
}

export function DayForm(props: { log: DayLog; keep: (l: DayLog) => Promise<void>; photos: DayLogPhoto[]; setPhotos: (p: DayLogPhoto[]) => void; date: string; setDate: (d: string) => void }) {
  const { log, date } = props;
  const had = log.entries.find((e) => e.date === date);
  const [f, setF] = useState<Form>(asForm(had));
  const [said, setSaid] = useState('');
  const set = (patch: Partial<Form>) => setF({ ...f, ...patch });
  const save = async () => {
    const e = toEntry(date, f);
    if (typeof e === 'string') return setSaid(e);
    await props.keep(withEntry(log, e));
    setSaid(`已记上 ${date}。`);
  };
  const addPhotos = async (files: FileList | null) => {
    let kept = props.photos;
    for (const file of Array.from(files || [])) {
      try {
        kept = [...kept, await addLogPhoto(log.key, date, await shrink(file))];
      } catch (err) {
        setSaid(err instanceof NotAPhoto ? err.message : '照片没能存到手机上（手机存储可能满了）。');
      }
    }
    props.setPhotos(kept);
  };
  const ofDay = props.photos.filter((p) => p.date === date);
  return (
    <form noValidate onSubmit={(ev) => (ev.preventDefault(), void save())}>
      <ul class="cells">
        <Field id="dl-date" label="哪一天" type="date" max={chinaToday()} value={date} onInput={props.setDate} />
        <Choice id="dl-unit" label="干了多久" options={UNITS} value={f.unit} onChange={(unit) => set({ unit })} />
        {f.unit === 'hours' && <Field id="dl-hours" label="干了几小时" inputMode="decimal" value={f.hours} onInput={(hours) => set({ hours })} />}
        <Field id="dl-overtime" label="加班几小时（没有就空着）" inputMode="decimal" value={f.overtime} onInput={(overtime) => set({ overtime })} />
        <Field id="dl-work" label="干了什么（可不填）" maxLength={200} value={f.work} onInput={(work) => set({ work })} />
        <Money id="dl-received" label="今天收到的钱（借支、生活费，元）" value={f.received} onInput={(received) => set({ received })} />
        <Field id="dl-from" label="谁给的" maxLength={40} value={f.from} onInput={(from) => set({ from })} />
      </ul>
      <div class="photo-pick">
        <label class="btn btn-default">
          <input class="sr-only" type="file" accept="image/*" multiple onChange={(e) => void addPhotos((e.target as HTMLInputElement).files)} />
          拍照或选照片（考勤表、聊天、干的活）
        </label>
      </div>
      {ofDay.map((p) => (
        <p key={p.id} class="photo-pick">
          <Thumb photo={p} alt={`${date} 的照片`} />
          <button type="button" class="btn btn-small btn-default" onClick={() => void removeLogPhoto(p.id).then(() => props.setPhotos(props.photos.filter((q) => q.id !== p.id)))}>删掉照片</button>
        </p>
      ))}
      <p class="page-desc" role="status">{said}</p>
      <div class="apply-nav">
        {had && <button type="button" class="btn btn-default" onClick={() => void props.keep(withoutDay(log, date)).then(() => setSaid(`已删掉 ${date}。`))}>删掉这一天</button>}
        <button type="submit" class="btn btn-primary btn-big">{had ? '改好了' : '记上这一天'}</button>
      </div>
    </form>
  );
}
