// One site in the office (its form in site-form.tsx): its board's facts, printing the board (A4 or A3, PDF or PNG), the worker's
// page it opens (/s/CODE), and the applications, questions (问一问) and events linked to it.
import { useState } from 'preact/hooks';
import { Pending, Section } from '../../core/cells';
import { useLoad } from '../../core/ui';
import { chinaTime, dayTime } from '../../core/time';
import { Office } from '../../office/office-nav';
import { problemText } from '../../office/admin-api';
import { CaseRows } from '../../aid/office/case-rows';
import { QueueRows } from '../../questions/office/queue-rows';
import { SiteEditPage } from './site-form';
import { downloadBoard, siteRecords, type SiteRecords } from './site-api';

/** A site (`code`), its form (`edit`), or a new site's form (no code). */
export function SiteOfficePage(props: { code?: string; edit?: boolean }) {
  if (props.edit || !props.code) return <SiteEditPage code={props.code} />;
  return <SiteView code={props.code} />;
}

function SiteView(props: { code: string }) {
  const got = useLoad(() => siteRecords(props.code), [props.code]);
  const s = got.data;
  return (
    <Office section="sites" title={s ? s.name : '工地'} back="/office/sites" right={s && <a class="btn btn-small btn-default" href={`/office/sites/${s.code}?edit`}>修改</a>}>
      {!s ? <Pending of={got} /> : <Site s={s} reload={got.retry} />}
    </Office>
  );
}

function Site(props: { s: SiteRecords; reload: () => void }) {
  const { s } = props;
  return (
    <>
      <p class="page-desc">
        编号 {s.code_display} · {s.status_label} · 总包 {s.contractor || '未填'} · 告示牌{s.board_printed_at ? `打印于 ${chinaTime(s.board_printed_at)}` : '还没打印'}
      </p>
      <Print code={s.code} printed={props.reload} />
      <p class="page-desc">
        二维码打开的工友页面：<a href={`/s/${s.code}`}>/s/{s.code}</a> · <a href={`/office/cases?site=${s.code}`}>在案件里只看这个工地</a>
      </p>
      <Section id="site-cases" title={`关联的申请（${s.application_count}）`}>
        <CaseRows items={s.applications} base="/office/cases" label="这个工地的申请" />
      </Section>
      <Section id="site-questions" title={`关联的咨询（${s.questions.length}）`}>
        <QueueRows items={s.questions} label="这个工地的咨询" />
      </Section>
      <Section id="site-events" title="关联的活动">
        {s.events.length ? (
          <ul class="cells">
            {s.events.map((e) => (
              <li key={e.id}>
                <a class="cell cell-link" href={`/office/events/${e.id}`}>
                  <span class="cell-body">
                    <span class="cell-title">{e.title}</span>
                    <span class="cell-desc">{dayTime(e.starts_at)} · {e.place}</span>
                  </span>
                </a>
              </li>
            ))}
          </ul>
        ) : (
          <p class="page-desc">还没有活动。建活动时填上工地编号 {s.code_display}，就会显示在这里和工友的工地页面上。</p>
        )}
      </Section>
    </>
  );
}

function Print(props: { code: string; printed: () => void }) {
  const [problem, setProblem] = useState('');
  const board = (size: 'A4' | 'A3', fmt: 'pdf' | 'png') => () =>
    downloadBoard(props.code, size, fmt).then(props.printed, (err) => setProblem(problemText(err)));
  return (
    <div class="office-filters" role="group" aria-label="打印告示牌">
      {(['A4', 'A3'] as const).map((size) => (
        <span key={size}>
          <button type="button" class="btn btn-small btn-primary" onClick={board(size, 'pdf')}>
            打印告示牌 {size}（PDF）
          </button>{' '}
          <button type="button" class="btn btn-small btn-default" onClick={board(size, 'png')}>
            {size} 图片
          </button>
        </span>
      ))}
      {problem && <p class="msg bad-box" role="alert">{problem}</p>}
    </div>
  );
}
