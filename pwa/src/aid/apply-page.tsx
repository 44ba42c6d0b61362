// /aid/apply: the legal-aid form, one question per screen, big buttons, every screen read aloud.
// The draft is written to IndexedDB at every key (store.ts), so back, forward, a reload or a
// closed tab lose nothing; 提交 puts it in the outbox. A lazy chunk, precached for everyone
// (scripts/inject-sw.mjs), so it opens offline on a phone that has opened the app once.
// The form's state lives in use-apply.ts; its screens in apply-screens.tsx and apply-parts.tsx.
import { ReadAloud } from '../core/read-aloud';
import { getLocale } from '../core/settings';
import { speechText } from '../core/speech';
import { Lazy, Loading, PageHeader, useTitle } from '../core/ui';
import { loadDayLog } from '../routes';
import { SCREENS } from './apply-screens';
import { STEPS } from './rules';
import { type Apply, useApply } from './use-apply';

export function ApplyPage(props: { params: URLSearchParams }) {
  useTitle('申请法律援助');
  const c = useApply(props.params);
  if (!c) return <Loading />;
  const { draft, stepId } = c;
  return (
    <div class="page apply">
      <PageHeader title={draft.fixing ? '改正申请' : '申请法律援助'} back="/aid" heading={false} />
      <Progress c={c} />
      {(props.params.get('log') || c.a.day_log) && <Lazy load={loadDayLog} render={(m) => <m.LogAttachment c={c} params={props.params} />} />}
      {draft.fixing && stepId === 'review' && (
        <p class="msg bad-box" role="alert">
          上次没有送到，服务器说：{draft.fixing} 请改好后再提交，还用原来的编号，不会重复。
        </p>
      )}
      <form
        noValidate
        onSubmit={(ev) => {
          ev.preventDefault();
          c.submit();
        }}
      >
        {SCREENS[stepId].render(c)}
        <Problems c={c} />
        <div class="apply-nav">
          {draft.step > 0 && (
            <button type="button" class="btn btn-default btn-big" onClick={c.back}>
              上一步
            </button>
          )}
          <button type="submit" class="btn btn-primary btn-big" disabled={c.busy}>
            {stepId === 'review' ? (c.busy ? '正在提交…' : '提交申请') : '下一步'}
          </button>
        </div>
      </form>
      {c.resumed && (
        <p class="page-desc resumed">
          这是你上次没填完的申请，填过的都在。
          <button type="button" class="btn btn-small btn-default" onClick={c.restart}>
            重新开始
          </button>
        </p>
      )}
    </div>
  );
}

/** Which screen of how many, and the screen's title with its read-aloud button. */
function Progress({ c }: { c: Apply }) {
  const step = c.draft.step;
  return (
    <>
      <div class="apply-progress" role="group" aria-label="进度">
        <p data-testid="progress">
          第 {step + 1} 步，共 {STEPS.length} 步
        </p>
        <span class="apply-bar" aria-hidden="true">
          <span style={{ width: `${((step + 1) / STEPS.length) * 100}%` }} />
        </span>
      </div>
      <div class="apply-head">
        <h1 class="apply-title" tabIndex={-1} ref={c.heading}>
          {STEPS[step].title}
        </h1>
        <ReadAloud text={speechText([STEPS[step].title, ...SCREENS[c.stepId].say(c)])} lang={getLocale()} />
      </div>
    </>
  );
}

/** What stops the form: the phone could not keep it, or fields on this screen to correct. */
function Problems({ c }: { c: Apply }) {
  return (
    <>
      {c.problem && (
        <p class="form-error" role="alert">
          {c.problem}
        </p>
      )}
      {c.here > 0 && (
        <p class="form-error" role="alert">
          有 {c.here} 处要改一下，看红字。
        </p>
      )}
    </>
  );
}
