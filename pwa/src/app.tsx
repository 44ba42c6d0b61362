import type { JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import { useMe, VOLUNTEER_ROLES } from './accounts/auth';
import { AidPage, AidSentPage, AidTrackPage } from './aid/aid-page';
import { ForgotCodePage } from './aid/forgot-page';
import { shortLinkCode } from './aid/short-link';
import { trackedCode } from './aid/track-link';
import { CardPage } from './cards/card-page';
import { EventPage, EventsPage } from './events/events-page';
import { Home } from './cards/home-page';
import { MePage } from './accounts/me-page';
import { PasswordPage } from './accounts/password-page';
import { MySignupPage } from './events/mine-page';
import { OutboxPage } from './core/outbox-page';
import { QuizPage } from './cards/quiz-page';
import { SearchPage } from './cards/search-page';
import { TopicPage } from './cards/topic-page';
import { Topics } from './cards/topics-page';
import { useLocation } from './core/router';
import { isOffline, useStore } from './core/store';
import { applyUpdate, cacheVolunteerTools } from './core/sw-register';
import { Lazy, PageHeader, useTitle } from './core/ui';

// The volunteer's tools load on demand: workers never download them. Once a volunteer is
// signed in, the service worker keeps them too, so they open offline.
const checkin = () => import('./events/checkin-page');
const report = () => import('./events/debrief-page');
// The legal-aid form loads on demand too, but every phone keeps it (it is for workers): it opens offline.
const apply = () => import('./aid/apply-page');
// The office's screens (staff and admin) are online screens: lazy, and never precached.
const officeEvents = () => import('./events/office/office-events-page');
const officeEvent = () => import('./events/office/office-event-page');
const officeEdit = () => import('./events/office/office-event-edit-page');
const officeDebriefs = () => import('./events/office/office-debriefs-page');
const officeAccounts = () => import('./accounts/office/office-accounts-page');
const officeAudit = () => import('./accounts/office/office-audit-page');
const officeImport = () => import('./office/office-import-page');
const officeContent = () => import('./office/office-content-page');
// The office's and the lawyers' case screens: loaded on demand, online (never precached).
const inbox = () => import('./aid/inbox-page');
const casePage = () => import('./aid/case-page');
const myCases = () => import('./aid/my-cases-page');
const groups = () => import('./aid/group-page');

type Tab = 'home' | 'law' | 'events' | 'aid' | 'me';

function route(url: URL): { tab: Tab; page: JSX.Element } {
  const path = url.pathname.replace(/\/+$/, '') || '/';
  let m: RegExpMatchArray | null;
  if (path === '/') return { tab: 'home', page: <Home /> };
  if (path === '/topics') return { tab: 'law', page: <Topics /> };
  if ((m = path.match(/^\/topics\/([a-z0-9-]+)$/))) return { tab: 'law', page: <TopicPage slug={m[1]} /> };
  if ((m = path.match(/^\/cards\/([a-z0-9-]+)$/))) return { tab: 'law', page: <CardPage slug={m[1]} /> };
  if (path === '/search') return { tab: 'law', page: <SearchPage q={url.searchParams.get('q') || ''} /> };
  if (path === '/quiz') return { tab: 'law', page: <QuizPage /> };
  if (path === '/events') return { tab: 'events', page: <EventsPage /> };
  if ((m = path.match(/^\/events\/(\d+)$/))) return { tab: 'events', page: <EventPage id={Number(m[1])} /> };
  if ((m = path.match(/^\/events\/mine\/([0-9a-f-]{36})$/))) return { tab: 'events', page: <MySignupPage id={m[1]} /> };
  if (path === '/outbox') return { tab: 'events', page: <OutboxPage /> };
  if (path === '/checkin') return { tab: 'events', page: <Lazy load={checkin} render={(c) => <c.CheckinHome />} /> };
  if ((m = path.match(/^\/checkin\/(\d+)\/report$/))) {
    const id = Number(m[1]);
    return { tab: 'events', page: <Lazy load={report} render={(r) => <r.ReportPage id={id} />} /> };
  }
  if ((m = path.match(/^\/checkin\/(\d+)$/))) {
    const id = Number(m[1]);
    return { tab: 'events', page: <Lazy load={checkin} render={(c) => <c.CheckinPage id={id} />} /> };
  }
  if (path === '/office' || path === '/office/events') {
    return { tab: 'me', page: <Lazy load={officeEvents} render={(o) => <o.OfficeEventsPage query={url.searchParams} />} /> };
  }
  if (path === '/office/events/new') return { tab: 'me', page: <Lazy load={officeEdit} render={(o) => <o.OfficeEventEditPage />} /> };
  if ((m = path.match(/^\/office\/events\/(\d+)\/edit$/))) {
    const id = Number(m[1]);
    return { tab: 'me', page: <Lazy load={officeEdit} render={(o) => <o.OfficeEventEditPage id={id} />} /> };
  }
  if ((m = path.match(/^\/office\/events\/(\d+)$/))) {
    const id = Number(m[1]);
    return { tab: 'me', page: <Lazy load={officeEvent} render={(o) => <o.OfficeEventPage id={id} />} /> };
  }
  if (path === '/office/debriefs') {
    return { tab: 'me', page: <Lazy load={officeDebriefs} render={(o) => <o.OfficeDebriefsPage query={url.searchParams} />} /> };
  }
  if (path === '/office/accounts') {
    return { tab: 'me', page: <Lazy load={officeAccounts} render={(o) => <o.OfficeAccountsPage />} /> };
  }
  if (path === '/office/audit') {
    return { tab: 'me', page: <Lazy load={officeAudit} render={(o) => <o.OfficeAuditPage query={url.searchParams} />} /> };
  }
  if (path === '/office/import') return { tab: 'me', page: <Lazy load={officeImport} render={(o) => <o.OfficeImportPage />} /> };
  if (path === '/office/content') return { tab: 'me', page: <Lazy load={officeContent} render={(o) => <o.OfficeContentPage />} /> };
  if (path === '/aid') return { tab: 'aid', page: <AidPage /> };
  if (path === '/aid/apply') {
    const params = url.searchParams;
    return { tab: 'aid', page: <Lazy load={apply} render={(a) => <a.ApplyPage params={params} />} /> };
  }
  if (path === '/aid/track') return { tab: 'aid', page: <AidTrackPage code={trackedCode(url) || shortLinkCode()} /> };
  if (path === '/aid/forgot') return { tab: 'aid', page: <ForgotCodePage /> };
  if ((m = path.match(/^\/aid\/sent\/([A-Za-z0-9_\-:.]{8,80})$/))) return { tab: 'aid', page: <AidSentPage id={m[1]} /> };
  const cases = caseRoute(path, url);
  if (cases) return { tab: 'me', page: cases };
  if (path === '/me') return { tab: 'me', page: <MePage /> };
  if (path === '/me/password') return { tab: 'me', page: <PasswordPage /> };
  return { tab: 'home', page: <NotFound /> };
}

/** 案件 for the office, 我的案件 for lawyers (issue 13). */
function caseRoute(path: string, url: URL): JSX.Element | null {
  let m: RegExpMatchArray | null;
  const page = Number(url.searchParams.get('page')) || 1;
  if (path === '/office/cases') {
    const filter = url.searchParams.get('filter');
    return <Lazy load={inbox} render={(p) => <p.InboxPage filter={filter} page={page} />} />;
  }
  if ((m = path.match(/^\/office\/cases\/groups\/([^/]+)$/))) {
    const key = decodeURIComponent(m[1]);
    return <Lazy load={groups} render={(p) => <p.GroupPage groupKey={key} />} />;
  }
  if ((m = path.match(/^\/office\/cases\/(\d+)\/compare\/(\d+)$/))) {
    const [id, other] = [Number(m[1]), Number(m[2])];
    return <Lazy load={groups} render={(p) => <p.ComparePage id={id} other={other} />} />;
  }
  if ((m = path.match(/^\/(office\/)?cases\/(\d+)$/))) {
    const [office, id] = [!!m[1], Number(m[2])];
    return <Lazy load={casePage} render={(p) => <p.CasePage id={id} office={office} />} />;
  }
  if (path === '/cases') return <Lazy load={myCases} render={(p) => <p.MyCasesPage page={page} />} />;
  return null;
}

function NotFound() {
  useTitle('找不到这个页面');
  return (
    <div class="page">
      <PageHeader title="找不到这个页面" back="/" />
      <div class="msg">
        <p>这个链接打不开，可能写错了或者已经不用了。</p>
        <a class="btn btn-primary" href="/">
          回首页
        </a>
      </div>
    </div>
  );
}

const TABS: { id: Tab; href: string; label: string; icon: string }[] = [
  { id: 'home', href: '/', label: '首页', icon: 'M3 11.5 12 4l9 7.5M5.5 9.5V20h13V9.5M10 20v-5.5h4V20' },
  { id: 'law', href: '/topics', label: '普法', icon: 'M4 5.5h6.5a2 2 0 0 1 2 2V20a2 2 0 0 0-2-2H4zM20 5.5h-6.5a2 2 0 0 0-2 2V20a2 2 0 0 1 2-2H20z' },
  { id: 'events', href: '/events', label: '活动', icon: 'M4 6.5h16V20H4zM4 10.5h16M8.5 4v4M15.5 4v4' },
  { id: 'aid', href: '/aid', label: '援助', icon: 'M12 3.5 19.5 6v5.5c0 4.5-3.2 7.8-7.5 9-4.3-1.2-7.5-4.5-7.5-9V6zM8.8 12l2.3 2.3 4.2-4.3' },
  { id: 'me', href: '/me', label: '我的', icon: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4.5 20.5c.8-3.8 3.8-6 7.5-6s6.7 2.2 7.5 6' },
];

function TabBar(props: { active: Tab }) {
  return (
    <nav class="tabbar" aria-label="主菜单">
      {TABS.map((t) => (
        <a key={t.id} href={t.href} class={'tab' + (t.id === props.active ? ' on' : '')} aria-current={t.id === props.active ? 'page' : undefined}>
          <svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true">
            <path d={t.icon} fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" />
          </svg>
          <span>{t.label}</span>
        </a>
      ))}
    </nav>
  );
}

function Banners() {
  const st = useStore();
  return (
    <div class="banners">
      {isOffline(st) && (
        <p class="banner banner-offline" role="status">
          {st.pack ? '现在没有网络，看的是存好的内容' : '现在没有网络'}
        </p>
      )}
      {st.updateWaiting && (
        <div class="banner banner-update" role="status">
          <span>有新版本</span>
          <button type="button" class="btn btn-small btn-primary" onClick={applyUpdate}>
            更新
          </button>
        </div>
      )}
    </div>
  );
}

function Toast() {
  const { toast } = useStore();
  return (
    <div class="toast-holder" aria-live="polite">
      {toast && <p class="toast">{toast}</p>}
    </div>
  );
}

export function App() {
  const url = useLocation();
  const st = useStore();
  const me = useMe();
  const volunteer = !!me && VOLUNTEER_ROLES.includes(me.role);
  useEffect(() => {
    if (volunteer) void cacheVolunteerTools().catch(() => undefined);
  }, [volunteer]);
  // A one-time password from an admin: nothing else opens until the person has picked their own.
  const { tab, page } = me?.must_change_password ? { tab: 'me' as Tab, page: <PasswordPage forced /> } : route(url);
  // The page's own top bar sticks just below however many banners are showing.
  const banners = (isOffline(st) ? 1 : 0) + (st.updateWaiting ? 1 : 0);
  return (
    <div class={'app banners-' + banners}>
      <Banners />
      <main id="main" key={url.pathname + url.search}>
        {page}
      </main>
      <TabBar active={tab} />
      <Toast />
    </div>
  );
}
