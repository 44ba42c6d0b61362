// The moves a person may make on a case (the server says which: allowed_actions), each a
// button that opens its form. A refused move keeps what was typed and shows the server's
// reason; a field's error sits beside that field.
import { useEffect, useState } from 'preact/hooks';
import { errorText } from '../core/api';
import { showToast } from '../core/store';
import { act, CaseError, type CaseView, type Lawyer, loadLawyers, type MoveAnswer, newKey } from './case-api';
import { CheckBox, Choice, FormField, TextArea, TextInput } from './case-parts';
import { body, CONTRACTOR_DISPUTE, type Values } from './case-text';

export const ACTION_LABELS: Record<string, string> = {
  accept: '受理',
  not_accept: '不予受理',
  request_materials: '请工友补充材料',
  materials_supplied: '材料已补充',
  materials_timeout: '补充材料逾期（视为撤回）',
  approve: '决定给予法律援助',
  refuse_aid: '不予法律援助',
  assign: '指派律师',
  lawyer_accept: '接受指派',
  lawyer_decline: '拒绝指派',
  reassign: '改派律师',
  progress: '记录办理进展',
  close: '结案',
  follow_up: '回访',
  withdraw: '撤回申请',
  terminate: '终止法律援助',
};

// Moves that end or set back a case are drawn in red, the usual next step in green.
const WARN = new Set(['not_accept', 'refuse_aid', 'lawyer_decline', 'withdraw', 'materials_timeout', 'terminate']);

export const PROGRESS_KINDS = [
  { value: 'mediation', label: '调解' },
  { value: 'arbitration', label: '仲裁' },
  { value: 'litigation', label: '诉讼' },
  { value: 'other', label: '其他' },
];

export const OUTCOMES = [
  { value: 'mediated', label: '调解结案' },
  { value: 'award', label: '仲裁裁决' },
  { value: 'judgment', label: '判决' },
  { value: 'settled', label: '和解' },
  { value: 'withdrawn_by_worker', label: '工友撤回' },
  { value: 'other', label: '其他' },
];

/** Today in Beijing, YYYY-MM-DD (the default date of a closing or a note). */
export function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** `onDone` gets the move's answer: the new case view, or (handler false) the sentence for a person who left the case. */
export function Actions(props: { c: CaseView; onDone: (answer: MoveAnswer) => void }) {
  const [open, setOpen] = useState<string | null>(null);
  const allowed = props.c.allowed_actions || [];
  useEffect(() => {
    if (open && !allowed.includes(open)) setOpen(null);
  }, [allowed.join(',')]);
  if (!allowed.length) return <p class="page-desc">现在没有需要你做的操作。</p>;
  return (
    <div class="case-actions">
      <div class="action-buttons" role="group" aria-label="可以做的操作">
        {allowed.map((a) => (
          <button
            key={a}
            type="button"
            class={'btn btn-small ' + (open === a ? 'btn-primary' : WARN.has(a) ? 'btn-default btn-warn-text' : 'btn-default')}
            aria-expanded={open === a}
            onClick={() => setOpen(open === a ? null : a)}
          >
            {ACTION_LABELS[a] || a}
          </button>
        ))}
      </div>
      {open && (
        <ActionForm
          key={open}
          action={open}
          c={props.c}
          onCancel={() => setOpen(null)}
          onDone={(answer) => {
            setOpen(null);
            showToast(answer.handler === false && answer.message ? answer.message : `已${ACTION_LABELS[open] || '保存'}`);
            props.onDone(answer);
          }}
        />
      )}
    </div>
  );
}

