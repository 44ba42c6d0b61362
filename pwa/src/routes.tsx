// The route table: every screen of the app is one row. The router (app.tsx), the service worker's
// precache lists (scripts/inject-sw.mjs, which reads this file as text through
// scripts/route-table.mjs) and the office's menu (office/office-nav.tsx) all follow from it, and
// tests/route-table.test.js compares them. Adding a screen is one row here, plus the screen.
//
// A row: `path`, a pattern with named params (core/route-match.ts says what each name accepts),
// matched in order, first row wins; `tab`, the tab bar's item it lights; `load`, the screen's lazy
// import (a row without one is in the first download: `page` is then the eager component);
// `precache`: 'all' (every phone keeps it, it opens offline), 'later' (every phone keeps it too, fetched
// a few seconds after the first visit's part is on the phone: it opens offline from then on, lazy rows
// only), 'volunteer' (kept once a volunteer signs in) or 'none' (an online screen no phone downloads ahead); `roles`, who may open it (the
// office's frame turns others away) and who sees it in the office's menu, when it has a `menu` entry;
// `shell` (every lazy 'all' row, and only those): the title and back link of the page's own first
// screen, which scripts/route-shells.mjs writes as dist/<path with - for />.html, painted before any
// script arrives and with the screen's chunk preloaded (the server and the service worker answer the
// path with it), so a cold link never shows the home page on the way.
// Each `load` is `() => import('./…')`, or the name of such a const when several rows share a module:
// the build reads them as text (scripts/route-table.mjs).
import type { JSX } from 'preact';
import { Lazy } from './core/ui';
import { type Params } from './core/route-match';
import type { Section } from './office/office-nav';
import { AidPage, AidSentPage, AidTrackPage } from './aid/aid-page';
import { shortLinkCode } from './aid/short-link';
import { trackedCode } from './aid/track-link';
import { threadCode } from './questions/thread-link';
import { CardPage } from './cards/card-page';
import { EventPage, EventsPage } from './events/events-page';
import { Home } from './cards/home-page';
import { MePage } from './accounts/me-page';
import { PasswordPage } from './accounts/password-page';
import { MySignupPage } from './events/mine-page';
import { OutboxPage } from './core/outbox-page';
import { SearchPage } from './cards/search-page';
import { TopicPage } from './cards/topic-page';
import { Topics } from './cards/topics-page';

export type Tab = 'home' | 'law' | 'events' | 'aid' | 'me';
export type Precache = 'all' | 'later' | 'volunteer' | 'none';

export interface Route {
  path: string;
  tab: Tab;
  precache: Precache;
  roles?: readonly string[];
  menu?: { section: Section; label: string };
  shell?: { title: string; back: string };
  /** The screen for this URL and the params its path matched. */
  page: (p: Params, url: URL) => JSX.Element;
}

type Row = Omit<Route, 'page'>;

/** A screen in the first download. */
const eager = (row: Row & { page: Route['page'] }): Route => row;

/** A screen loaded when first opened: `view` draws it from its module. */
function lazy<M>(row: Row & { load: () => Promise<M>; view: (m: M, p: Params, url: URL) => JSX.Element }): Route {
  const { load, view, ...rest } = row;
  return { ...rest, page: (p, url) => <Lazy load={load} render={(m) => view(m, p, url)} /> };
}

const OFFICE = ['staff', 'admin'];
const HANDLERS = ['lawyer', 'staff', 'admin']; // a case's lawyer, and the office
const VOLUNTEER = ['volunteer', 'staff', 'admin'];
const ANSWERERS = ['volunteer', 'lawyer', 'staff', 'admin']; // 问一问's answerers (issue 22): volunteer lawyers too
// A module several rows open (one screen at two addresses, or two screens of one module) has one loader.
const checkin = () => import('./events/checkin-page');
const officeEvents = () => import('./events/office/office-events-page');
const officeEdit = () => import('./events/office/office-event-edit-page');
const groups = () => import('./aid/office/group-page');
const casePage = () => import('./aid/office/case-page');
const answerers = () => import('./questions/office/queue-page'); // 问一问's queue, one question and 咨询登记: one chunk
const daylog = () => import('./sites/daylog-page');
const officeSite = () => import('./sites/office/site-office-page');
const ask = () => import('./questions/ask-page');
const page = (url: URL) => Number(url.searchParams.get('page')) || 1;

