// Pieces the case screens share: who may open them, the flags and days left, photos and documents
// fetched as the signed-in person. The rows of a list are in case-rows.tsx.
// Only the office's and the lawyers' lazy pages import this (never a worker's page).
import './cases.css';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useMe } from '../../accounts/auth';
import { errorText } from '../../core/api';
import { saveAs } from '../../core/save';
import { Lazy, PageHeader } from '../../core/ui';
import { blobUrl, type CaseRow } from './case-api';
import { urgencyLevel } from './case-text';

export type Handler = 'office' | 'lawyer';

/** Who may open these screens; anyone else is told plainly (the server refuses them too). */
export function useHandler(): Handler | null | 'none' {
  const me = useMe();
  if (!me) return null;
  if (me.role === 'staff' || me.role === 'admin') return 'office';
  if (me.role === 'lawyer') return 'lawyer';
  return 'none';
}

/** Who this page is not for, said plainly; the server refuses them too. */
export function NotForYou(props: { title: string; signedIn: boolean; back?: string; officeOnly?: boolean; lawyer?: boolean }) {
  const text = !props.signedIn
    ? '请先登录（律师、工作人员用账号密码登录）。'
    : props.officeOnly
      ? '这个页面只给法律援助中心的工作人员用。'
      : '这个页面只给法律援助中心的工作人员和承办律师用。';
  return (
    <div class="page">
      <PageHeader title={props.title} back={props.back ?? '/me'} />
      <div class="msg" role="alert">
        <p>{text}</p>
        {props.lawyer ? (
          <a class="btn btn-primary" href="/cases">
            看我的案件
          </a>
        ) : (
          <a class="btn btn-primary" href="/me">
            {props.signedIn ? '回到我的' : '去登录'}
          </a>
        )}
      </div>
    </div>
  );
}

type Flagged = Pick<CaseRow, 'green_channel' | 'urgent' | 'first_aid' | 'overdue' | 'duplicate' | 'group_size'> & { accept_overdue_label?: string | null };

/** A case's flags; the office's own accept deadline (律师超过N天未接受指派) comes to staff only. */
export function Flags(props: { c: Flagged }) {
  const c = props.c;
  return (
    <span class="case-flags">
      {c.green_channel && <span class="tag tag-ok">绿色通道</span>}
      {c.first_aid && <span class="tag tag-bad">先行援助</span>}
      {c.urgent && !c.first_aid && <span class="tag tag-bad">紧急</span>}
      {c.overdue && <span class="tag tag-bad">已超期</span>}
      {c.accept_overdue_label && <span class="tag tag-bad">{c.accept_overdue_label}</span>}
      {c.duplicate && <span class="tag tag-wait">疑似重复</span>}
      {c.group_size > 1 && <span class="tag tag-wait">群体 {c.group_size} 人</span>}
    </span>
  );
}

/** "还剩 3 天" / "今天到期" / "超期 2 天". */
export function daysText(days: number | null, overdue = false): string {
  if (days == null) return '';
  if (days < 0 || overdue) return `超期 ${Math.abs(days)} 天`;
  if (days === 0) return '今天到期';
  return `还剩 ${days} 天`;
}

/** The class of a box or tag coloured by urgency (see urgencyLevel). */
export function levelClass(level: ReturnType<typeof urgencyLevel>, kind: 'box' | 'tag'): string {
  const name = level === 'none' ? '' : level === 'wait' ? 'warn' : level;
  if (kind === 'box') return name ? `${name}-box` : '';
  return level === 'none' ? '' : `tag-${level}`;
}

/** A blob: URL for an API file, fetched as the signed-in person; let go of when unused. */
function useBlob(path: string | null): { url?: string; error?: unknown } {
  const [st, setSt] = useState<{ url?: string; error?: unknown }>({});
  useEffect(() => {
    if (!path) return;
    let live = true;
    let made = '';
    blobUrl(path).then(
      (url) => {
        made = url;
        if (live) setSt({ url });
        else URL.revokeObjectURL(url);
      },
      (error) => live && setSt({ error }),
    );
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [path]);
  return st;
}

export function AuthImage(props: { path: string; alt: string; class?: string }) {
  const img = useBlob(props.path);
  if (img.error) return <span class="photo-missing">{errorText(img.error)}</span>;
  if (!img.url) return <span class="photo-missing">正在加载…</span>;
  return <img src={img.url} alt={props.alt} class={props.class} />;
}

type Photo = { id: string; label: string; url: string; thumbnail_url: string; width?: number; height?: number };
// The viewer (zoom, rotate, next, save) loads when a photo is first opened: not in the case page's first download.
const viewer = () => import('./evidence-viewer');

/** The evidence photos as thumbnails; one opens in the viewer over the page. */
export function Photos(props: { items: Photo[] }) {
  const [open, setOpen] = useState<number | null>(null);
  if (!props.items.length) return <p class="page-desc">没有上传照片。</p>;
  return (
    <>
      <ul class="photo-grid">
        {props.items.map((p, i) => (
          <li key={p.id}>
            <button type="button" class="photo-thumb" onClick={() => setOpen(i)} aria-label={`看大图：${p.label || `照片 ${i + 1}`}`}>
              <AuthImage path={p.thumbnail_url} alt="" />
              <span class="photo-label">{p.label || `照片 ${i + 1}`}</span>
            </button>
          </li>
        ))}
      </ul>
      {open != null && <Lazy load={viewer} render={(m) => <m.EvidenceViewer items={props.items} start={open} onClose={() => setOpen(null)} />} />}
    </>
  );
}

export function Overlay(props: { title: string; onClose: () => void; children: ComponentChildren; class?: string }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    close.current?.focus();
    const esc = (e: KeyboardEvent) => e.key === 'Escape' && props.onClose();
    document.addEventListener('keydown', esc);
    return () => {
      document.removeEventListener('keydown', esc);
      before?.focus?.();
    };
  }, []);
  return (
    <div class="overlay" role="dialog" aria-modal="true" aria-label={props.title} onClick={(e) => e.target === e.currentTarget && props.onClose()}>
      <div class={'overlay-box ' + (props.class || '')}>
        <div class="overlay-head">
          <span>{props.title}</span>
          <button type="button" class="btn btn-default btn-small" ref={close} onClick={props.onClose}>
            关闭
          </button>
        </div>
        {props.children}
      </div>
    </div>
  );
}

/** A document the server makes (docx, pdf), downloaded with the sign-in, saved under `name`. */
export function Download(props: { path: string; name: string; children: ComponentChildren }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  return (
    <span class="download">
      <button
        type="button"
        class="btn btn-default btn-small"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError('');
          try {
            saveAs(await blobUrl(props.path), props.name);
          } catch (e) {
            setError(errorText(e));
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? '正在下载…' : props.children}
      </button>
      {error && (
        <span class="field-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
