// The screens of the legal-aid form, in order (rules.ts STEPS): what each says aloud and what it shows.
// The larger screens' parts are in apply-parts.tsx.
import type { ComponentChildren } from 'preact';
import { DateField, Field } from '../core/form';
import { TextArea } from '../core/form-extra';
import { Amount, bound, Consent, Coworkers, EXEMPT, HONESTY, Photos, PRIVACY, Review, reviewRows, type ScreenProps, SENSITIVE } from './apply-parts';
import { CASE_TYPES } from './case-types';
import { CaseTypePicker } from './case-type-picker';
import { SiteArea } from './site-area';
import { isExempt, type StepId } from './rules';

interface Screen {
  /** What the read-aloud button says on this screen. */
  say: (c: ScreenProps) => string[];
  render: (c: ScreenProps) => ComponentChildren;
}

export const SCREENS: Record<StepId, Screen> = {
  type: {
    say: () => ['点一个：', ...CASE_TYPES.map((t) => `${t.label}，${t.hint}`)],
    render: (c) => (
      <>
        <CaseTypePicker value={c.a.case_type} onPick={(t) => c.set({ case_type: t })} error={c.errors.case_type} errorId="ap-case_type-error" />
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
        <SiteArea {...bound(c, 'site_division')} />
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
    render: (c) => <Consent c={c} />,
  },
  review: {
    say: (c) => ['核对一遍，没问题就点提交申请。', ...reviewRows(c).map(([, label, value]) => `${label}：${value || '没填'}`)],
    render: (c) => <Review c={c} />,
  },
};
