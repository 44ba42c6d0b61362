// A person chosen by name: the admin types part of a name or username, the accounts search
// (/api/v1/users?q=, phones masked, the search itself logged) lists who matches, a tap picks one.
// It searches on 查找 or Enter, never on every key, so the log holds one search per question.
import { useState } from 'preact/hooks';
import type { Answer } from '../../core/schemas';
import { api, problemText } from '../../office/admin-api';

type Person = Answer<'UserOut'>;
export interface Picked {
  id: string;
  name: string;
}

export function PersonPicker(props: { id: string; label: string; value: Picked | null; onChange: (p: Picked | null) => void }) {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Person[] | null>(null);
  const [error, setError] = useState('');
  const search = async () => {
    const text = q.trim();
    if (!text) return;
    setError('');
    try {
      setFound(await api<Person[]>(`/api/v1/users?${new URLSearchParams({ q: text, page_size: '8' })}`));
    } catch (err) {
      setFound(null);
      setError(problemText(err));
    }
  };
  const pick = (p: Picked | null) => {
    props.onChange(p);
    setFound(null);
    setQ('');
  };
  return (
    <div class="person-picker" role="group" aria-labelledby={`${props.id}-label`}>
      <span id={`${props.id}-label`}>{props.label}</span>
      {props.value ? (
        <span class="person-picked" data-testid="person-picked">
          {props.value.name}
          <button type="button" class="btn btn-small btn-default" onClick={() => pick(null)} aria-label={`换人（现在只看 ${props.value.name}）`}>
            换人
          </button>
        </span>
      ) : (
        <span class="person-search">
          <input
            id={props.id}
            type="search"
            value={q}
            aria-label="名字或用户名"
            placeholder="名字或用户名"
            autoComplete="off"
            onInput={(e) => setQ((e.target as HTMLInputElement).value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault(); // the filter form around it is not sent yet
                void search();
              }
            }}
          />
          <button type="button" class="btn btn-small btn-default" onClick={search}>
            查找
          </button>
        </span>
      )}
      {error && (
        <span class="field-error" role="alert">
          {error}
        </span>
      )}
      {found && (
        <ul class="person-results" aria-label="找到的人">
          {!found.length && <li>没有找到这个人。</li>}
          {found.map((u) => (
            <li key={u.id}>
              <button type="button" class="linkish" onClick={() => pick({ id: String(u.id), name: u.display_name || u.username || `#${u.id}` })}>
                {u.display_name || u.username}
                {u.username && u.display_name ? `（${u.username}）` : ''} · {u.role_name}
                {u.phone_masked ? ` · ${u.phone_masked}` : ''}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
