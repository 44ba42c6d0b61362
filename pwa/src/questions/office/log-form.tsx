// 咨询登记 (/office/questions/new): a consultation that did not come through the app (a hotline call, a walk-in,
// a question at an event), with the same fields, so the figures count every consultation by channel.
import './questions.css';
import { useState } from 'preact/hooks';
import { CASE_TYPES } from '../../aid/case-types';
import { errorText, HttpError } from '../../core/api';
import { DateField, Field, FormEnd } from '../../core/form';
import { CheckBox, Choice, Select, TextArea } from '../../core/form-extra';
import { newId } from '../../core/id';
import { navigate } from '../../core/router';
import { showToast } from '../../core/store';
import { Office } from '../../office/office-nav';
import { logQuestion } from './api';
import { EMPTY_LOG, LOG_CHANNELS, logBody, type LogValues } from './log-text';

export function LogPage() {
  const [v, setV] = useState<LogValues>(EMPTY_LOG);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newId);
  const set = (patch: Partial<LogValues>) => setV((old) => ({ ...old, ...patch }));
  const submit = async (e: Event) => {
    e.preventDefault();
    const [body, local] = logBody(v);
    setErrors(local);
    setError(Object.keys(local).length ? '请按提示修改。' : '');
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      const made = await logQuestion(body, key);
      setKey(newId());
      showToast('已登记');
      navigate(`/office/questions/${made.id}`, { replace: true });
    } catch (x) {
      if (x instanceof HttpError) setErrors(x.fields);
      setError(errorText(x));
    } finally {
      setBusy(false);
    }
  };
  const e = errors;
  return (
    <Office section="questions" title="咨询登记" back="/office/questions">
      <form onSubmit={submit} aria-label="咨询登记" noValidate>
        <ul class="cells">
          <Choice id="log-channel" label="来源" options={LOG_CHANNELS} value={v.channel} onChange={(channel) => set({ channel })} error={e.channel} />
          <Select id="log-type" label="类型" value={v.case_type} onChange={(case_type) => set({ case_type: case_type as LogValues['case_type'] })} options={CASE_TYPES} error={e.case_type} />
          <TextArea id="log-text" label="问的问题" rows={4} value={v.text} onInput={(text) => set({ text })} error={e.text} />
          <Field id="log-phone" label="手机号（可不填）" type="tel" inputMode="tel" value={v.phone} onInput={(phone) => set({ phone })} error={e.phone} />
          {v.channel === 'event' && <Field id="log-event" label="活动编号（可不填）" inputMode="numeric" value={v.event_id} onInput={(event_id) => set({ event_id })} error={e.event_id} />}
          <DateField id="log-started" label="开始干活（可不填）" past value={v.started_on} onInput={(started_on) => set({ started_on })} error={e.started_on} />
          <DateField id="log-left" label="离开（可不填）" past value={v.left_on} onInput={(left_on) => set({ left_on })} error={e.left_on} />
          <DateField id="log-injured" label="受伤（可不填）" past value={v.injured_on} onInput={(injured_on) => set({ injured_on })} error={e.injured_on} />
          <CheckBox id="log-answered" label="当场已经回答" checked={v.answered} onChange={(answered) => set({ answered })} />
          {v.answered && <TextArea id="log-answer" label="怎么回答的" rows={3} value={v.answer_text} onInput={(answer_text) => set({ answer_text })} error={e.answer_text} />}
        </ul>
        <FormEnd error={error} disabled={busy} submit={busy ? '正在保存…' : '登记'} />
      </form>
    </Office>
  );
}
