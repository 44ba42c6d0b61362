// The thread as its answerers read and hear it: each message's words, its voice (the server's converted AAC,
// fetched as the signed-in person on a tap, so each listen is one audited request), its cards and next step.
import { useEffect, useState } from 'preact/hooks';
import { errorText } from '../../core/api';
import { shortDateTime } from '../../core/time';
import { audioUrl } from './api';
import { threadOf } from './queue-text';
import type { Message, QuestionView } from './types';

export function Thread(props: { q: QuestionView }) {
  return (
    <ol class="q-thread">
      {threadOf(props.q).map((m) => (
        <li key={`${m.author}-${m.id}`} class={'q-msg ' + m.author} data-testid="q-message">
          <p class="q-msg-head">{`${m.author === 'asker' ? '提问人' : m.author_name || '回复'} · ${shortDateTime(m.created_at)}`}</p>
          {m.audio_id && <Voice id={m.audio_id} ms={m.duration_ms} />}
          {m.text && <p class="q-msg-text">{m.text}</p>}
          <Extras m={m} />
        </li>
      ))}
    </ol>
  );
}

function Extras(props: { m: Message }) {
  const m = props.m;
  return (
    <>
      {!!m.cards?.length && (
        <ul class="q-cards" aria-label="附上的问答卡">
          {m.cards.map((c) => (
            <li key={c.slug}>
              <a class="tag tag-wait" href={`/cards/${c.slug}`} target="_blank" rel="noopener">
                {c.title}
              </a>
            </li>
          ))}
        </ul>
      )}
      {m.next_step && m.next_step !== 'none' && <p class="page-desc">下一步：{m.next_step_label || m.next_step}</p>}
    </>
  );
}

/** 听语音: fetched on the tap (GET /audio/{id}), played in the page, let go of when the page closes. */
export function Voice(props: { id: string; ms: number | null }) {
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);
  if (url) return <audio controls autoPlay src={url} data-testid="q-audio" />;
  const secs = props.ms ? `（${Math.round(props.ms / 1000)} 秒）` : '';
  const listen = async () => {
    setBusy(true);
    setError('');
    try {
      setUrl(await audioUrl(props.id));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <p>
      <button type="button" class="btn btn-small btn-default" disabled={busy} onClick={listen}>
        {busy ? '正在加载…' : `听语音${secs}`}
      </button>
      {error && (
        <span class="field-error" role="alert">
          {error}
        </span>
      )}
    </p>
  );
}
