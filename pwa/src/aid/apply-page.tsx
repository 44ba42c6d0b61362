// /aid/apply: the legal-aid form, one question per screen, big buttons, every screen read aloud.
// The draft is written to IndexedDB at every key (store.ts), so back, forward, a reload or a
// closed tab lose nothing; 提交 puts it in the outbox. A lazy chunk, precached for everyone
// (scripts/inject-sw.mjs), so it opens offline on a phone that has opened the app once.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useMe } from '../accounts/auth';
import { ReadAloud } from '../core/read-aloud';
import { markScreen, navigate, pushScreen, screenState } from '../core/router';
import { getLocale } from '../core/settings';
import { speechText } from '../core/speech';
import { Loading, PageHeader, useTitle } from '../core/ui';
import { DateField, Field, Money } from '../core/form';
import { CheckBox, TextArea } from '../core/form-extra';
import { CASE_TYPES, caseLabel, isCaseType } from './case-types';
import { PhotoPicker } from './photo-picker';
import {
  firstProblem,
  fenToYuan,
  helperFen,
  isExempt,
  STEPS,
  stepErrors,
  stepOfField,
  yuanText,
  yuanToFen,
  type Answers,
  type Errors,
  type StepId,
} from './rules';
import { currentDraft, discardDraft, newDraft, photosOf, reopen, saveDraft, submit } from './store';
import type { AidDraft, AidPhoto } from './types';

/** What a link may fill in (a card's 怎么申请: type; a site's QR code: employer and site). */
function prefill(params: URLSearchParams): Partial<Answers> {
  const p: Partial<Answers> = {};
  const type = params.get('type');
  if (isCaseType(type)) p.case_type = type;
  const employer = params.get('employer');
  if (employer) p.employer_name = employer.slice(0, 120);
  const site = params.get('site');
  if (site) p.site = site.slice(0, 120);
  return p;
}

/** Fill what the link brings only where the draft has nothing yet. */
function withPrefill(d: AidDraft, p: Partial<Answers>): AidDraft {
  const answers = { ...d.answers };
  let changed = false;
  for (const [k, v] of Object.entries(p) as [keyof Answers, string][]) {
    if (!answers[k]) {
      (answers as unknown as Record<string, unknown>)[k] = v;
      changed = true;
    }
  }
  return changed ? { ...d, answers } : d;
}

