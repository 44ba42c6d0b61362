// The state of one move's form: what was typed, the errors beside each field and the form's own,
// and sending it once (its Idempotency-Key: the same form sent twice is one move; a new key after
// a success, or after a refusal that made no move).
import { useState } from 'preact/hooks';
import { errorText, HttpError } from '../../core/api';
import { newId } from '../../core/id';
import { chinaToday } from '../../core/time';
import { act, type CaseView, type MoveAnswer } from './case-api';
import { type ActionForm, body, initialValues, type Values } from './case-text';

export function useMove(form: ActionForm, c: CaseView, onDone: (answer: MoveAnswer) => void) {
  const [v, setV] = useState<Values>(() => initialValues(form, chinaToday()));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newId);

  const submit = async (e: Event) => {
    e.preventDefault();
    const [fields, local] = body(form, v, c.checklist_items || []);
    setErrors(local);
    setError(Object.keys(local).length ? '请按提示修改。' : '');
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      const answer = await act(c.id, form.action || '', fields, key);
      setKey(newId());
      onDone(answer);
    } catch (x) {
      if (x instanceof HttpError) {
        setErrors(x.fields);
        setError(x.message);
        if (x.status !== 422) setKey(newId()); // a refused move (409 …) was not made: a new try is a new move
      } else setError(errorText(x));
    } finally {
      setBusy(false);
    }
  };
  return { v, setV, errors, error, busy, submit };
}
