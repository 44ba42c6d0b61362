// The office's frame: who may enter (staff and admin; a section the route table opens to more roles, such as
// 问一问's answerers, lets those in too), and the sections' menu. Every office page renders inside <Office>, so
// its data loaders never run for anyone else. The server refuses the office API to others as well; this only
// spares them a screen of errors.
import type { ComponentChildren } from 'preact';
import { OFFICE_ROLES, useMe, type Me } from '../accounts/auth';
import { PageHeader, useTitle } from '../core/ui';
import { Page } from '../core/cells';
import { OFFICE_MENU } from '../routes';
import './office.css';

export function isOfficeRole(me: Me | null): me is Me {
  return !!me && OFFICE_ROLES.includes(me.role);
}

/** Who may open a section: the roles of its menu row in the route table (staff and admin when it has none). */
export function mayOpen(me: Me | null, section: Section): me is Me {
  const row = OFFICE_MENU.find((s) => s.section === section);
  return !!me && (row ? row.roles : OFFICE_ROLES).includes(me.role);
}

export type Section = 'events' | 'debriefs' | 'accounts' | 'audit' | 'import' | 'content' | 'cases' | 'offices' | 'jobs' | 'stats' | 'sites' | 'questions';

/**
 * Side menu on an office PC (≥ 900 px), a row of tabs across the top on a phone: the route
 * table's rows with a menu entry (src/routes.tsx) that the person's role may open.
 */
export function OfficeNav(props: { active: Section; role: string }) {
  return (
    <nav class="office-nav" aria-label="办公室">
      {OFFICE_MENU.filter((s) => s.roles.includes(props.role)).map((s) => (
        <a key={s.section} href={s.href} class={s.section === props.active ? 'on' : ''} aria-current={s.section === props.active ? 'page' : undefined}>
          {s.label}
        </a>
      ))}
    </nav>
  );
}

/** What anyone but staff and admin sees at an office address. */
export function OfficeRefusal() {
  return (
    <Page title="只有工作人员能打开" back="/">
      <div class="msg" role="alert">
        <p>这里是办公室的页面，只有机构的工作人员登录后才能打开。</p>
        <a class="btn btn-primary" href="/">
          回首页
        </a>
      </div>
    </Page>
  );
}

/** An office page: the guard, the menu, the page's title bar, then its body (`adminOnly`: what staff see instead of an admin's page). */
export function Office(props: { section: Section; title: string; back?: string; right?: ComponentChildren; adminOnly?: string; children: ComponentChildren }) {
  const me = useMe();
  useTitle(props.title);
  if (!mayOpen(me, props.section)) return <OfficeRefusal />;
  return (
    <div class="office">
      <OfficeNav active={props.section} role={me.role} />
      <div class="office-main">
        <PageHeader title={props.title} back={props.back} right={props.right} />
        {props.adminOnly && me.role !== 'admin' ? (
          <div class="msg" role="alert">
            <p>{props.adminOnly}</p>
          </div>
        ) : (
          props.children
        )}
      </div>
    </div>
  );
}
