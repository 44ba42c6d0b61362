// One event in the office: publish or cancel it (asked first), copy it, its volunteers by name,
// the live headcount, the sign-in sheet (Excel, CSV), the poster, and every debrief sent. The
// headcount and the volunteers are in event-people.tsx.
import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { errorText } from '../../core/api';
import { navigate } from '../../core/router';
import { showToast } from '../../core/store';
import { dayTime, shortDateTime } from '../../core/time';
import { useLoad } from '../../core/ui';
import { Pending, Section } from '../../core/cells';
import { debriefHistory, duplicateEvent, getEvent, patchEvent, type OfficeEventFull } from './office-api';
import { download, fetchBlob } from '../../office/admin-api';
import { Office } from '../../office/office-nav';
import { Counts, Volunteers } from './event-people';
import { act, ConfirmButton, StatusBadge } from './office-parts';

export function OfficeEventPage(props: { id: number }) {
  return (
    <Office section="events" title="活动" back="/office/events">
      <EventBody id={props.id} />
    </Office>
  );
}

function EventBody(props: { id: number }) {
  const ev = useLoad(() => getEvent(props.id), [props.id]);
  if (!ev.data) return <Pending of={ev} />;
  const e = ev.data;
  return (
    <>
      <Summary e={e} changed={ev.retry} />
      <Counts e={e} />
      <Volunteers e={e} changed={ev.retry} />
      <Sheets e={e} />
      <Poster e={e} />
      <History e={e} />
    </>
  );
}

function Summary(props: { e: OfficeEventFull; changed: () => void }) {
  const { e } = props;
  const status = (to: 'draft' | 'published' | 'cancelled', done: string) => act(() => patchEvent(e.id, { status: to }), done, props.changed);
  return (
    <section aria-labelledby="ev-title">
      <div class="hero">
        <h2 class="hero-title" id="ev-title">
          {e.title} <StatusBadge e={e} />
        </h2>
        <p class="hero-sub">
          {e.kind_label} · {dayTime(e.starts_at)}
          {e.ends_at ? ` 至 ${dayTime(e.ends_at)}` : ''}
        </p>
        <p class="hero-sub">
          {e.place}
          {e.capacity ? ` · 名额 ${e.capacity} 人` : ''}
          {e.site_code ? ` · 工地编号 ${e.site_code}` : ''}
        </p>
        {e.description && <p class="office-description">{e.description}</p>}
      </div>
      <div class="office-actions">
        {e.status !== 'cancelled' && (
          <a class="btn btn-small btn-default" href={`/office/events/${e.id}/edit`}>
            修改
          </a>
        )}
        {e.status === 'draft' && (
          <ConfirmButton label="发布" question="发布以后，工友就能在“活动”里看到并报名。确定发布吗？" yes="确定发布" onYes={() => status('published', '已发布')} />
        )}
        {e.status === 'published' && (
          <ConfirmButton label="改回草稿" tone="default" question="改回草稿，工友就看不到这场活动了（已报名的人还在）。确定吗？" yes="改回草稿" onYes={() => status('draft', '已改回草稿')} />
        )}
        {e.status !== 'cancelled' && (
          <ConfirmButton label="取消活动" tone="warn" question="取消以后不能再恢复，工友也不能再报名。确定取消这场活动吗？" yes="确定取消" onYes={() => status('cancelled', '活动已取消')} />
        )}
        <button
          type="button"
          class="btn btn-small btn-default"
          onClick={() =>
            act(
              async () => navigate(`/office/events/${(await duplicateEvent(e.id)).id}/edit`),
              '已复制成一个新草稿，改一下时间和地点',
              () => undefined,
            )
          }
        >
          复制一份
        </button>
      </div>
    </section>
  );
}

function Sheets(props: { e: OfficeEventFull }) {
  const base = `/api/v1/events/${props.e.id}/attendance`;
  const get = (kind: 'xlsx' | 'csv') => () =>
    download(`${base}.${kind}`, `签到表-${props.e.id}.${kind}`).catch((err) => showToast(errorText(err)));
  return (
    <Section id="sheet-h" title="签到表" class="office-section">
      <div class="office-actions">
        <button type="button" class="btn btn-small btn-default" onClick={get('xlsx')}>
          下载 Excel
        </button>
        <button type="button" class="btn btn-small btn-default" onClick={get('csv')}>
          下载 CSV
        </button>
      </div>
    </Section>
  );
}

function Poster(props: { e: OfficeEventFull }) {
  const [url, setUrl] = useState('');
  const [error, setError] = useState('');
  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);
  const path = `/api/v1/events/${props.e.id}/poster.png`;
  return (
    <Section id="poster-h" title="海报（A4）" class="office-section">
      {props.e.status === 'draft' ? (
        <p class="page-desc">发布以后才有海报：海报上的二维码打开的是报名页面。</p>
      ) : (
        <>
          <div class="office-actions">
            <button type="button" class="btn btn-small btn-default" onClick={() => fetchBlob(path).then((blob) => setUrl(URL.createObjectURL(blob)), (err) => setError(errorText(err)))}>
              预览海报
            </button>
            <button type="button" class="btn btn-small btn-default" onClick={() => download(path, `海报-${props.e.id}.png`).catch((err) => showToast(errorText(err)))}>
              下载海报
            </button>
          </div>
          {error && <p class="form-error">{error}</p>}
          {url && <img class="office-poster" src={url} alt={`“${props.e.title}”的海报`} />}
        </>
      )}
    </Section>
  );
}

const FOUR: { key: 'worry' | 'urgent_problem' | 'service_suggestion' | 'next_event_suggestion'; label: string }[] = [
  { key: 'worry', label: '困扰' },
  { key: 'urgent_problem', label: '急需解决' },
  { key: 'service_suggestion', label: '服务建议' },
  { key: 'next_event_suggestion', label: '下次活动' },
];

function History(props: { e: OfficeEventFull }) {
  const history = useLoad(() => debriefHistory(props.e.id), [props.e.id]);
  return (
    <Section id="debrief-h" title="活动小结（四个带回）" class="office-section">
      {!history.data ? (
        <Pending of={history} />
      ) : !history.data.length ? (
        <p class="page-desc">志愿者还没有交小结。</p>
      ) : (
        <ol class="office-versions" aria-label="小结的每一版" reversed>
          {history.data.map((v) => (
            <li class="office-version" key={v.version}>
              <strong>第 {v.version} 版</strong> · {v.submitted_by?.display_name || '（账号已删除）'} · {shortDateTime(v.submitted_at)}
              {v.version === history.data![0].version && <span class="office-badge published">最新</span>}
              <dl>
                {FOUR.map((f) => (
                  <Fragment key={f.key}>
                    <dt>{f.label}</dt>
                    <dd>{v[f.key] || '—'}</dd>
                  </Fragment>
                ))}
                <dt>人数</dt>
                <dd>
                  接触 {v.people_reached} 人，发资料 {v.leaflets_given} 份
                </dd>
              </dl>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}