export function ApplyPage(props: { params: URLSearchParams }) {
  useTitle('申请法律援助');
  const me = useMe();
  const onBehalf = !!me && me.role !== 'worker';
  const [draft, setDraft] = useState<AidDraft | null>(null);
  const [photos, setPhotos] = useState<AidPhoto[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  /** The form was left part-filled before: it opens where it was, with a way to start afresh. */
  const [resumed, setResumed] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    void (async () => {
      const fix = props.params.get('fix');
      const had = (fix && (await reopen(fix))) || (await currentDraft());
      const d = withPrefill(had || newDraft(), prefill(props.params));
      if (had && d !== had) void saveDraft(d);
      setResumed(!!had && !had.fixing);
      setDraft(d);
      setPhotos(await photosOf(d.id));
    })();
  }, []);

  useEffect(() => {
    if (draft) heading.current?.focus({ preventScroll: true });
  }, [draft?.step]);

  // Each screen is a history entry (go below): the phone's back button steps back through them.
  const current = useRef<AidDraft | null>(null);
  current.current = draft;
  useEffect(() => {
    if (draft) markScreen({ aidDraft: draft.id, aidStep: draft.step });
  }, [draft?.id]);
  useEffect(() => {
    const onPop = () => {
      const d = current.current;
      const st = screenState();
      if (!d || st.aidDraft !== d.id || typeof st.aidStep !== 'number' || st.aidStep === d.step) return;
      setErrors({});
      setProblem('');
      const back = { ...d, step: Math.max(0, Math.min(STEPS.length - 1, st.aidStep)) };
      setDraft(back);
      void saveDraft(back);
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  if (!draft) return <Loading />;
  const a = draft.answers;
  const stepId = STEPS[draft.step].id;

  const keep = (next: AidDraft) => {
    setDraft(next);
    void saveDraft(next);
  };
  /** The server's reasons from the refusal being corrected, each beside its field until that field changes. */
  const unfix = (d: AidDraft, keys: string[]): AidDraft => {
    if (!d.fixErrors || !keys.some((k) => k in d.fixErrors!)) return d;
    const fixErrors = { ...d.fixErrors };
    for (const k of keys) delete fixErrors[k];
    return { ...d, fixErrors };
  };
  const set = (patch: Partial<Answers>) => {
    const keys = Object.keys(patch);
    if ('coworkers' in patch) keys.push(...Object.keys(draft.fixErrors || {}).filter((k) => k.startsWith('coworker')));
    keep(unfix({ ...draft, answers: { ...draft.answers, ...patch } }, keys));
    const cleared = { ...errors };
    for (const k of keys) delete cleared[k];
    setErrors(cleared);
  };
  const go = (step: number, opts: { errors?: Errors } = {}) => {
    const to = Math.max(0, Math.min(STEPS.length - 1, step));
    setErrors(opts.errors || {});
    setProblem('');
    if (to !== draft.step) pushScreen({ aidDraft: draft.id, aidStep: to, aidFrom: draft.step });
    keep({ ...draft, step: to });
    window.scrollTo(0, 0);
  };
  const back = () => {
    const st = screenState();
    // The screen before is the history entry before: the same as the phone's back button.
    if (st.aidDraft === draft.id && st.aidStep === draft.step && st.aidFrom === draft.step - 1) history.back();
    else go(draft.step - 1);
  };
  const next = () => {
    const e = stepErrors(stepId, a, { onBehalf });
    if (Object.keys(e).length) {
      setErrors(e);
      return;
    }
    go(draft.step + 1);
  };
  const send = async () => {
    const p = firstProblem(a, { onBehalf });
    if (p) {
      go(p.step, { errors: p.errors });
      return;
    }
    setBusy(true);
    const kept = await submit(draft);
    setBusy(false);
    if (kept === 'queued') navigate(`/aid/sent/${draft.id}`, { replace: true });
    else setProblem('没能存到手机上（手机存储可能满了）。请清理一下手机空间再提交，填过的内容还在。');
  };

  const screen = SCREENS[stepId];
  const shown: Errors = { ...(draft.fixErrors || {}), ...errors };
  const here = Object.keys(shown).filter((k) => shown[k] && stepOfField(k) === draft.step).length;
  const photosChanged = (p: AidPhoto[]) => {
    setPhotos(p);
    if (draft.fixErrors?.photos) keep(unfix(draft, ['photos']));
  };
  const ctx: ScreenProps = { a, set, errors: shown, onBehalf, draft, photos, setPhotos: photosChanged, go, setProblem };
  return (
    <div class="page apply">
      <PageHeader title={draft.fixing ? '改正申请' : '申请法律援助'} back="/aid" heading={false} />
      <div class="apply-progress" role="group" aria-label="进度">
        <p data-testid="progress">
          第 {draft.step + 1} 步，共 {STEPS.length} 步
        </p>
        <span class="apply-bar" aria-hidden="true">
          <span style={{ width: `${((draft.step + 1) / STEPS.length) * 100}%` }} />
        </span>
      </div>
      <div class="apply-head">
        <h1 class="apply-title" tabIndex={-1} ref={heading}>
          {STEPS[draft.step].title}
        </h1>
        <ReadAloud text={speechText([STEPS[draft.step].title, ...screen.say(ctx)])} lang={getLocale()} />
      </div>
      {draft.fixing && stepId === 'review' && (
        <p class="msg bad-box" role="alert">
          上次没有送到，服务器说：{draft.fixing} 请改好后再提交，还用原来的编号，不会重复。
        </p>
      )}
      <form
        noValidate
        onSubmit={(ev) => {
          ev.preventDefault();
          if (stepId === 'review') void send();
          else next();
        }}
      >
        {screen.render(ctx)}
        {problem && (
          <p class="form-error" role="alert">
            {problem}
          </p>
        )}
        {here > 0 && (
          <p class="form-error" role="alert">
            有 {here} 处要改一下，看红字。
          </p>
        )}
        <div class="apply-nav">
          {draft.step > 0 && (
            <button type="button" class="btn btn-default btn-big" onClick={back}>
              上一步
            </button>
          )}
          <button type="submit" class="btn btn-primary btn-big" disabled={busy}>
            {stepId === 'review' ? (busy ? '正在提交…' : '提交申请') : '下一步'}
          </button>
        </div>
      </form>
      {resumed && (
        <p class="page-desc resumed">
          这是你上次没填完的申请，填过的都在。
          <button
            type="button"
            class="btn btn-small btn-default"
            onClick={async () => {
              if (!confirm('确定不要已经填的内容，重新开始吗？')) return;
              await discardDraft(draft.id);
              setDraft(newDraft(prefill(props.params)));
              setPhotos([]);
              setResumed(false);
            }}
          >
            重新开始
          </button>
        </p>
      )}
    </div>
  );
}

interface ScreenProps {
  a: Answers;
  set: (patch: Partial<Answers>) => void;
  errors: Errors;
  onBehalf: boolean;
  draft: AidDraft;
  photos: AidPhoto[];
  setPhotos: (p: AidPhoto[]) => void;
  go: (step: number) => void;
  setProblem: (p: string) => void;
}

interface Screen {
  /** What the read-aloud button says on this screen. */
  say: (c: ScreenProps) => string[];
  render: (c: ScreenProps) => ComponentChildren;
}

/** A field of the kit (core/form.tsx) bound to one answer: `ap-<name>`, its value, its error. */
function bound(c: ScreenProps, name: keyof Answers) {
  return { id: `ap-${name}`, value: c.a[name] as string, onInput: (v: string) => c.set({ [name]: v } as Partial<Answers>), error: c.errors[name] };
}

function Check(props: { c: ScreenProps; name: keyof Answers; children: ComponentChildren }) {
  const { c, name } = props;
  return <CheckBox id={`ap-${name}`} label={props.children} checked={!!c.a[name]} onChange={(v) => c.set({ [name]: v } as Partial<Answers>)} error={c.errors[name]} />;
}

const PRIVACY =
  '你填的内容和照片，只交给法律援助机构的工作人员和给你办案的律师，用来办你的法律援助申请。手机号和身份证号加密保存，列表里只显示后四位，每次查看都有记录。不卖给别人，不做广告。申请发出去以后，这台手机上的那份（包括身份证号和照片）会自动删掉。';
const SENSITIVE = '身份证号、伤情和证据照片属于敏感个人信息。按《个人信息保护法》第二十九条，要你单独同意才能提供。';
const EXEMPT = '农民工讨工资、要工伤赔偿，免予核查经济困难状况，不用开经济困难证明（《法律援助法》第四十二条）。把能证明你在这里干活、被欠薪或受伤的材料拍下来就行。';
const HONESTY = '其他事情申请法律援助，要如实说明经济困难状况，可以用个人诚信承诺代替证明（《法律援助法》第四十一条）。';

const SCREENS: Record<StepId, Screen> = {
  type: {
    say: () => ['点一个：', ...CASE_TYPES.map((t) => `${t.label}，${t.hint}`)],
    render: (c) => (
      <>
        <div class="case-types" role="radiogroup" aria-label="是什么事" aria-describedby={c.errors.case_type ? 'ap-case_type-error' : undefined}>
          {CASE_TYPES.map((t) => (
            <button
              key={t.id}
              type="button"
              role="radio"
              aria-checked={c.a.case_type === t.id}
              class={'case-type' + (c.a.case_type === t.id ? ' on' : '')}
              onClick={() => c.set({ case_type: t.id })}
            >
              <svg class="case-icon" viewBox="0 0 24 24" width="44" height="44" aria-hidden="true">
                <path d={t.icon} fill="none" stroke="currentColor" stroke-width="1.6" stroke-linejoin="round" stroke-linecap="round" />
              </svg>
              <span class="case-label">{t.label}</span>
              <span class="case-hint">{t.hint}</span>
            </button>
          ))}
        </div>
        {c.errors.case_type && (
          <p class="field-error" id="ap-case_type-error">
            {c.errors.case_type}
          </p>
        )}
        <p class="page-desc">填的每个字都马上存在这台手机上：没信号、关掉再打开，都不会丢。</p>
      </>
    ),
  },
  account: {
    say: () => ['用你自己的话说说发生了什么。可以很短，也可以不写。'],
    render: (c) => (
      <ul class="cells">
        <TextArea {...bound(c, 'account')} label="发生了什么（可以很短，也可以不写）" rows={5} maxLength={5000} placeholder="比如：干了三个月，老板说工程款没到，一直不发工资。" />
      </ul>
    ),
  },
  employer: {
    say: () => ['欠你钱、该负责的是谁？老板、包工头或者单位的名字，他的电话，还有总包单位。不知道的可以不填。'],
    render: (c) => (
      <ul class="cells">
        <Field {...bound(c, 'employer_name')} label="老板、包工头或单位的名字" autoComplete="organization" />
        <Field {...bound(c, 'employer_phone')} label="他的电话（不知道可以不填）" type="tel" inputMode="tel" />
        <Field {...bound(c, 'contractor')} label="总包单位（工地大门的告示牌上有）" hint="不知道可以不填" />
      </ul>
    ),
  },
  site: {
    say: () => ['在哪里干的活？工地名称、项目名称、城市和区县。不知道的可以不填。'],
    render: (c) => (
      <ul class="cells">
        <Field {...bound(c, 'site')} label="工地名称" />
        <Field {...bound(c, 'project')} label="项目名称" />
        <Field {...bound(c, 'city')} label="城市" placeholder="如：成都市" />
        <Field {...bound(c, 'district')} label="区县" placeholder="如：武侯区" />
      </ul>
    ),
  },
  dates: {
    say: (c) => ['几个重要的日子：哪天开始干活，最后一次发工资是哪天，哪天离开。', c.a.case_type === 'injury' ? '还有哪天受的伤。' : '', '记不清可以不填。'],
    render: (c) => (
      <ul class="cells">
        <DateField {...bound(c, 'started_on')} label="哪天开始干活" past/>
        <DateField {...bound(c, 'last_paid_on')} label="最后一次发工资是哪天" past/>
        <DateField {...bound(c, 'left_on')} label="哪天离开（或被辞退）" past hint="还在干可以不填" />
        {c.a.case_type === 'injury' && <DateField {...bound(c, 'injured_on')} label="哪天受的伤" past/>}
      </ul>
    ),
  },
  amount: {
    say: () => ['欠你多少钱？写多少元。不清楚可以用下面帮你算：干了几天乘每天工钱，或者几个月乘每月工钱。'],
    render: (c) => <Amount c={c} />,
  },
  coworkers: {
    say: () => ['有工友和你一起申请吗？写上他们的名字和电话。没有就直接点下一步。'],
    render: (c) => <Coworkers c={c} />,
  },
  photos: {
    say: () => ['拍照留证据：欠条、考勤记录、工资条、聊天截图、转账记录、工牌、伤情记录都可以。没有也可以先提交。'],
    render: (c) => <Photos c={c} />,
  },
  applicant: {
    say: (c) => [c.onBehalf ? '这里填工友本人的信息。' : '你是谁？', '姓名，手机号，身份证号，老家在哪里。身份证号是 18 位，在身份证正面最下面一行。'],
    render: (c) => (
      <>
        {c.onBehalf && <p class="msg warn-box">你在代工友填写：这里填工友本人的信息。</p>}
        <ul class="cells">
          <Field {...bound(c, 'applicant_name')} label="姓名" autoComplete="name" />
          <Field {...bound(c, 'phone')} label="手机号" type="tel" inputMode="tel" autoComplete="tel" hint="办理进度会打这个电话或发短信" />
          <Field {...bound(c, 'id_number')} label="身份证号" hint="18 位，在身份证正面最下面一行" autoComplete="off" />
          <Field {...bound(c, 'hometown')} label="老家（省、市、县）" />
        </ul>
      </>
    ),
  },
  consent: {
    say: (c) => ['隐私说明：', PRIVACY, SENSITIVE, isExempt(c.a) ? EXEMPT : HONESTY, c.onBehalf ? '代工友提交的，要确认工友本人已经同意。' : ''],
    render: (c) => (
      <>
        <section class="msg consent-text" aria-labelledby="privacy-h">
          <h2 id="privacy-h">隐私说明</h2>
          <p>{PRIVACY}</p>
        </section>
        <ul class="cells">
          <Check c={c} name="consent_privacy">
            我已经看过，同意上面的隐私说明。
          </Check>
        </ul>
        <section class="msg consent-text" aria-labelledby="sensitive-h">
          <h2 id="sensitive-h">敏感个人信息：单独同意</h2>
          <p>{SENSITIVE}</p>
        </section>
        <ul class="cells">
          <Check c={c} name="consent_sensitive">
            我单独同意提供身份证号、伤情和证据照片，只用来办理法律援助。
          </Check>
        </ul>
        {isExempt(c.a) ? (
          <p class="msg ok-box" data-testid="means-test">
            {EXEMPT}
          </p>
        ) : (
          <>
            <p class="msg" data-testid="means-test">
              {HONESTY}
            </p>
            <ul class="cells">
              <Check c={c} name="honesty_commitment">
                我承诺：我如实说明了自己的经济困难状况，没有隐瞒，没有编造（个人诚信承诺）。
              </Check>
            </ul>
          </>
        )}
        {c.onBehalf && (
          <ul class="cells">
            <Check c={c} name="worker_consent_confirmed">
              工友本人已经知道并同意以上内容，同意由我代他提交。
            </Check>
          </ul>
        )}
      </>
    ),
  },
  review: {
    say: (c) => ['核对一遍，没问题就点提交申请。', ...reviewRows(c).map(([, label, value]) => `${label}：${value || '没填'}`)],
    render: (c) => <Review c={c} />,
  },
};

function Amount({ c }: { c: ScreenProps }) {
  const fen = helperFen(c.a);
  const unit = c.a.wage_mode === 'days' ? '天' : '个月';
  return (
    <>
      <ul class="cells">
        <Money {...bound(c, 'amount_yuan')} label="欠多少钱（元）" hint="不清楚可以不填，或用下面帮你算" placeholder="如：12000" />
      </ul>
      <h2 class="cells-title" id="helper-h">
        帮你算
      </h2>
      <div class="segmented" role="radiogroup" aria-labelledby="helper-h">
        {(['days', 'months'] as const).map((m) => (
          <button key={m} type="button" role="radio" aria-checked={c.a.wage_mode === m} class={c.a.wage_mode === m ? 'on' : ''} onClick={() => c.set({ wage_mode: m })}>
            {m === 'days' ? '按天算' : '按月算'}
          </button>
        ))}
      </div>
      <ul class="cells">
        <Field {...bound(c, 'wage_count')} label={c.a.wage_mode === 'days' ? '干了几天没拿到钱' : '几个月没拿到钱'} inputMode="decimal" />
        <Money {...bound(c, 'wage_rate')} label={c.a.wage_mode === 'days' ? '每天多少钱（元）' : '每月多少钱（元）'} />
      </ul>
      {fen !== null && (
        <div class="helper-result">
          <p role="status">
            {c.a.wage_count.trim()} {unit} × {c.a.wage_rate.trim()} 元 = <strong>{yuanText(fen)}</strong>
          </p>
          <button type="button" class="btn btn-default" onClick={() => c.set({ amount_yuan: fenToYuan(fen) })}>
            填进上面的金额
          </button>
        </div>
      )}
    </>
  );
}

function Coworkers({ c }: { c: ScreenProps }) {
  const rows = c.a.coworkers;
  const setRow = (i: number, patch: Partial<{ name: string; phone: string }>) => c.set({ coworkers: rows.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  return (
    <>
      <p class="page-desc">一起被欠薪的工友可以写在同一份申请里（可以不写）。</p>
      {rows.map((r, i) => (
        <ul class="cells coworker" key={i} aria-label={`工友 ${i + 1}`}>
          <Field id={`ap-cw-${i}-name`} label={`工友 ${i + 1} 的名字`} value={r.name} onInput={(v) => setRow(i, { name: v })} error={c.errors[`coworker-${i}-name`]} />
          <Field id={`ap-cw-${i}-phone`} label={`工友 ${i + 1} 的电话（可不填）`} type="tel" inputMode="tel" value={r.phone} onInput={(v) => setRow(i, { phone: v })} error={c.errors[`coworker-${i}-phone`]} />
          <li class="cell">
            <button type="button" class="btn btn-small btn-default" onClick={() => c.set({ coworkers: rows.filter((_, j) => j !== i) })}>
              删掉工友 {i + 1}
            </button>
          </li>
        </ul>
      ))}
      {c.errors.coworkers && (
        <p class="field-error apply-error" id="ap-coworkers-error">
          {c.errors.coworkers}
        </p>
      )}
      <div class="form-actions">
        <button type="button" class="btn btn-default" onClick={() => c.set({ coworkers: [...rows, { name: '', phone: '' }] })}>
          ＋ 加一位工友
        </button>
      </div>
    </>
  );
}

function Photos({ c }: { c: ScreenProps }) {
  return (
    <>
      <p class="page-desc">欠条、考勤记录、工资条、聊天截图、转账记录、工牌、伤情记录，都可以拍。没有也可以先提交。照片会先在手机上缩小再存。</p>
      <PhotoPicker ownerId={c.draft.id} photos={c.photos} setPhotos={c.setPhotos} setProblem={c.setProblem} />
      {c.errors.photos && (
        <p class="field-error apply-error" id="ap-photos-error">
          {c.errors.photos}
        </p>
      )}
    </>
  );
}

/** [step index, label, value] for the review, in the order the questions came. */
function reviewRows(c: ScreenProps): [number, string, string][] {
  const a = c.a;
  const i = (id: StepId) => STEPS.findIndex((s) => s.id === id);
  const fen = yuanToFen(a.amount_yuan);
  const rows: [number, string, string][] = [
    [i('type'), '什么事', a.case_type ? caseLabel(a.case_type) : ''],
    [i('account'), '发生了什么', a.account.trim()],
    [i('employer'), '老板、包工头或单位', a.employer_name.trim()],
    [i('employer'), '他的电话', a.employer_phone.trim()],
    [i('employer'), '总包单位', a.contractor.trim()],
    [i('site'), '工地', [a.site, a.project].map((s) => s.trim()).filter(Boolean).join('，')],
    [i('site'), '城市、区县', [a.city, a.district].map((s) => s.trim()).filter(Boolean).join(' ')],
    [i('dates'), '开始干活', a.started_on],
    [i('dates'), '最后发工资', a.last_paid_on],
    [i('dates'), '离开', a.left_on],
  ];
  if (a.case_type === 'injury') rows.push([i('dates'), '受伤', a.injured_on]);
  rows.push(
    [i('amount'), '欠多少钱', fen !== null && !Number.isNaN(fen) ? yuanText(fen) : a.amount_yuan],
    [i('coworkers'), '一起申请的工友', a.coworkers.filter((w) => w.name.trim()).map((w) => w.name.trim()).join('、')],
    [i('photos'), '证据照片', c.photos.length ? `${c.photos.length} 张` : ''],
    [i('applicant'), '姓名', a.applicant_name.trim()],
    [i('applicant'), '手机号', a.phone.trim()],
    [i('applicant'), '身份证号', a.id_number.trim()],
    [i('applicant'), '老家', a.hometown.trim()],
    [i('consent'), '同意与承诺', a.consent_privacy && a.consent_sensitive ? '已同意' : ''],
  );
  return rows;
}

function Review({ c }: { c: ScreenProps }) {
  return (
    <>
      <ul class="cells review" data-testid="review" aria-label="填好的内容">
        {reviewRows(c).map(([step, label, value]) => (
          <li class="cell review-row" key={label}>
            <span class="review-label">{label}</span>
            <span class="review-value">{value || <span class="muted">没填</span>}</span>
            <button type="button" class="btn btn-small btn-default" aria-label={`改：${label}`} onClick={() => c.go(step)}>
              改
            </button>
          </li>
        ))}
      </ul>
      {c.errors.review && (
        <p class="field-error apply-error" id="ap-review-error">
          {c.errors.review}
        </p>
      )}
      <p class="page-desc">提交后，没信号也没关系：申请先存在手机上，有信号时自动发出，只会发一次。</p>
    </>
  );
}