function ActionForm(props: { action: string; c: CaseView; onCancel: () => void; onDone: (answer: MoveAnswer) => void }) {
  const a = props.action;
  const [v, setV] = useState<Values>(() => initial(a));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newKey);
  const set = (name: string) => (value: string | boolean | number) => setV((old) => ({ ...old, [name]: value }));
  const s = (name: string) => String(v[name] ?? '');
  const err = (name: string) => errors[name];
  const id = (name: string) => `act-${a}-${name}`;

  const submit = async (e: Event) => {
    e.preventDefault();
    const [fields, local] = body(a, v, props.c.checklist_items || []);
    setErrors(local);
    setError(Object.keys(local).length ? '请按提示修改。' : '');
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      const c = await act(props.c.id, a, fields, key);
      setKey(newKey());
      props.onDone(c);
    } catch (x) {
      if (x instanceof CaseError) {
        setErrors(x.fields);
        setError(x.message);
        if (x.status !== 422) setKey(newKey()); // a refused move (409 …) was not made: a new try is a new move
      } else setError(errorText(x));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="action-form" onSubmit={submit} aria-label={ACTION_LABELS[a]} noValidate>
      <h3 class="action-title">{ACTION_LABELS[a]}</h3>
      {a === 'accept' && (
        <fieldset class="checklist">
          <legend>首次面谈核对（每一项都要确认）</legend>
          {(props.c.checklist_items || []).map((item) => (
            <CheckBox key={item.key} id={id(item.key)} label={item.label} checked={!!v[item.key]} onChange={set(item.key)} error={err(`checklist.${item.key}`) || err(item.key)} />
          ))}
          {err('checklist') && <p class="field-error">{err('checklist')}</p>}
        </fieldset>
      )}
      {a === 'not_accept' && (
        <>
          <div class="quick">
            <button
              type="button"
              class="btn btn-default btn-small"
              onClick={() => setV((old) => ({ ...old, reason: CONTRACTOR_DISPUTE, reason_code: 'contractor_dispute' }))}
            >
              工程款纠纷
            </button>
            <span class="cell-desc">承包方之间的工程款纠纷，不属于欠薪</span>
          </div>
          <TextArea id={id('reason')} label="不予受理的理由（工友会看到）" value={s('reason')} onInput={(t) => setV((o) => ({ ...o, reason: t, reason_code: t === CONTRACTOR_DISPUTE ? o.reason_code : null }))} error={err('reason')} required />
        </>
      )}
      {a === 'request_materials' && (
        <>
          <TextArea id={id('asked')} label="需要补充什么（工友会看到）" value={s('asked')} onInput={set('asked')} error={err('asked')} required />
          <TextInput id={id('due_on')} type="date" label="补充期限" hint="不填默认 15 天" value={s('due_on')} onInput={set('due_on')} error={err('due_on')} />
        </>
      )}
      {(a === 'assign' || a === 'reassign') && <LawyerPick id={id('lawyer_id')} value={v.lawyer_id as number | null} onChange={set('lawyer_id')} error={err('lawyer_id')} current={props.c.lawyer?.id} />}
      {(a === 'refuse_aid' || a === 'lawyer_decline' || a === 'reassign') && (
        <TextArea id={id('reason')} label={a === 'refuse_aid' ? '不予援助的理由（书面告知工友）' : a === 'reassign' ? '改派的原因' : '拒绝指派的原因'} value={s('reason')} onInput={set('reason')} error={err('reason')} required />
      )}
      {a === 'terminate' && (
        <TextArea
          id={id('reason')}
          label="终止的理由（书面告知工友）"
          hint="《法律援助法》第四十八条：骗取援助、隐瞒事实或造假、经济状况变了、案件终止审理或撤销、自己另请了律师、本人有正当理由要求终止等。工友会看到理由和怎么提异议（第四十九条）。"
          value={s('reason')}
          onInput={set('reason')}
          error={err('reason')}
          required
        />
      )}
      {a === 'withdraw' && <TextArea id={id('reason')} label="撤回的原因（工友本人的意思）" value={s('reason')} onInput={set('reason')} error={err('reason')} />}
      {a === 'progress' && (
        <>
          <Choice id={id('kind')} label="进展类型" options={PROGRESS_KINDS} value={v.kind as string | null} onChange={set('kind')} error={err('kind')} />
          <TextArea id={id('note')} label="进展情况" value={s('note')} onInput={set('note')} error={err('note')} required />
          <TextInput id={id('happened_on')} type="date" label="发生日期" value={s('happened_on')} onInput={set('happened_on')} error={err('happened_on')} />
          <TextInput id={id('next_hearing_on')} type="date" label="下次开庭/调解" hint="没有可不填" value={s('next_hearing_on')} onInput={set('next_hearing_on')} error={err('next_hearing_on')} />
        </>
      )}
      {a === 'close' && (
        <>
          <FormField id={id('outcome')} label="结案方式" error={err('outcome')}>
            {(f) => (
              <select id={f.id} aria-invalid={f.invalid} aria-describedby={f.describedBy} value={s('outcome')} onChange={(e) => set('outcome')((e.target as HTMLSelectElement).value)}>
                <option value="">请选择</option>
                {OUTCOMES.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <TextInput id={id('recovered')} label="追回金额（元）" inputMode="decimal" hint="没有追回填 0" value={s('recovered')} onInput={set('recovered')} error={err('recovered') || err('recovered_fen')} required />
          <TextInput id={id('closed_on')} type="date" label="结案日期" value={s('closed_on')} onInput={set('closed_on')} error={err('closed_on')} required />
        </>
      )}
      {a === 'follow_up' && (
        <>
          <Choice
            id={id('reached')}
            label="联系上工友了吗"
            options={[
              { value: 'yes', label: '联系上了' },
              { value: 'no', label: '没联系上' },
            ]}
            value={v.reached as string | null}
            onChange={set('reached')}
            error={err('reached')}
          />
          {v.reached === 'yes' && (
            <Choice id={id('satisfaction')} label="满意度（1 很不满意，5 很满意）" options={[1, 2, 3, 4, 5].map((n) => ({ value: n, label: String(n) }))} value={v.satisfaction as number | null} onChange={set('satisfaction')} error={err('satisfaction')} />
          )}
          <TextArea id={id('comment')} label="工友的话、回访记录" value={s('comment')} onInput={set('comment')} error={err('comment')} />
        </>
      )}
      {['accept', 'approve', 'assign', 'materials_supplied', 'close'].includes(a) && (
        <TextArea id={id('note')} label="备注（可不填）" value={s('note')} onInput={set('note')} error={err('note')} rows={2} />
      )}
      {(a === 'lawyer_accept' || a === 'materials_timeout') && (
        <p class="page-desc">{a === 'lawyer_accept' ? '接受后，工友会收到短信：你已接手他的案件，还有你的办公电话。' : '补充材料已过期限：按《法律援助法》第四十三条视为撤回申请。'}</p>
      )}
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <div class="action-submit">
        <button type="submit" class={'btn ' + (WARN.has(a) ? 'btn-warn' : 'btn-primary')} disabled={busy}>
          {busy ? '正在保存…' : `确认${ACTION_LABELS[a]}`}
        </button>
        <button type="button" class="btn btn-default" onClick={props.onCancel}>
          取消
        </button>
      </div>
    </form>
  );
}

function initial(a: string): Values {
  if (a === 'close') return { closed_on: today(), recovered: '', outcome: '' };
  if (a === 'progress') return { happened_on: today(), kind: null };
  if (a === 'assign' || a === 'reassign') return { lawyer_id: null };
  return {};
}

function LawyerPick(props: { id: string; value: number | null; onChange: (id: number) => void; error?: string; current?: number }) {
  const [lawyers, setLawyers] = useState<Lawyer[] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    loadLawyers().then(setLawyers, (e) => setError(errorText(e)));
  }, []);
  return (
    <FormField id={props.id} label="承办律师" error={props.error || error}>
      {(f) => (
        <select
          id={f.id}
          aria-invalid={f.invalid}
          aria-describedby={f.describedBy}
          value={props.value == null ? '' : String(props.value)}
          disabled={!lawyers}
          onChange={(e) => {
            const n = Number((e.target as HTMLSelectElement).value);
            if (n) props.onChange(n);
          }}
        >
          <option value="">{lawyers ? '请选择律师' : '正在加载律师名单…'}</option>
          {(lawyers || [])
            .filter((l) => l.id !== props.current)
            .map((l) => (
              <option key={l.id} value={String(l.id)}>
                {l.name}（在办 {l.open_cases} 件）
              </option>
            ))}
        </select>
      )}
    </FormField>
  );
}