export const ROUTES: Route[] = [
  eager({ path: '/', tab: 'home', precache: 'all', page: () => <Home /> }),
  eager({ path: '/topics', tab: 'law', precache: 'all', page: () => <Topics /> }),
  eager({ path: '/topics/:slug', tab: 'law', precache: 'all', page: (p) => <TopicPage slug={p.slug} /> }),
  eager({ path: '/cards/:slug', tab: 'law', precache: 'all', page: (p) => <CardPage slug={p.slug} /> }),
  eager({ path: '/search', tab: 'law', precache: 'all', page: (_, url) => <SearchPage q={url.searchParams.get('q') || ''} /> }),
  // The quiz's questions come with the 'later' tier (/api/v1/content/quiz): its screen too.
  lazy({ path: '/quiz', tab: 'law', precache: 'later', load: () => import('./cards/quiz-page'), view: (q) => <q.QuizPage /> }),
  eager({ path: '/events', tab: 'events', precache: 'all', page: () => <EventsPage /> }),
  eager({ path: '/events/:id', tab: 'events', precache: 'all', page: (p) => <EventPage id={Number(p.id)} /> }),
  eager({ path: '/events/mine/:uuid', tab: 'events', precache: 'all', page: (p) => <MySignupPage id={p.uuid} /> }),
  // Not precached (a worker's first visit stays small): 我的报名 loads it ahead when the event runs a quiz.
  lazy({ path: '/events/mine/:uuid/quiz', tab: 'events', precache: 'none', load: () => import('./events/prize-quiz'), view: (q, p) => <q.PrizeQuizPage id={p.uuid} /> }),
  eager({ path: '/outbox', tab: 'events', precache: 'all', page: () => <OutboxPage /> }),
  // The volunteer's tools: workers never download them; a signed-in volunteer's phone keeps them.
  lazy({ path: '/checkin', tab: 'events', precache: 'volunteer', roles: VOLUNTEER, load: checkin, view: (c) => <c.CheckinHome /> }),
  lazy({ path: '/checkin/:id/report', tab: 'events', precache: 'volunteer', roles: VOLUNTEER, load: () => import('./events/debrief-page'), view: (r, p) => <r.ReportPage id={Number(p.id)} /> }),
  lazy({ path: '/checkin/:id', tab: 'events', precache: 'volunteer', roles: VOLUNTEER, load: checkin, view: (c, p) => <c.CheckinPage id={Number(p.id)} /> }),
  // The office's screens (staff and admin) are online screens, never precached.
  lazy({ path: '/office', tab: 'me', precache: 'none', roles: OFFICE, load: officeEvents, view: (o, _, url) => <o.OfficeEventsPage query={url.searchParams} /> }),
  lazy({ path: '/office/events', tab: 'me', precache: 'none', roles: OFFICE, menu: { section: 'events', label: '活动' }, load: officeEvents, view: (o, _, url) => <o.OfficeEventsPage query={url.searchParams} /> }),
  lazy({ path: '/office/events/new', tab: 'me', precache: 'none', roles: OFFICE, load: officeEdit, view: (o) => <o.OfficeEventEditPage /> }),
  lazy({ path: '/office/events/:id/edit', tab: 'me', precache: 'none', roles: OFFICE, load: officeEdit, view: (o, p) => <o.OfficeEventEditPage id={Number(p.id)} /> }),
  lazy({ path: '/office/events/:id', tab: 'me', precache: 'none', roles: OFFICE, load: () => import('./events/office/office-event-page'), view: (o, p) => <o.OfficeEventPage id={Number(p.id)} /> }),
  lazy({ path: '/office/debriefs', tab: 'me', precache: 'none', roles: OFFICE, menu: { section: 'debriefs', label: '总结' }, load: () => import('./events/office/office-debriefs-page'), view: (o, _, url) => <o.OfficeDebriefsPage query={url.searchParams} /> }),
  lazy({ path: '/office/stats', tab: 'me', precache: 'none', roles: OFFICE, menu: { section: 'stats', label: '统计' }, load: () => import('./office/stats-page'), view: (o, _, url) => <o.StatsPage query={url.searchParams} /> }),
  lazy({ path: '/office/accounts', tab: 'me', precache: 'none', roles: OFFICE, menu: { section: 'accounts', label: '账号' }, load: () => import('./accounts/office/office-accounts-page'), view: (o) => <o.OfficeAccountsPage /> }),
  lazy({ path: '/office/audit', tab: 'me', precache: 'none', roles: OFFICE, menu: { section: 'audit', label: '审计' }, load: () => import('./accounts/office/office-audit-page'), view: (o, _, url) => <o.OfficeAuditPage query={url.searchParams} /> }),
  lazy({ path: '/office/offices', tab: 'me', precache: 'none', roles: OFFICE, menu: { section: 'offices', label: '机构' }, load: () => import('./accounts/office/office-tree-page'), view: (o) => <o.OfficeTreePage /> }),
  lazy({ path: '/office/import', tab: 'me', precache: 'none', roles: OFFICE, menu: { section: 'import', label: '导入' }, load: () => import('./office/office-import-page'), view: (o) => <o.OfficeImportPage /> }),
  lazy({ path: '/office/jobs', tab: 'me', precache: 'none', roles: OFFICE, menu: { section: 'jobs', label: '任务' }, load: () => import('./office/office-jobs-page'), view: (o) => <o.OfficeJobsPage /> }),
  lazy({ path: '/office/sites', tab: 'me', precache: 'none', roles: OFFICE, menu: { section: 'sites', label: '工地' }, load: () => import('./sites/office/sites-page'), view: (o, _, url) => <o.SitesPage query={url.searchParams} /> }),
  lazy({ path: '/office/sites/new', tab: 'me', precache: 'none', roles: OFFICE, load: officeSite, view: (o) => <o.SiteOfficePage edit /> }),
  // One site; ?edit opens its form.
  lazy({ path: '/office/sites/:code', tab: 'me', precache: 'none', roles: OFFICE, load: officeSite, view: (o, p, url) => <o.SiteOfficePage code={p.code} edit={url.searchParams.has('edit')} /> }),
  lazy({ path: '/office/content', tab: 'me', precache: 'none', roles: OFFICE, menu: { section: 'content', label: '内容' }, load: () => import('./office/office-content-page'), view: (o) => <o.OfficeContentPage /> }),
  // The legal-aid form loads on demand, but every phone keeps it (it is for workers): it opens offline.
  eager({ path: '/aid', tab: 'aid', precache: 'all', page: () => <AidPage /> }),
  lazy({ path: '/aid/apply', tab: 'aid', precache: 'all', shell: { title: '申请法律援助', back: '/aid' }, load: () => import('./aid/apply-page'), view: (a, _, url) => <a.ApplyPage params={url.searchParams} /> }),
  eager({ path: '/aid/track', tab: 'aid', precache: 'all', page: (_, url) => <AidTrackPage code={trackedCode(url) || shortLinkCode()} /> }),
  // An online errand (a text with the codes again): kept on the phone after the first visit, not in it.
  lazy({ path: '/aid/forgot', tab: 'aid', precache: 'later', load: () => import('./aid/forgot-page'), view: (f) => <f.ForgotCodePage /> }),
  // A site's page, opened cold from its board's QR: its own first screen (s-_.html), its facts kept for offline.
  lazy({ path: '/s/:code', tab: 'home', precache: 'all', shell: { title: '工地信息', back: '/' }, load: () => import('./sites/site-page'), view: (s, p) => <s.SitePage code={p.code} /> }),
  eager({ path: '/aid/sent/:sent', tab: 'aid', precache: 'all', page: (p) => <AidSentPage id={p.sent} /> }),
  // 记工, the worker's own day log (issue 23): kept on every phone, fetched after the first visit ('later').
  lazy({ path: '/log', tab: 'aid', precache: 'later', load: daylog, view: (d) => <d.DayLogPage siteCode={null} /> }),
  lazy({ path: '/s/:code/log', tab: 'aid', precache: 'later', load: daylog, view: (d, p) => <d.DayLogPage siteCode={p.code} /> }),
  // 帮工友确认出工: a co-worker confirms days of a worker's day log, from its QR (all in the fragment: confirm-link.ts).
  lazy({ path: '/confirm', tab: 'aid', precache: 'later', load: () => import('./sites/confirm-page'), view: (c, _, url) => <c.ConfirmPage href={url.href} /> }),
  // The case screens: 案件 for the office, 我的案件 for lawyers (issue 13). Online, never precached.
  lazy({ path: '/office/cases', tab: 'me', precache: 'none', roles: OFFICE, menu: { section: 'cases', label: '案件' }, load: () => import('./aid/office/inbox-page'), view: (c, _, url) => <c.InboxPage filter={url.searchParams.get('filter')} page={page(url)} site={url.searchParams.get('site') || ''} /> }),
  lazy({ path: '/office/cases/groups/:key', tab: 'me', precache: 'none', roles: OFFICE, load: groups, view: (c, p) => <c.GroupPage groupKey={decodeURIComponent(p.key)} /> }),
  lazy({ path: '/office/cases/:id/compare/:other', tab: 'me', precache: 'none', roles: OFFICE, load: groups, view: (c, p) => <c.ComparePage id={Number(p.id)} other={Number(p.other)} /> }),
  lazy({ path: '/office/cases/:id', tab: 'me', precache: 'none', roles: OFFICE, load: casePage, view: (c, p) => <c.CasePage id={Number(p.id)} office={true} /> }),
  lazy({ path: '/cases/:id', tab: 'me', precache: 'none', roles: HANDLERS, load: casePage, view: (c, p) => <c.CasePage id={Number(p.id)} office={false} /> }),
  // 问一问 (issue 22): the answerers' queue, one question, 咨询登记. Online screens, never precached.
  lazy({ path: '/office/questions', tab: 'me', precache: 'none', roles: ANSWERERS, menu: { section: 'questions', label: '问一问' }, load: answerers, view: (q, _, url) => <q.QueuePage query={url.searchParams} /> }),
  lazy({ path: '/office/questions/new', tab: 'me', precache: 'none', roles: ANSWERERS, load: answerers, view: (q) => <q.LogPage /> }),
  lazy({ path: '/office/questions/:id', tab: 'me', precache: 'none', roles: ANSWERERS, load: answerers, view: (q, p) => <q.QuestionPage id={Number(p.id)} /> }),
  lazy({ path: '/schedule', tab: 'me', precache: 'none', roles: ['lawyer'], load: () => import('./aid/office/schedule-page'), view: (c) => <c.SchedulePage /> }),
  lazy({ path: '/cases', tab: 'me', precache: 'none', roles: HANDLERS, load: () => import('./aid/office/my-cases-page'), view: (c, _, url) => <c.MyCasesPage page={page(url)} /> }),
  // 算一算 (issue 24): every worker's, kept a few seconds after the first visit ('later'), so they open offline.
  lazy({ path: '/calc', tab: 'law', precache: 'later', load: () => import('./calc/screens/list-page'), view: (c) => <c.CalcListPage /> }),
  lazy({ path: '/calc/:calc', tab: 'law', precache: 'later', load: () => import('./calc/screens/run-page'), view: (c, p) => <c.CalcPage id={p.calc} /> }),
  // 问一问 (issue 22): every worker's, kept a few seconds after the first visit ('later'), so a question
  // can be recorded with no signal; the thread (/q, from the answer's text /q/<code>) and 我的咨询 too.
  lazy({ path: '/ask', tab: 'home', precache: 'later', load: ask, view: (q, _, url) => <q.AskPage params={url.searchParams} /> }),
  lazy({ path: '/ask/sent/:sent', tab: 'home', precache: 'later', load: ask, view: (q, p) => <q.AskSentPage id={p.sent} /> }),
  lazy({ path: '/q', tab: 'home', precache: 'later', load: ask, view: (q, _, url) => <q.ThreadPage code={threadCode(url)} /> }),
  lazy({ path: '/me/questions', tab: 'me', precache: 'later', load: ask, view: (q) => <q.MyQuestionsPage /> }),
  eager({ path: '/me', tab: 'me', precache: 'all', page: () => <MePage /> }),
  eager({ path: '/me/password', tab: 'me', precache: 'all', page: () => <PasswordPage /> }),
];

/** The day log's module, for the apply form's 「用记工申请」 (?log=1): its import stays here, out of the form's chunk. */
export { daylog as loadDayLog };

/** The office's menu: the rows with a `menu` entry, in the table's order. */
export const OFFICE_MENU = ROUTES.filter((r) => r.menu).map((r) => ({ href: r.path, roles: r.roles || [], ...r.menu! }));
