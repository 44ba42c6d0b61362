import type { JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import { useMe, VOLUNTEER_ROLES } from './accounts/auth';
import { PasswordPage } from './accounts/password-page';
import { matchPath, routePath } from './core/route-match';
import { useLocation } from './core/router';
import { isOffline, useStore } from './core/store';
import { applyUpdate, cacheVolunteerTools } from './core/sw-register';
import { Page } from './core/cells';
import { ROUTES, type Tab } from './routes';

/** The screen for a URL: the route table's first row that matches (src/routes.tsx). */
function route(url: URL): { tab: Tab; page: JSX.Element } {
  const path = routePath(url);
  for (const row of ROUTES) {
    const params = matchPath(row.path, path);
    if (params) return { tab: row.tab, page: row.page(params, url) };
  }
  return { tab: 'home', page: <NotFound /> };
}

function NotFound() {
  return (
    <Page title="找不到这个页面" back="/">
      <div class="msg">
        <p>这个链接打不开，可能写错了或者已经不用了。</p>
        <a class="btn btn-primary" href="/">
          回首页
        </a>
      </div>
    </Page>
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
