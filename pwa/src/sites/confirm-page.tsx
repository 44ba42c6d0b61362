// /confirm#l=…&s=…&d=…: a co-worker at the same site confirms days of a worker's day log (记工), opened from the
// worker's 「请工友确认」 QR with the phone's camera or the app's scanner (a 'later' row: every phone keeps it, so
// it opens offline). They see the site and the days, tick the days they saw the worker work, give their name and
// phone, and promise it is true; their phone's outbox sends it (confirm-send.ts). It is recorded as what it is:
// a co-worker's word, shown on the worker's case beside the log.
import { useEffect, useState } from 'preact/hooks';
import { Page } from '../core/cells';
import { Field, FormEnd } from '../core/form';
import { CheckBox } from '../core/form-extra';
import { isMobile, PHONE_MESSAGE } from '../core/phone';
import { type ConfirmAsk, readConfirm } from './confirm-link';
import { type Outcome, sendConfirmation } from './confirm-send';
import { cachedSite, loadSite } from './site-store';

const SAID: Record<Outcome['state'], string> = {
  sent: '已发出，谢谢你！工友用记工申请法律援助时，你的确认会附在他的记工表上。',
  waiting: '已存在手机上，有网时自动发出（「待发送」里能看到）。',
  refused: '没有发出：',
  failed: '没能存到手机上（浏览器不让存），请换个浏览器再试。',
};

function useSiteName(code: string): string {
  const [name, setName] = useState('');
  useEffect(() => {
    void cachedSite(code).then((s) => s && setName(s.name));
    void loadSite(code).then((got) => setName(got.site.name), () => undefined);
  }, [code]);
  return name;
}

export function ConfirmPage(props: { href: string }) {
  const ask = readConfirm(props.href);
  return (
    <Page title="帮工友确认出工" back="/">
      {ask ? <ConfirmForm ask={ask} /> : <p class="msg bad">这个二维码看不懂。请让工友在「记工」里重新打开「请工友确认」。</p>}
    </Page>
  );
}

function ConfirmForm({ ask }: { ask: ConfirmAsk }) {
  const site = useSiteName(ask.siteCode);
  const [days, setDays] = useState<string[]>([]);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [sure, setSure] = useState(false);
  const [error, setError] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const tick = (d: string, on: boolean) => setDays(on ? [...days, d].sort() : days.filter((x) => x !== d));
  const submit = async () => {
    const problem = !days.length ? '请勾选你看到他出工的日子。' : !name.trim() ? '请写你的姓名。' : !isMobile(phone) ? PHONE_MESSAGE : !sure ? '请先勾选下面的承诺。' : '';
    setError(problem);
    if (!problem) setOutcome(await sendConfirmation(ask, { log_id: ask.logId, site_code: ask.siteCode, dates: days, name: name.trim(), phone }));
  };
  if (outcome && outcome.state !== 'refused') return <p class="msg" role="status" data-testid="confirm-outcome">{SAID[outcome.state]}</p>;
  return (
    <form noValidate onSubmit={(ev) => (ev.preventDefault(), void submit())}>
      <p class="page-desc">
        工地 {ask.siteCode}{site ? `（${site}）` : ''}的工友请你作证：下面这些天他出工了。只勾你亲眼看到的日子。你的姓名和手机号会随他的记工表交给法律援助的工作人员（手机号只显示后四位）。
      </p>
      <ul class="cells" data-testid="confirm-days">
        {ask.dates.map((d) => (
          <CheckBox key={d} id={`cf-${d}`} label={d} checked={days.includes(d)} onChange={(on) => tick(d, on)} />
        ))}
      </ul>
      <button type="button" class="btn btn-small btn-default" onClick={() => setDays(ask.dates)}>全都看到了</button>
      <ul class="cells">
        <Field id="cf-name" label="你的姓名" value={name} onInput={setName} maxLength={40} autoComplete="name" />
        <Field id="cf-phone" label="你的手机号" type="tel" inputMode="tel" value={phone} onInput={setPhone} autoComplete="tel" />
        <CheckBox id="cf-sure" label="我和他在这个工地一起干活，勾的这些天我看到他出工了。" checked={sure} onChange={setSure} />
      </ul>
      {outcome?.state === 'refused' && <p class="form-error" role="alert">{SAID.refused}{outcome.message}</p>}
      <FormEnd error={error} submit="确认" disabled={false} note="这是你作为工友说的话，不是单位的考勤记录。" />
    </form>
  );
}
