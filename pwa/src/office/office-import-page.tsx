// 办公室 → 导入: a phone that could not send saved its queue (导出待发送记录); staff load the
// file here, see what it holds, then apply it through the same path as the phone's own sending,
// each entry once, with what happened to each.
import { useState } from 'preact/hooks';
import type { Answer } from '../core/schemas';
import { api, problemText } from './admin-api';
import { chinaTime } from '../core/time';
import { Office } from './office-nav';
import './office-admin.css';

type Held = Answer<'ImportOut'>;

const KINDS: Record<string, string> = {
  checkin: '签到',
  walkin: '现场登记',
  signup: '线下报名',
  online_signup: '工友自己报名',
  report: '活动小结',
  unknown: '看不懂的记录',
};
const STATUSES: Record<string, string> = { applied: '已生效', duplicate: '之前已有', rejected: '没有生效', conflict: '编号冲突' };

export function OfficeImportPage() {
  const [file, setFile] = useState<{ name: string; data: Record<string, unknown> } | null>(null);
  const [preview, setPreview] = useState<Held | null>(null);
  const [done, setDone] = useState<Held | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const send = async (data: Record<string, unknown>, dryRun: boolean) =>
    api<Held>('/api/v1/office/import', { method: 'POST', json: { file: data, dry_run: dryRun } });

  const choose = async (input: HTMLInputElement) => {
    const f = input.files?.[0];
    setError('');
    setPreview(null);
    setDone(null);
    setFile(null);
    if (!f) return;
    let data: unknown;
    try {
      data = JSON.parse(await f.text());
    } catch {
      setError('这个文件打不开：不是导出的待发送记录（.json 文件）。');
      return;
    }
    if (!data || typeof data !== 'object' || Array.isArray(data)) {
      setError('这个文件不是导出的待发送记录。');
      return;
    }
    setFile({ name: f.name, data: data as Record<string, unknown> });
    setBusy(true);
    try {
      setPreview(await send(data as Record<string, unknown>, true));
    } catch (err) {
      setError(problemText(err));
    } finally {
      setBusy(false);
    }
  };

  const apply = async () => {
    if (!file) return;
    setBusy(true);
    setError('');
    try {
      setDone(await send(file.data, false));
    } catch (err) {
      setError(problemText(err));
    } finally {
      setBusy(false);
    }
  };

  const shown = done || preview;
  return (
    <Office section="import" title="导入待发送记录">
      <p class="page-desc">手机一直发不出去时，志愿者或工友在「待发送」里点「导出待发送记录」，把文件交给你。选这个文件，先看里面有什么，再导入。同一个文件导入两次，也不会重复计数。</p>
      <div class="office-form">
        <label>
          选文件（.json）
          <input type="file" accept=".json,application/json" data-testid="import-file" disabled={busy} onChange={(e) => void choose(e.target as HTMLInputElement)} />
        </label>
      </div>
      {busy && (
        <p class="loading" role="status">
          正在处理…
        </p>
      )}
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {shown && (
        <section aria-labelledby="held-h" class="office-panel">
          <h2 class="cells-title" id="held-h">
            {done ? '导入结果' : '文件里有'}：共 {shown.total} 条
          </h2>
          <p class="page-desc">
            设备 {shown.device_id}
            {shown.exported_at ? ` · 导出于 ${chinaTime(shown.exported_at)}` : ''}
            {shown.already_received ? ` · 其中 ${shown.already_received} 条服务器之前已经收到过（不会重复计数）` : ''}
          </p>
          <div class="office-figures">
            {Object.entries(shown.counts).map(([k, n]) => (
              <div key={k}>
                <strong>{n}</strong>
                {KINDS[k] || k}
              </div>
            ))}
          </div>
          <div class="office-table-wrap">
            <table class="office-table" aria-label="按活动">
              <thead>
                <tr>
                  <th>活动</th>
                  <th>内容</th>
                </tr>
              </thead>
              <tbody>
                {shown.events.map((ev) => (
                  <tr key={String(ev.event_id)}>
                    <td>{ev.event_id ? `${ev.title || '（找不到这场活动）'} #${ev.event_id}` : '（没写活动）'}</td>
                    <td>
                      {Object.entries(ev.counts)
                        .map(([k, n]) => `${KINDS[k] || k} ${n}`)
                        .join('，')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {!done && (
            <div class="office-actions">
              <button type="button" class="btn btn-primary" disabled={busy || !shown.total} onClick={() => void apply()}>
                导入这 {shown.total} 条
              </button>
            </div>
          )}
        </section>
      )}
      {done && (
        <section aria-labelledby="res-h" class="office-panel">
          <h2 class="cells-title" id="res-h">
            每一条的结果：
            {Object.entries(done.status_counts)
              .map(([k, n]) => `${STATUSES[k] || k} ${n}`)
              .join('，')}
          </h2>
          <div class="office-table-wrap">
            <table class="office-table" aria-label="每一条的结果">
              <thead>
                <tr>
                  <th>记录</th>
                  <th>类型</th>
                  <th>活动</th>
                  <th>结果</th>
                  <th>说明</th>
                </tr>
              </thead>
              <tbody>
                {done.results.map((r, i) => (
                  <tr key={i} data-testid="import-result">
                    <td>{r.label || r.id || '—'}</td>
                    <td>{KINDS[r.kind] || r.kind}</td>
                    <td>{r.event_id ?? ''}</td>
                    <td class={r.status === 'applied' || r.status === 'duplicate' ? 'office-ok' : 'office-bad'}>
                      {STATUSES[r.status] || r.status}
                      {r.replayed ? '（之前已导入）' : ''}
                    </td>
                    <td>{r.reason || r.message || ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </Office>
  );
}
