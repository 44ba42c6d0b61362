// The handler's desk on a case (issue 21): 打电话 and the private notes. The case view shows the worker's phone
// masked; the whole number is fetched only on a tap of 打电话 (the server writes each tap to the audit log as
// a call) and opened as a tel: link. The notes are the handlers' alone: the worker never reads them.
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorText, HttpError } from '../../core/api';
import { FormEnd } from '../../core/form';
import { TextArea } from '../../core/form-extra';
import { newId } from '../../core/id';
import { shortDateTime } from '../../core/time';
import { ErrorBox, Loading, useLoad } from '../../core/ui';
import { addNote, callNumber, loadNotes, type Note } from './case-api';

export function CallButton(props: { id: number }) {
  const [dial, setDial] = useState<{ phone: string; tel: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const link = useRef<HTMLAnchorElement>(null);
  // The number came back: open the phone's dialler once (the link stays, to tap again).
  useEffect(() => link.current?.click(), [dial?.tel]);
  if (dial) {
    return (
      <a ref={link} class="btn btn-primary btn-small call-link" href={dial.tel} data-testid="dial">
        拨打 {dial.phone}
      </a>
    );
  }
  return (
    <>
      <button
        type="button"
        class="btn btn-primary btn-small"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError('');
          try {
            setDial(await callNumber(props.id));
          } catch (x) {
            setError(errorText(x));
          } finally {
            setBusy(false);
          }
        }}
      >
        打电话
      </button>
      {error && (
        <span class="field-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}

/** The case's private notes, newest first, and the box to add one. */
export function Notes(props: { id: number }) {
  const notes = useLoad(() => loadNotes(props.id), [props.id]);
  const [added, setAdded] = useState<Note[]>([]);
  const all = [...added, ...(notes.data || []).filter((n) => !added.some((a) => a.id === n.id))];
  return (
    <section class="sec-timeline" aria-labelledby="notes-h">
      <h2 class="cells-title" id="notes-h">
        私人备注
      </h2>
      <p class="page-desc">只有这个案件的经办人（工作人员、指派的律师）看得到，工友看不到，也不会发短信。</p>
      <NoteForm id={props.id} onAdded={(n) => setAdded([n, ...added])} />
      {notes.error ? <ErrorBox error={notes.error} retry={notes.retry} /> : !notes.data ? <Loading /> : null}
      <ul class="cells" aria-label="私人备注" data-testid="notes">
        {all.map((n) => (
          <li key={n.id} class="cell">
            <span class="cell-body">
              <span class="cell-desc pre">{n.text}</span>
              <span class="cell-desc">
                {shortDateTime(n.at)} · {n.by}
              </span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function NoteForm(props: { id: number; onAdded: (n: Note) => void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newId);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!text.trim()) return setError('请先写备注。');
    setBusy(true);
    try {
      props.onAdded(await addNote(props.id, text, key));
      setText('');
      setError('');
      setKey(newId());
    } catch (x) {
      setError(x instanceof HttpError ? x.fields.text || x.message : errorText(x));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="case-box" onSubmit={submit}>
      <TextArea id={`note-${props.id}`} tag="div" label="写一条备注" value={text} onInput={setText} maxLength={2000} />
      <FormEnd error={error} submit="保存备注" disabled={busy} />
    </form>
  );
}
