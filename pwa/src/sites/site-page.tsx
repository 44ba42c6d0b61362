// /s/:code, the page a site's board QR opens (short enough to type off the board): the board's facts
// first (a small answer, kept for offline after the first open: site-store.ts), then 「工资没拿到？」
// opening the application with the site's firms and district filled, 「记工」, the site's coming
// events and its hotlines as tel: links. Nothing here is personal: it is what the gate shows.
import { Pending, Section } from '../core/cells';
import { Arrow, PageHeader, useLoad, useTitle } from '../core/ui';
import { dayTime } from '../core/time';
import { loadSite, siteCode, type SiteInfo } from './site-store';

export function SitePage(props: { code: string }) {
  useTitle('工地信息');
  const got = useLoad(() => loadSite(props.code), [props.code]);
  return (
    <div class="page">
      <PageHeader title="工地信息" back="/" />
      {got.data ? <Site site={got.data.site} saved={got.data.saved} /> : <Pending of={got} offline="没有网络，这个工地的信息还没有存到手机上。联网后打开一次，以后没网也能看。" />}
    </div>
  );
}

function Site(props: { site: SiteInfo; saved: boolean }) {
  const s = props.site;
  const code = siteCode(s.code);
  return (
    <>
      {props.saved && <p class="page-desc">没有网络，下面是上次存下的工地信息。</p>}
      <Facts site={s} />
      {s.status === 'active' && (
        <a class="wage-entry" href={`/aid/apply?site=${code}`}>
          <span class="wage-entry-title">工资没拿到？</span>
          <span class="wage-entry-sub">免费申请法律援助：单位和工地已经帮你填好</span>
          <Arrow />
        </a>
      )}
      {/* A plain link, not questions/ask-entry: that would share aid's case types into a chunk of their own. */}
      <a class="wage-entry" href={`/ask?site=${code}`}>
        <span class="wage-entry-title">问一问</span>
        <span class="wage-entry-sub">说几句或写下来，24 小时内回复；这个工地的中心来答</span>
        <Arrow />
      </a>
      <ul class="cells">
        <li>
          <a class="cell cell-link" href={`/s/${code}/log`}>
            <span class="cell-body">
              <span class="cell-title">记工</span>
              <span class="cell-desc">自己记下每天干了多少活、拿了多少钱，讨薪时就是证据</span>
            </span>
            <Arrow />
          </a>
        </li>
      </ul>
      <Events site={s} />
      <Section id="site-tel" title="投诉和求助电话（点一下就能打）">
        <ul class="cells">
          {s.hotlines.map((h) => (
            <Tel key={h.phone} phone={h.phone} label={h.label} />
          ))}
        </ul>
      </Section>
    </>
  );
}

function Facts(props: { site: SiteInfo }) {
  const s = props.site;
  const rows: [string, string][] = [
    ['工地编号', s.code_display],
    ['工程地址', [s.division_name, s.address].filter(Boolean).join(' ')],
    ['建设单位', s.owner],
    ['施工总承包单位', s.contractor],
    ['劳务分包单位', s.subcontractor],
    ['劳资专管员', s.wage_officer],
    ['工资支付日期', s.pay_day],
    ['当地最低工资标准', s.minimum_wage],
  ];
  return (
    <Section id="site-facts" title={s.name + (s.status === 'active' ? '' : `（${s.status_label}）`)}>
      <ul class="cells" data-testid="site-facts">
        {rows.filter(([, v]) => v).map(([k, v]) => (
          <li class="cell" key={k}>
            <span class="cell-body">
              <span class="cell-desc">{k}</span>
              <span class="cell-title">{v}</span>
            </span>
          </li>
        ))}
        {s.wage_officer_phone && <Tel phone={s.wage_officer_phone} label="劳资专管员电话" />}
      </ul>
    </Section>
  );
}

/** A number to call, as the board prints it: a tap dials it. */
function Tel(props: { phone: string; label: string }) {
  return (
    <li>
      <a class="cell cell-link" href={`tel:${props.phone}`}>
        <span class="cell-body">
          <span class="cell-title tel-no">{props.phone}</span>
          <span class="cell-desc">{props.label}</span>
        </span>
        <span class="cell-ft">拨打</span>
      </a>
    </li>
  );
}

function Events(props: { site: SiteInfo }) {
  if (!props.site.events.length) return null;
  return (
    <Section id="site-events" title="这个工地最近的活动">
      <ul class="cells">
        {props.site.events.map((e) => (
          <li key={e.id}>
            <a class="cell cell-link" href={`/events/${e.id}`}>
              <span class="cell-body">
                <span class="cell-title">{e.title}</span>
                <span class="cell-desc">
                  {dayTime(e.starts_at)} · {e.place}
                </span>
              </span>
              <Arrow />
            </a>
          </li>
        ))}
      </ul>
    </Section>
  );
}
