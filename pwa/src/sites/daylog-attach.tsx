// 「用记工申请」 on the apply form (/aid/apply?log=1): the log is attached to the draft as the table
// the server takes (`day_log`), its photos copied into the draft's photos (so they go through the
// same upload, under their own ids, offline-queued like every photo), the period's first day and the
// amount still owed filled in where the form is empty. It goes only once the worker ticks
// 「这是我自己记的」; 「不附上」 takes it and its photos off again.
import { useEffect } from 'preact/hooks';
import { CheckBox } from '../core/form-extra';
import { fenToYuan } from '../aid/answers';
import { addPhoto, labelPhoto, photosOf, removePhoto } from '../aid/draft';
import type { Apply } from '../aid/use-apply';
import { type DayEntry, loadLog, logPhotos, sums, logBody } from './daylog';

async function attach(c: Apply, siteCode: string | null): Promise<void> {
  const log = await loadLog(siteCode);
  if (!log.entries.length) return;
  const ids: string[] = [];
  for (const p of await logPhotos(log.key)) {
    const copy = await addPhoto(c.draft.id, { blob: p.blob, width: p.width, height: p.height });
    if (!copy) continue;
    await labelPhoto(copy.id, `记工照片 ${p.date}`);
    ids.push(copy.id);
  }
  const s = sums(log.rate, log.entries);
  c.set({
    day_log: logBody(log, ids),
    case_type: c.a.case_type || 'wages',
    started_on: c.a.started_on || s.from,
    amount_yuan: c.a.amount_yuan || (log.rate ? fenToYuan(s.owed) : ''),
  });
  c.setPhotos(await photosOf(c.draft.id));
}

export function LogAttachment(props: { c: Apply; params: URLSearchParams }) {
  const { c } = props;
  const d = c.a.day_log;
  useEffect(() => {
    if (d === undefined && props.params.get('log') === '1') void attach(c, props.params.get('site'));
  }, []);
  if (!d) return null;
  const s = sums(d.rate, d.entries as DayEntry[]);
  const detach = async () => {
    for (const id of d.photos || []) await removePhoto(id);
    c.set({ day_log: null });
    c.setPhotos(c.photos.filter((p) => !(d.photos || []).includes(p.id)));
  };
  return (
    <div class="msg" data-testid="daylog-attached">
      <p>
        已附上你的记工表：{s.from} 到 {s.to}，出工 {s.days} 天，收到 {fenToYuan(s.received)} 元，还欠 {fenToYuan(s.owed)} 元，照片 {(d.photos || []).length} 张。
      </p>
      <CheckBox tag="div" id="dl-signed" label="这是我自己记的，记的都是真的。" checked={!!d.signed_off} onChange={(v) => c.set({ day_log: { ...d, signed_off: v } })} />
      {!d.signed_off && <p class="field-error">不勾选这一项，记工表不会随申请发出。</p>}
      <button type="button" class="btn btn-small btn-default" onClick={() => void detach()}>
        不附上记工
      </button>
    </div>
  );
}
