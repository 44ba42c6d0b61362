// One of my sign-ups: waiting to be sent, refused (with the server's reason), or sent, with
// the QR code that the volunteer at the gate scans.
import { useEffect, useState } from 'preact/hooks';
import type { MySignup } from './types';
import { keepFormForRetry, mySignup, refreshCheckedIn, signupState, type SignupPayload } from './events';
import { dismiss, flush, listEntries } from '../core/outbox';
import { navigate } from '../core/router';
import { isOffline, useStore } from '../core/store';
import { dayTime } from '../core/time';
import { ErrorBox, Lazy, Loading, PageHeader, useLoad, useTitle } from '../core/ui';

export function MySignupPage(props: { id: string }) {
  const st = useStore();
  const got = useLoad(() => mySignup(props.id), [props.id, st.outbox.version]);
  const [s, setS] = useState<MySignup | undefined>(undefined);
  useEffect(() => setS(got.data), [got.data]);
  useEffect(() => {
    if (got.data && !isOffline()) void refreshCheckedIn(got.data).then(setS);
  }, [got.data]);
  // 有奖知识问答: its module, loaded with signal for a sent sign-up, says whether the event runs one (prize-quiz.tsx).
  const quiz = useLoad(() => (s && s.state === 'sent' ? import('./prize-quiz').then((m) => m.quizLink(s)) : Promise.resolve(null)), [s && s.id, s && s.state]);
  useTitle('我的报名');
  if (got.error) return <ErrorBox error={got.error} retry={got.retry} />;
  if (got.loading && !s) return <Loading />;
  return (
    <div class="page">
      <PageHeader title="我的报名" back="/events" />
      {!s ? (
        <p class="msg">这个手机上没有这条报名。</p>
      ) : (
        <>
          <ul class="cells">
            <li class="cell">
              <span class="cell-body">
                <span class="cell-title">{s.eventTitle}</span>
                <span class="cell-desc">
                  {dayTime(s.startsAt)} · {s.place}
                </span>
                <span class="cell-desc">
                  {s.name} · {s.phoneMasked}
                </span>
              </span>
              <span class={signupState(s).cls}>{signupState(s).text}</span>
            </li>
          </ul>
          {s.state === 'sent' && s.qrToken ? (
            <div class="qr-box">
              <Lazy
                load={() => import('./qr-code')}
                render={(m) => <m.QrCode text={s.qrToken!} label={`${s.name}的签到二维码`} />}
              />
              <p>{s.checkedIn ? '你已经签到了。' : '到现场把这个二维码给志愿者扫一下，就签到了。没有网络也能打开。'}</p>
              {quiz.data}
            </div>
          ) : s.state === 'waiting' ? (
            <div class="msg" role="status">
              <p>
                <strong>等待发送</strong>：报名已经存在手机上，有网了会自动报上，报上后这里会出现签到二维码。
              </p>
              <button type="button" class="btn btn-default" disabled={st.outbox.sending} onClick={() => void flush()}>
                {st.outbox.sending ? '正在发送…' : '现在发送'}
              </button>
            </div>
          ) : (
            <div class="msg" role="alert">
              <p class="bad">没有报上：{s.message}</p>
              <button
                type="button"
                class="btn btn-primary"
                onClick={async () => {
                  const e = (await listEntries()).find((x) => x.id === s.id);
                  keepFormForRetry((e?.payload as SignupPayload | undefined)?.form);
                  if (e) await dismiss(e);
                  navigate(`/events/${s.eventId}`, { replace: true });
                }}
              >
                改一改，重新报名
              </button>
            </div>
          )}
        </>
      )}
    </div>
  );
}
