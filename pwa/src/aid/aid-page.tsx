// 援助: apply for legal aid (the form itself is a lazy chunk, see apply-page.tsx), this phone's
// applications (waiting, sent with their tracking code, or to be corrected), 查进度 by code and
// phone, and for a worker signed in by phone code, every application of theirs from the server.
import { useState } from 'preact/hooks';
import { authFetch, useMe } from '../accounts/auth';
import { httpError, OfflineError, request } from '../core/api';
import { cleanPhone, isMobile, PHONE_MESSAGE } from '../core/phone';
import { showToast, useStore } from '../core/store';
import { shortDateTime } from '../core/time';
import { ReadAloud } from '../core/read-aloud';
import { getLocale } from '../core/settings';
import { speechText } from '../core/speech';
import { Field } from '../core/form';
import { Arrow, ErrorBox, Lazy, Loading, PageHeader, useLoad, useTitle } from '../core/ui';
import { caseLabel } from './case-types';
import { currentDraft, noteStage, queued, queuedApplications, sentApplication, sentApplications, whose } from './store';
import { trackHref } from './track-link';
import { REFUSED, refusalReason, TrackView } from './track-view';

const speechParts = () => import('./speech-parts');
import type { Tracked } from './types';

export function AidPage() {
  useTitle('援助');
  const st = useStore();
  const me = useMe();
  const draft = useLoad(currentDraft, []);
  const waiting = useLoad(queuedApplications, [st.outbox.version]);
  const sent = useLoad(sentApplications, [st.outbox.version]);
  const d = draft.data;
  return (
    <div class="page">
      <PageHeader title="援助" />
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

      {(!!waiting.data?.length || !!sent.data?.length) && (
        <section aria-labelledby="phone-h">
          <h2 class="cells-title" id="phone-h">
            这台手机提交的申请
          </h2>
          <ul class="cells">
            {waiting.data?.map((e) => (
              <li key={e.id}>
                <a class="cell cell-link" href={`/aid/sent/${e.id}`}>
                  <span class="cell-body">
                    <span class="cell-title">{e.label.replace(/^法律援助申请：/, '')}</span>
                    <span class="cell-desc">{shortDateTime(e.createdAt)} 提交</span>
                  </span>
                  {e.state === 'rejected' ? <span class="tag tag-bad">要改一下</span> : <span class="tag tag-wait">等待发送</span>}
                  <Arrow />
                </a>
              </li>
            ))}
            {sent.data?.map((s) => (
              <li key={s.id}>
                <a class="cell cell-link" href={`/aid/sent/${s.id}`}>
                  <span class="cell-body">
                    <span class="cell-title">
                      {caseLabel(s.caseType)}
                      {s.applicant ? ` · ${whose(s)}` : ''} · 查询码 {s.codeDisplay}
                    </span>
                    <span class="cell-desc">
                      {shortDateTime(s.sentAt)} 已发出{s.checkedAt ? ` · ${shortDateTime(s.checkedAt)} 查的进度` : ''}
                    </span>
                  </span>
                  <span class="tag tag-ok">{s.stageLabel || '已发出'}</span>
                  <Arrow />
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}

      {me?.role === 'worker' && <MyApplications />}

      <section aria-labelledby="tel-h">
        <h2 class="cells-title" id="tel-h">
          想直接问人
        </h2>
        <ul class="cells">
          <li>
            <a class="cell cell-link" href="tel:12348">
              <span class="cell-body">
                <span class="cell-title">12348 公共法律服务热线</span>
                <span class="cell-desc">法律咨询，告诉你去哪里申请法律援助</span>
              </span>
              <Arrow />
            </a>
          </li>
        </ul>
      </section>
    </div>
  );
}

async function loadMine(): Promise<Tracked[]> {
  const res = await authFetch('/api/v1/me/applications', { headers: { Accept: 'application/json' } });
  if (!res.ok) throw await httpError(res);
  return ((await res.json()) as { items: Tracked[] }).items;
}

/** A worker signed in by phone code: every application with their phone, without the code. */
function MyApplications() {
  const mine = useLoad(loadMine, []);
  return (
    <section aria-labelledby="mine-h">
      <h2 class="cells-title" id="mine-h">
        我的申请
      </h2>
      {mine.data ? (
        mine.data.length ? (
          mine.data.map((t) => <TrackView key={t.code} t={t} />)
        ) : (
          <p class="page-desc">用你的手机号提交的申请会列在这里。还没有。</p>
        )
      ) : mine.error ? (
        mine.error instanceof OfflineError ? (
          <p class="page-desc">没有网络，联网后这里会列出你的申请。</p>
        ) : (
          <ErrorBox error={mine.error} retry={mine.retry} />
        )
      ) : (
        <Loading />
      )}
    </section>
  );
}

async function track(code: string, phone: string): Promise<Tracked> {
  const res = await request('/api/v1/applications/track', {
    method: 'POST', // code and phone in the body: neither lands in an access log
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ code: code.trim(), phone: cleanPhone(phone) }),
  });
  if (!res.ok) throw await httpError(res);
  const t = (await res.json()) as Tracked;
  void noteStage(t.code, t.stage_label); // this phone's list shows where its applications stand
  return t;
}

const TRACK_INTRO = '填上查询码和申请时留的手机号，就能看到申请办到哪一步了。';

export function AidTrackPage(props: { code: string }) {
  useTitle('查进度');
  const [code, setCode] = useState(props.code);
  const [phone, setPhone] = useState('');
  const [errors, setErrors] = useState<{ code?: string; phone?: string }>({});
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const [found, setFound] = useState<{ t: Tracked; phone: string } | null>(null);
  const again = async () => {
    if (!found) return;
    try {
      setFound({ t: await track(found.t.code, found.phone), phone: found.phone });
    } catch {
      /* keep what is shown; 查进度 asks again */
    }
  };
  return (
    <div class="page">
      <PageHeader title="查进度" back="/aid" />
      <div class="apply-head">
        <p class="page-desc">{TRACK_INTRO}</p>
        <Lazy load={speechParts} render={(m) => <ReadAloud text={speechText(found ? m.trackSpeech(found.t, REFUSED[found.t.stage], refusalReason(found.t)) : ['查进度', TRACK_INTRO, problem])} lang={getLocale()} />} />
      </div>
      <form
        noValidate
        onSubmit={async (ev) => {
          ev.preventDefault();
          const e: typeof errors = {};
          if (!code.trim()) e.code = '请填写查询码（提交后给你的 8 位字母和数字）。';
          if (!isMobile(phone)) e.phone = PHONE_MESSAGE;
          setErrors(e);
          setProblem('');
          if (e.code || e.phone) return;
          setBusy(true);
          try {
            setFound({ t: await track(code, phone), phone: cleanPhone(phone) });
          } catch (err) {
            setFound(null);
            setProblem(err instanceof OfflineError ? '没有网络，联网后再查。' : err instanceof Error ? err.message : '没查到，请稍后再试。');
          } finally {
            setBusy(false);
          }
        }}
      >
        <ul class="cells">
          <Field id="tr-code" label="查询码" value={code} onInput={setCode} error={errors.code} autoComplete="off" placeholder="如 K7QM-X3WP" />
          <Field id="tr-phone" label="申请时填的手机号" value={phone} onInput={setPhone} error={errors.phone} type="tel" inputMode="tel" autoComplete="tel" />
        </ul>
        {problem && (
          <p class="form-error" role="alert">
            {problem}
          </p>
        )}
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? '正在查…' : '查进度'}
          </button>
          <a class="btn btn-default" href="/aid/forgot" data-testid="forgot-link">
            忘了查询码
          </a>
        </div>
      </form>
      {found && <TrackView t={found.t} phone={found.phone} onSupplied={() => void again()} />}
    </div>
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
  useTitle(title);
  return (
    <div class="page">
      <PageHeader title={title} back="/aid" />
      <div class="apply-head">
        <Lazy load={speechParts} render={(m) => <ReadAloud text={speechText([title, ...m.sentSpeech(s, e, st.outbox.sending, SENT_NEXT)])} lang={getLocale()} />} />
      </div>
      {s ? (
        <div class="msg sent-code">
          <p>申请已经送到法律援助机构。</p>
          <p data-testid="whose-code">{s.applicant ? `这是工友${whose(s)}的查询码：` : '你的查询码：'}</p>
          <p class="big-code" data-testid="tracking-code">
            {s.codeDisplay}
          </p>
          <button
            type="button"
            class="btn btn-primary"
            onClick={async () => {
              try {
                await navigator.clipboard.writeText(s.codeDisplay);
                showToast('已复制查询码');
              } catch {
                showToast('没能复制，请抄下来');
              }
            }}
          >
            复制
          </button>
          {s.stageLabel && (
            <p>
              上次查的进度：<strong>{s.stageLabel}</strong>
              {s.checkedAt ? `（${shortDateTime(s.checkedAt)}）` : ''}
            </p>
          )}
          <p class="write-down">
            <strong>{s.applicant ? '请把查询码抄给工友本人，或者让工友拍下来。' : '请把查询码抄在纸上，或者拍下来。'}</strong>
            查进度要用查询码和{s.applicant ? '工友的' : ''}手机号（{s.phoneMasked}）。
          </p>
          <p class="page-desc">{SENT_NEXT}</p>
          <a class="btn btn-default" href={trackHref(s.code)}>
            查进度
          </a>
        </div>
      ) : e ? (
        e.state === 'rejected' ? (
          <div class="msg" role="alert">
            <p class="bad">申请没有送到：{e.message}</p>
            <p>改一下再提交就行，填过的都还在。</p>
            <a class="btn btn-primary" href={`/aid/apply?fix=${encodeURIComponent(e.id)}`}>
              去改正
            </a>
          </div>
        ) : (
          <div class="msg" role="status">
            <p>
              <strong>申请已存在手机上，等待发送。</strong>
            </p>
            <p>{st.outbox.sending ? '正在发送…' : '有信号时会自动发出，不用再按。发出后这里会显示查询码。'}</p>
            <a class="btn btn-default" href="/outbox">
              看待发送
            </a>
          </div>
        )
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
    </div>
  );
}
