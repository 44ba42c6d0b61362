// 待发送: what this phone has not got through to the server yet, what the server refused and
// why, a button to send now, and an export for when sending cannot work.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { dismiss, exportWaiting, fixLink, flush, listEntries, sentItems, type OutboxEntry, type SentItem } from './outbox';
import { getState, isOffline, showToast, useStore } from './store';
import { clock, shortDateTime } from './time';
import { Loading, useLoad } from './ui';
import { LinkCell, Page } from './cells';

const SHOWN = 200;

export function OutboxPage() {
  const { outbox } = useStore();
  const entries = useLoad(listEntries, [outbox.version]);
  const sent = useLoad(sentItems, [outbox.version]);
  const waiting = entries.data?.filter((e) => e.state === 'waiting') || [];
  const rejected = entries.data?.filter((e) => e.state === 'rejected') || [];
  return (
    <Page title="待发送" back="/events">
      <Summary />

      {!entries.data ? (
        <Loading />
      ) : (
        <>
          {!!rejected.length && <RejectedList rejected={rejected} />}
          {!!waiting.length && <WaitingList waiting={waiting} />}
          {!!sent.data?.length && <SentList sent={sent.data} />}
        </>
      )}
    </Page>
  );
}

/** How many wait and why, 立即同步, and the export for when sending cannot work. */
function Summary() {
  const st = useStore();
  const { outbox } = st;
  const [exported, setExported] = useState(0);
  return (
    <div class="msg outbox-summary">
      <p class="outbox-count" role="status" data-testid="outbox-count">
        {outbox.waiting ? `等待发送 ${outbox.waiting} 条` : '没有等待发送的记录'}
      </p>
      <p class="page-desc">
        {outbox.sending
          ? '正在发送…'
          : !outbox.waiting
            ? '登记的都已经发到服务器了。'
            : isOffline(st)
              ? '现在没有网络，记录都存在手机上，不会丢。联网后会自动发送。'
              : outbox.problem || '马上会自动发送。'}
        {outbox.nextTry > Date.now() && !outbox.sending ? `（${clock(outbox.nextTry)} 再自动试）` : ''}
      </p>
      <button
        type="button"
        class="btn btn-primary"
        disabled={outbox.sending || !outbox.waiting}
        onClick={async () => {
          await flush();
          if (!getState().outbox.problem) showToast('已发送');
        }}
      >
        {outbox.sending ? '正在发送…' : '立即同步'}
      </button>
      {!!(outbox.waiting || outbox.rejected) && (
        <button
          type="button"
          class="btn btn-default"
          onClick={async () => {
            setExported(await exportWaiting());
          }}
        >
          导出待发送记录
        </button>
      )}
      {exported > 0 && (
        <p class="page-desc" role="status">
          已导出 {exported} 条到一个文件（在手机的“下载”里）。发不出去时，把这个文件交给工作人员。
        </p>
      )}
    </div>
  );
}

/** A list of the page under its heading. */
function Section(props: { id: string; title: ComponentChildren; bad?: boolean; children: ComponentChildren }) {
  return (
    <section aria-labelledby={props.id}>
      <h2 class={props.bad ? 'cells-title bad' : 'cells-title'} id={props.id}>
        {props.title}
      </h2>
      {props.children}
    </section>
  );
}

function RejectedList({ rejected }: { rejected: OutboxEntry[] }) {
  return (
    <Section id="rej-h" bad title={`没登记上 ${rejected.length} 条：请看原因`}>
      <ul class="cells">
        {rejected.map((e) => (
          <Rejected key={e.id} e={e} />
        ))}
      </ul>
    </Section>
  );
}

function WaitingList({ waiting }: { waiting: OutboxEntry[] }) {
  return (
    <Section id="wait-h" title="等待发送（按登记的先后）">
      <ul class="cells">
        {waiting.slice(0, SHOWN).map((e) => (
          <li class="cell" key={e.id}>
            <span class="cell-body">
              <span class="cell-title">{e.label}</span>
            </span>
            <span class="cell-ft">{clock(e.createdAt)}</span>
          </li>
        ))}
      </ul>
      {waiting.length > SHOWN && <p class="page-desc">还有 {waiting.length - SHOWN} 条没列出来。</p>}
    </Section>
  );
}

function SentList({ sent }: { sent: SentItem[] }) {
  return (
    <Section id="sent-h" title="已发送">
      <ul class="cells">
        {sent.slice(0, 20).map((s) => (
          <LinkCell key={s.id} href={s.href} title={s.label} desc={`${shortDateTime(s.at)} 已发送`} />
        ))}
      </ul>
    </Section>
  );
}

function Rejected(props: { e: OutboxEntry }) {
  const { e } = props;
  const fix = fixLink(e);
  return (
    <li class="cell rejected">
      <span class="cell-body">
        <span class="cell-title">{e.label}</span>
        <span class="cell-desc">{shortDateTime(e.createdAt)} 记下的</span>
        <span class="cell-desc bad">{e.message}</span>
      </span>
      {fix && (
        <a class="btn btn-small btn-primary" href={fix} aria-label={`去改正：${e.label}`}>
          去改正
        </a>
      )}
      <button
        type="button"
        class="btn btn-small btn-default"
        aria-label={`不要这条了：${e.label}`}
        onClick={async () => {
          if (confirm(`确定不要这条了吗？\n${e.label}\n服务器说：${e.message}`)) await dismiss(e);
        }}
      >
        不要这条了
      </button>
    </li>
  );
}
