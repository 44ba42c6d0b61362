// A question's thread as the asker sees it: each message (their own and the answers) with its voice to
// play, its text, the cards it links (they open offline) and the next step; the offer to apply for
// legal aid with the checks the answerer ran; a follow-up in the same thread (follow-up.tsx).
import { useState } from 'preact/hooks';
import { LinkCell, Section } from '../core/cells';
import { shortDateTime } from '../core/time';
import { trackHref } from '../aid/track-link';
import { loadClip } from './api';
import { applyFromOffer } from './from-offer';
import { FollowUp } from './follow-up';
import type { Thread, ThreadMessage } from './types';

function VoicePlay(props: { code: string; phone: string; id: string; ms: number | null }) {
  const [url, setUrl] = useState('');
  const [problem, setProblem] = useState('');
  if (url) return <audio class="voice-player" controls autoPlay src={url} aria-label="回复的录音" data-testid="answer-audio" />;
  const play = async () => {
    setProblem('');
    try {
      setUrl(URL.createObjectURL(await loadClip(props.code, props.phone, props.id)));
    } catch (err) {
      setProblem(err instanceof Error ? err.message : '录音没能打开，请稍后再试。');
    }
  };
  return (
    <>
      <button type="button" class="btn btn-primary voice-play" onClick={() => void play()}>
        听录音{props.ms ? `（${Math.round(props.ms / 1000)} 秒）` : ''}
      </button>
      {problem && <p class="field-error">{problem}</p>}
    </>
  );
}

function Message(props: { m: ThreadMessage; code: string; phone: string }) {
  const { m } = props;
  const mine = m.author === 'asker';
  return (
    <li class={'cell message' + (mine ? ' mine' : ' answer')} data-testid={mine ? 'asked' : 'answer'}>
      <p class="message-who">
        <strong>{mine ? '你问的' : '回复'}</strong> <span class="muted">{shortDateTime(m.created_at)}</span>
      </p>
      {m.audio_id && <VoicePlay code={props.code} phone={props.phone} id={m.audio_id} ms={m.duration_ms} />}
      {m.text && <p class="message-text">{m.text}</p>}
      {!!m.cards.length && (
        <ul class="cells message-cards" aria-label="可以看看这些">
          {m.cards.map((c) => (
            <LinkCell key={c.slug} href={`/cards/${c.slug}`} title={c.title} />
          ))}
        </ul>
      )}
      {m.next_step && m.next_step !== 'none' && m.next_step_label && (
        <p class="msg ok-box message-next">
          下一步：<strong>{m.next_step_label}</strong>
        </p>
      )}
    </li>
  );
}

export function ThreadView(props: { t: Thread; phone: string; onSent: () => void }) {
  const { t, phone } = props;
  return (
    <Section id="thread-h" title={`${t.code_display} · ${t.status_label}`}>
      <ul class="cells thread" data-testid="thread">
        {t.messages.map((m) => (
          <Message key={m.id} m={m} code={t.code} phone={phone} />
        ))}
      </ul>
      {t.application_code ? (
        <p class="msg ok-box">
          已经申请了法律援助。<a href={trackHref(t.application_code)}>查进度</a>
        </p>
      ) : (
        t.offer && <OfferBox t={t} phone={phone} />
      )}
      <FollowUp code={t.code} phone={phone} onSent={props.onSent} />
    </Section>
  );
}

function OfferBox(props: { t: Thread; phone: string }) {
  const checks = props.t.offer?.checks || [];
  return (
    <div class="msg offer" data-testid="offer">
      <p>
        <strong>可以申请法律援助。</strong>你说过的事情、日子和录音会带过去，不用再讲一遍，只要补上身份证号，同意后提交。
      </p>
      {!!checks.length && (
        <ul class="offer-checks">
          {checks.map((c) => (
            <li key={c.kind} class={c.severity === 'urgent' || c.severity === 'overdue' ? 'bad' : ''}>
              {c.label}
              {c.due_on ? `（${c.due_on} 前）` : ''}
            </li>
          ))}
        </ul>
      )}
      <button type="button" class="btn btn-primary btn-big" onClick={() => void applyFromOffer(props.t, props.phone)}>
        申请法律援助
      </button>
    </div>
  );
}
