// The screens' parts of the legal-aid form (apply-screens.tsx lists the screens): each field bound to
// its answer, the amount with its helper, the coworkers, the photos, the consents, the review.
import type { ComponentChildren } from 'preact';
import { Field, Money } from '../core/form';
import { CheckBox } from '../core/form-extra';
import { caseLabel } from './case-types';
import { PhotoPicker } from './photo-picker';
import { type Answers, fenToYuan, helperFen, yuanText, yuanToFen } from './answers';
import { isExempt, STEPS, type StepId } from './rules';
import type { Apply } from './use-apply';

/** What each screen is given: the form's state (use-apply.ts). */
export type ScreenProps = Apply;

/** A field of the kit (core/form.tsx) bound to one answer: `ap-<name>`, its value, its error. */
export function bound(c: ScreenProps, name: keyof Answers) {
  return { id: `ap-${name}`, value: c.a[name] as string, onInput: (v: string) => c.set({ [name]: v } as Partial<Answers>), error: c.errors[name] };
}

export function Check(props: { c: ScreenProps; name: keyof Answers; children: ComponentChildren }) {
  const { c, name } = props;
  return <CheckBox id={`ap-${name}`} label={props.children} checked={!!c.a[name]} onChange={(v) => c.set({ [name]: v } as Partial<Answers>)} error={c.errors[name]} />;
}

/** What is wrong with a whole screen (the coworkers, the photos, the review), not with one field. */
function ScreenError(props: { c: ScreenProps; name: string }) {
  const error = props.c.errors[props.name];
  return error ? (
    <p class="field-error apply-error" id={`ap-${props.name}-error`}>
      {error}
    </p>
  ) : null;
}

export const PRIVACY =
  '你填的内容和照片，只交给法律援助机构的工作人员和给你办案的律师，用来办你的法律援助申请。手机号和身份证号加密保存，列表里只显示后四位，每次查看都有记录。不卖给别人，不做广告。申请发出去以后，这台手机上的那份（包括身份证号和照片）会自动删掉。';
export const SENSITIVE = '身份证号、伤情和证据照片属于敏感个人信息。按《个人信息保护法》第二十九条，要你单独同意才能提供。';
export const EXEMPT = '农民工讨工资、要工伤赔偿，免予核查经济困难状况，不用开经济困难证明（《法律援助法》第四十二条）。把能证明你在这里干活、被欠薪或受伤的材料拍下来就行。';
export const HONESTY = '其他事情申请法律援助，要如实说明经济困难状况，可以用个人诚信承诺代替证明（《法律援助法》第四十一条）。';

/** The privacy notice, the separate consent to sensitive data, and the means test (or its exemption). */
export function Consent({ c }: { c: ScreenProps }) {
  return (
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
  );
}

export function Amount({ c }: { c: ScreenProps }) {
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

export function Coworkers({ c }: { c: ScreenProps }) {
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
      <ScreenError c={c} name="coworkers" />
      <div class="form-actions">
        <button type="button" class="btn btn-default" onClick={() => c.set({ coworkers: [...rows, { name: '', phone: '' }] })}>
          ＋ 加一位工友
        </button>
      </div>
    </>
  );
}

export function Photos({ c }: { c: ScreenProps }) {
  return (
    <>
      <p class="page-desc">欠条、考勤记录、工资条、聊天截图、转账记录、工牌、伤情记录，都可以拍。没有也可以先提交。照片会先在手机上缩小再存。</p>
      <PhotoPicker ownerId={c.draft.id} photos={c.photos} setPhotos={c.setPhotos} setProblem={c.setProblem} />
      <ScreenError c={c} name="photos" />
    </>
  );
}

/** [step index, label, value] for the review, in the order the questions came. */
export function reviewRows(c: ScreenProps): [number, string, string][] {
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
  if (a.owner) rows.splice(5, 0, [i('employer'), '建设单位', a.owner]); // from a site's board
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

export function Review({ c }: { c: ScreenProps }) {
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
        {(c.a.claims || []).map((k, n, all) => (
          <li class="cell review-row" key={n} data-testid="review-claim">
            <span class="review-label">算一算：{k.label}</span>
            <span class="review-value">
              {yuanText(k.result.total_fen)}
              {k.result.lines.map((l) => l.expires_on && `，${l.expires_on} 后可能拿不回来`).find(Boolean)}
            </span>
            <button type="button" class="btn btn-small btn-default" onClick={() => c.set({ claims: all.filter((x) => x !== k) })}>
              不带
            </button>
          </li>
        ))}
      </ul>
      <ScreenError c={c} name="review" />
      <p class="page-desc">提交后，没信号也没关系：申请先存在手机上，有信号时自动发出，只会发一次。</p>
    </>
  );
}

