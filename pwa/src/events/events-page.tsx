// 活动: the events workers can sign up for, 我的活动 (with the QR code to show at the gate),
// one event with its sign-up form, and the way in for volunteers.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { errorText } from '../core/api';
import { useMe, VOLUNTEER_ROLES } from '../accounts/auth';
import type { EventInfo, MySignup } from './types';
import { loadEvent, loadEvents, mySignups, signupState, signUp, takeFormForRetry, timeRange } from './events';
import { cleanPhone, isMobile, PHONE_MESSAGE } from '../core/phone';
import { navigate } from '../core/router';
import { showToast, useStore } from '../core/store';
import { dayTime } from '../core/time';
import { OutboxLine } from '../core/outbox-line';
import { Field, FormEnd } from '../core/form';
import { useLoad } from '../core/ui';
import { LinkCell, Page, Pending, Section } from '../core/cells';

export function EventsPage() {
  const st = useStore();
  const me = useMe();
  const events = useLoad(loadEvents, [st.online]);
  const mine = useLoad(mySignups, [st.outbox.version]);
  return (
    <Page title="活动">
      <OutboxLine />
      {!!mine.data?.length && (
        <Section id="mine-h" title="我的活动">
          <MySignupCells items={mine.data} />
        </Section>
      )}
      <Section id="events-h" title="近期活动（法律讲座、工地走访、专家门诊、咨询日）">
        {events.data ? (
          <>
            {events.data.saved && <p class="page-desc">没有网络，下面是上次存下的活动。</p>}
            {events.data.items.length ? (
              <EventCells items={events.data.items} />
            ) : (
              <p class="msg">最近还没有活动。有了会在这里公布。</p>
            )}
          </>
        ) : (
          <Pending of={events} />
        )}
      </Section>
      <h2 class="cells-title">志愿者</h2>
      <ul class="cells">
        <LinkCell href="/checkin" title="现场签到" desc={me && VOLUNTEER_ROLES.includes(me.role) ? '下载名单，没信号也能扫码、查找、现场登记' : '志愿者登录后使用'} />
      </ul>
    </Page>
  );
}

function EventCells(props: { items: EventInfo[] }) {
  return (
    <ul class="cells">
      {props.items.map((e) => (
        <LinkCell key={e.id} href={`/events/${e.id}`} title={e.title} desc={`${e.kind_label} · ${timeRange(e)}`}>
          <span class="cell-desc">{e.place}</span>
        </LinkCell>
      ))}
    </ul>
  );
}

function MySignupCells(props: { items: MySignup[] }) {
  return (
    <ul class="cells">
      {props.items.map((s) => {
        const tag = signupState(s);
        return (
          <LinkCell
            key={s.id}
            href={`/events/mine/${s.id}`}
            title={s.eventTitle}
            desc={`${dayTime(s.startsAt)} · ${s.place}`}
            after={<span class={tag.cls}>{tag.text}</span>}
          />
        );
      })}
    </ul>
  );
}

export function EventPage(props: { id: number }) {
  const st = useStore();
  const ev = useLoad(() => loadEvent(props.id), [props.id]);
  const mine = useLoad(mySignups, [st.outbox.version]);
  const e = ev.data;
  const already = mine.data?.find((s) => s.eventId === props.id && s.state !== 'rejected');
  return (
    <Page title={e?.title || '活动'} back="/events">
      {e ? (
        <>
          <ul class="cells">
            <Fact label="时间" value={timeRange(e)} />
            <Fact label="地点" value={e.place} />
            <Fact label="类型" value={e.kind_label}>
              {e.capacity !== null && <span class="cell-ft">限 {e.capacity} 人</span>}
            </Fact>
          </ul>
          {e.description && <p class="event-desc">{e.description}</p>}
          {e.status === 'cancelled' ? (
            <p class="msg" role="status">
              这场活动已取消。
            </p>
          ) : already ? (
            <ul class="cells">
              <LinkCell
                href={`/events/mine/${already.id}`}
                title={`你已报名：${already.name}`}
                desc={already.state === 'waiting' ? '等待发送，联网后自动报上' : '点这里看签到二维码'}
                after={<span class={signupState(already).cls}>{signupState(already).text}</span>}
              />
            </ul>
          ) : (
            <SignupForm event={e} />
          )}
        </>
      ) : (
        <Pending of={ev} />
      )}
    </Page>
  );
}

/** One fact of the event: what it is, then its value (`children`: what stands at the row's end). */
function Fact(props: { label: string; value: string; children?: ComponentChildren }) {
  return (
    <li class="cell">
      <span class="cell-body">
        <span class="cell-desc">{props.label}</span>
        <span class="cell-title">{props.value}</span>
      </span>
      {props.children}
    </li>
  );
}

function SignupForm(props: { event: EventInfo }) {
  const [before] = useState(takeFormForRetry);
  const [name, setName] = useState(before?.name || '');
  const [phone, setPhone] = useState(before?.phone || '');
  const [employer, setEmployer] = useState(before?.employer || '');
  const [site, setSite] = useState(before?.site || '');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const nameError = tried && !name.trim() ? '请填写姓名。' : '';
  const phoneError = tried && !isMobile(phone) ? PHONE_MESSAGE : '';
  return (
    <form
      class="form"
      aria-labelledby="signup-h"
      noValidate
      onSubmit={async (ev) => {
        ev.preventDefault();
        setTried(true);
        if (!name.trim() || !isMobile(phone)) return;
        setBusy(true);
        setError('');
        try {
          const s = await signUp(props.event, { name, phone: cleanPhone(phone), employer, site });
          if (!s) {
            setError('这个浏览器存不下报名（可能是无痕模式），请换个浏览器或联网后再试。');
            return;
          }
          showToast(s.state === 'sent' ? '报名成功' : s.state === 'waiting' ? '已存在手机上，联网后自动报名' : '没报上，看看原因');
          navigate(`/events/mine/${s.id}`, { replace: true });
        } catch (err) {
          setError(errorText(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      <h2 class="cells-title" id="signup-h">
        报名（不用注册）
      </h2>
      <ul class="cells">
        <Field inline id="su-name" label="姓名" autoComplete="name" value={name} onInput={setName} maxLength={40} required error={nameError} />
        <Field
          inline
          id="su-phone"
          label="手机号"
          type="tel"
          inputMode="numeric"
          autoComplete="tel"
          placeholder="11 位手机号"
          value={phone}
          onInput={setPhone}
          required
          error={phoneError}
        />
        <Field inline id="su-employer" label="单位" autoComplete="organization" placeholder="选填，如：某某劳务公司" value={employer} onInput={setEmployer} maxLength={120} />
        <Field inline id="su-site" label="工地" autoComplete="off" placeholder="选填" value={site} onInput={setSite} maxLength={120} />
      </ul>
      <FormEnd
        error={error}
        submit={busy ? '正在报名…' : '报名'}
        disabled={busy}
        note="没有信号也能报名：先存在手机上，有网了自动报上。报上后，到现场出示报名二维码签到。"
      />
    </form>
  );
}
