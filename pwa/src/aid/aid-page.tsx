// 援助: apply for legal aid (the form itself is a lazy chunk, see apply-page.tsx), this phone's
// applications (waiting, sent with their tracking code, or to be corrected), 查进度 by code and
// phone, and for a worker signed in by phone code, every application of theirs from the server.
// On the first load (app.tsx imports it); 查进度's state lives in use-track.ts, the parts in aid-parts.tsx.
import { useMe } from '../accounts/auth';
import { useStore } from '../core/store';
import { ReadAloud } from '../core/read-aloud';
import { getLocale } from '../core/settings';
import { speechText } from '../core/speech';
import { Field, FormEnd } from '../core/form';
import { Lazy, Loading, useLoad } from '../core/ui';
import { LinkCell, Page, Section } from '../core/cells';
import { MyApplications, PhoneApplications, SentCode, Waiting } from './aid-parts';
import { currentDraft } from './draft';
import { queued, queuedApplications, sentApplication, sentApplications } from './store';
import { REFUSED, refusalReason, TrackView } from './track-view';
import { useTrack } from './use-track';
import { AskEntry } from '../questions/ask-entry';

const speechParts = () => import('./speech-parts');

export function AidPage() {
  const st = useStore();
  const me = useMe();
  const draft = useLoad(currentDraft, []);
  const waiting = useLoad(queuedApplications, [st.outbox.version]);
  const sent = useLoad(sentApplications, [st.outbox.version]);
  const d = draft.data;
  return (
    <Page title="援助">
      <div class="msg aid-intro">
        <p>
          <strong>法律援助是免费的</strong>：帮你咨询、写材料、代理劳动仲裁和打官司，不收你的钱（《法律援助法》第二条、第二十二条）。
        </p>
        <p>农民工讨工资、工伤索赔申请法律援助，能证明是这类事的，不用核查经济困难（《法律援助法》第四十二条）。</p>
        <p class="muted">没信号也能填，有信号时自动发出。</p>
        <a class="btn btn-primary btn-big" href="/aid/apply">
          {d ? `继续填写申请（第 ${d.step + 1} 步）` : '申请法律援助'}
        </a>
        <a class="btn btn-default" href="/aid/track">
          查进度（查询码 + 手机号）
        </a>
      </div>

      {(!!waiting.data?.length || !!sent.data?.length) && <PhoneApplications waiting={waiting.data || []} sent={sent.data || []} />}

      {me?.role === 'worker' && <MyApplications />}

      <AskEntry title="先问一问" />

      <Section id="tel-h" title="想直接问人">
        <ul class="cells">
          <LinkCell href="tel:12348" title="12348 公共法律服务热线" desc="法律咨询，告诉你去哪里申请法律援助" />
        </ul>
      </Section>
    </Page>
  );
}

const TRACK_INTRO = '填上查询码和申请时留的手机号，就能看到申请办到哪一步了。';

export function AidTrackPage(props: { code: string }) {
  const { code, setCode, phone, setPhone, errors, busy, problem, found, again, submit } = useTrack(props.code);
  return (
    <Page title="查进度" back="/aid">
      <div class="apply-head">
        <p class="page-desc">{TRACK_INTRO}</p>
        <Lazy load={speechParts} render={(m) => <ReadAloud text={speechText(found ? m.trackSpeech(found.t, REFUSED[found.t.stage], refusalReason(found.t)) : ['查进度', TRACK_INTRO, problem])} lang={getLocale()} />} />
      </div>
      <form noValidate onSubmit={submit}>
        <ul class="cells">
          <Field id="tr-code" label="查询码" value={code} onInput={setCode} error={errors.code} autoComplete="off" placeholder="如 K7QM-X3WP" />
          <Field id="tr-phone" label="申请时填的手机号" value={phone} onInput={setPhone} error={errors.phone} type="tel" inputMode="tel" autoComplete="tel" />
        </ul>
        <FormEnd error={problem} submit={busy ? '正在查…' : '查进度'} disabled={busy}>
          <a class="btn btn-default" href="/aid/forgot" data-testid="forgot-link">
            忘了查询码
          </a>
        </FormEnd>
      </form>
      {found && <TrackView t={found.t} phone={found.phone} onSupplied={() => void again()} />}
    </Page>
  );
}

const SENT_NEXT = '法律援助中心收到申请后 7 日内决定是否给你法律援助，有结果会打电话或发短信告诉你。查询码也会用短信发给你。';

/** After 提交: the tracking code once the server has it, big, to copy and write down. */
export function AidSentPage(props: { id: string }) {
  const st = useStore();
  const sent = useLoad(() => sentApplication(props.id), [props.id, st.outbox.version]);
  const entry = useLoad(() => queued(props.id), [props.id, st.outbox.version]);
  const s = sent.data;
  const e = entry.data;
  const title = s ? '申请已送到' : e?.state === 'rejected' ? '申请要改一下' : '申请已提交';
  return (
    <Page title={title} back="/aid">
      <div class="apply-head">
        <Lazy load={speechParts} render={(m) => <ReadAloud text={speechText([title, ...m.sentSpeech(s, e, st.outbox.sending, SENT_NEXT)])} lang={getLocale()} />} />
      </div>
      {s ? (
        <SentCode s={s} next={SENT_NEXT} />
      ) : e ? (
        <Waiting e={e} sending={st.outbox.sending} />
      ) : sent.loading || entry.loading ? (
        <Loading />
      ) : (
        <div class="msg">
          <p>这台手机上没有这份申请。</p>
          <a class="btn btn-default" href="/aid">
            回援助
          </a>
        </div>
      )}
    </Page>
  );
}
