// 新建活动 / 修改活动: the API's own checks, each beside its field. A new event starts as a draft.
import type { ComponentProps } from 'preact';
import { useState } from 'preact/hooks';
import { Field, FormEnd } from '../../core/form';
import { Select, TextArea } from '../../core/form-extra';
import { typedCount, typedNumber } from '../../core/digits';
import { navigate } from '../../core/router';
import { showToast } from '../../core/store';
import { useLoad } from '../../core/ui';
import { Pending } from '../../core/cells';
import { HttpError } from '../../core/api';
import { fromLocalInput, toLocalInput } from '../../core/time';
import { createEvent, getEvent, KINDS, patchEvent, type EventFields, type OfficeEventFull } from './office-api';
import { Office } from '../../office/office-nav';
import { NO_QUIZ, QuizFields, quizBody, quizFormOf, type QuizForm } from './quiz-fields';

interface Form {
  title: string;
  kind: string;
  starts_at: string;
  ends_at: string;
  place: string;
  site_code: string;
  capacity: string;
  description: string;
  quiz: QuizForm;
}

const EMPTY: Form = { title: '', kind: 'lecture', starts_at: '', ends_at: '', place: '', site_code: '', capacity: '', description: '', quiz: NO_QUIZ };

function formOf(e: OfficeEventFull): Form {
  return {
    title: e.title,
    kind: e.kind,
    starts_at: toLocalInput(e.starts_at),
    ends_at: toLocalInput(e.ends_at),
    place: e.place,
    site_code: e.site_code || '',
    capacity: e.capacity == null ? '' : String(e.capacity),
    description: e.description,
    quiz: quizFormOf(e.quiz),
  };
}

function bodyOf(f: Form, creating: boolean): EventFields {
  // A new event's required field left empty is left out, so the server names it as required.
  const given = (k: 'title' | 'place', v: string) => (v || !creating ? { [k]: v } : {});
  return {
    ...given('title', f.title.trim()),
    kind: f.kind,
    ...(f.starts_at ? { starts_at: fromLocalInput(f.starts_at) } : {}),
    ends_at: f.ends_at ? fromLocalInput(f.ends_at) : null,
    ...given('place', f.place.trim()),
    site_code: f.site_code.trim() || null,
    // Full-width digits count (１２０); anything else goes as typed, for the server's words beside the box.
    capacity: typedNumber(f.capacity) ? (typedCount(f.capacity) ?? typedNumber(f.capacity)) : null,
    description: f.description,
    quiz: quizBody(f.quiz),
  } as EventFields;
}

export function OfficeEventEditPage(props: { id?: number }) {
  const title = props.id ? '修改活动' : '新建活动';
  return (
    <Office section="events" title={title} back={props.id ? `/office/events/${props.id}` : '/office/events'}>
      {props.id ? <Existing id={props.id} /> : <EventForm />}
    </Office>
  );
}

function Existing(props: { id: number }) {
  const ev = useLoad(() => getEvent(props.id), [props.id]);
  if (!ev.data) return <Pending of={ev} />;
  return <EventForm event={ev.data} />;
}

function EventForm(props: { event?: OfficeEventFull }) {
  const [f, setF] = useState<Form>(props.event ? formOf(props.event) : EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const put = (k: Exclude<keyof Form, 'quiz'>) => (v: string) => setF({ ...f, [k]: v });
  const text = (k: Exclude<keyof Form, 'quiz'>, label: string, extra: Partial<ComponentProps<typeof Field>> = {}) => (
    <Field id={`ev-${k}`} label={label} value={f[k]} onInput={put(k)} error={errors[k]} {...extra} />
  );
  return (
    <form
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError('');
        setErrors({});
        try {
          const saved = props.event ? await patchEvent(props.event.id, bodyOf(f, false)) : await createEvent({ ...bodyOf(f, true), status: 'draft' });
          showToast(props.event ? '已保存' : '已存为草稿');
          navigate(`/office/events/${saved.id}`, { replace: !!props.event });
        } catch (err) {
          if (err instanceof HttpError) setErrors(err.fields);
          setError(err instanceof Error ? err.message : '出了点问题，请稍后再试。');
        } finally {
          setBusy(false);
        }
      }}
    >
      <ul class="cells">
        {text('title', '活动名称', { maxLength: 120 })}
        <Select id="ev-kind" label="类型" options={KINDS} value={f.kind} onChange={put('kind')} error={errors.kind} />
        {text('starts_at', '开始时间（北京时间）', { type: 'datetime-local' })}
        {text('ends_at', '结束时间（可不填）', { type: 'datetime-local' })}
        {text('place', '地点', { maxLength: 200 })}
        {text('site_code', '工地编号（可不填）', { maxLength: 16 })}
        {text('capacity', '名额（可不填）', { inputMode: 'numeric', autoComplete: 'off' })}
        <TextArea id="ev-description" label="介绍" rows={5} maxLength={4000} value={f.description} onInput={put('description')} error={errors.description} />
        <QuizFields f={f.quiz} set={(quiz) => setF({ ...f, quiz })} errors={errors} />
      </ul>
      <FormEnd
        error={error}
        submit={busy ? '正在保存…' : props.event ? '保存' : '存为草稿'}
        disabled={busy}
        note={props.event ? undefined : '先存为草稿，工友看不到；在活动页面里发布后才能报名。'}
      />
    </form>
  );
}
