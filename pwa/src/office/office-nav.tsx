// The office's frame: who may enter (staff and admin), and the sections' menu. Every office
// page renders inside <Office>, so its data loaders never run for anyone else. The server
// refuses the office API to others as well; this only spares them a screen of errors.
import type { ComponentChildren } from 'preact';
import { OFFICE_ROLES, useMe, type Me } from '../accounts/auth';
import { PageHeader, useTitle } from '../core/ui';
import './office.css';

export function isOfficeRole(me: Me | null): boolean {
  return !!me && OFFICE_ROLES.includes(me.role);
}

export type Section = 'events' | 'debriefs' | 'accounts' | 'audit' | 'import' | 'content' | 'cases';

export const SECTIONS: { id: Section; href: string; label: string }[] = [
  { id: 'events', href: '/office/events', label: '活动' },
  { id: 'debriefs', href: '/office/debriefs', label: '总结' },
  { id: 'accounts', href: '/office/accounts', label: '账号' },
  { id: 'audit', href: '/office/audit', label: '审计' },
  { id: 'import', href: '/office/import', label: '导入' },
  { id: 'content', href: '/office/content', label: '内容' },
  { id: 'cases', href: '/office/cases', label: '案件' },
];

/** Side menu on an office PC (≥ 900 px), a row of tabs across the top on a phone. */
export function OfficeNav(props: { active: Section }) {
  return (
    <nav class="office-nav" aria-label="办公室">
      {SECTIONS.map((s) => (
        <a key={s.id} href={s.href} class={s.id === props.active ? 'on' : ''} aria-current={s.id === props.active ? 'page' : undefined}>
          {s.label}
        </a>
      ))}
    </nav>
  );
}

/** What anyone but staff and admin sees at an office address. */
export function OfficeRefusal() {
  useTitle('只有工作人员能打开');
  return (
    <div class="page">
      <PageHeader title="只有工作人员能打开" back="/" />
      <div class="msg" role="alert">
        <p>这里是办公室的页面，只有机构的工作人员登录后才能打开。</p>
        <a class="btn btn-primary" href="/">
          回首页
        </a>
      </div>
    </div>
  );
}

/** An office page: the guard, the menu, the page's title bar, then its body. */
export function Office(props: { section: Section; title: string; back?: string; right?: ComponentChildren; children: ComponentChildren }) {
  const me = useMe();
  useTitle(props.title);
  if (!isOfficeRole(me)) return <OfficeRefusal />;
  return (
    <div class="office">
      <OfficeNav active={props.section} />
      <div class="office-main">
        <PageHeader title={props.title} back={props.back} right={props.right} />
        {props.children}
      </div>
    </div>
  );
}
