// The answer form's state and its sending: the voice reply first (POST /audio, its submission_id the answer's
// Idempotency-Key), then the answer. The key is made once per answer: a double tap or a retry after a timeout
// is one answer; a new key only after a success or a refusal that sent nothing.
import { useState } from 'preact/hooks';
import { errorText, HttpError } from '../../core/api';
import { newId } from '../../core/id';
import { sendAnswer, uploadAudio } from './api';
import type { CardRef, NextStep } from './types';

export const MAX_CARDS = 5;

/** A recorded reply (core/recorder.ts's Recording). */
export interface Clip {
  blob: Blob;
  mime: string;
  durationMs: number;
}

export function useAnswer(id: number, onDone: () => void) {
  const [text, setText] = useState('');
  const [clip, setClip] = useState<Clip | null>(null);
  const [cards, setCards] = useState<CardRef[]>([]);
  const [next, setNext] = useState<NextStep>('none');
  const [offer, setOffer] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [key, setKey] = useState(newId);
  const [clipId, setClipId] = useState(newId);

  const addCard = (c: CardRef) => setCards((all) => (all.some((x) => x.slug === c.slug) || all.length >= MAX_CARDS ? all : [...all, c]));
  const dropCard = (slug: string) => setCards((all) => all.filter((c) => c.slug !== slug));
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!text.trim() && !clip) return setError('请写下回复，或录一段语音。');
    setBusy(true);
    setError('');
    try {
      const audio = clip ? (await uploadAudio(clipId, key, clip.blob, clip.mime)).id : null;
      await sendAnswer(id, { text: text.trim(), audio_id: audio, card_slugs: cards.map((c) => c.slug), next_step: next, offer_application: offer }, key);
      setKey(newId());
      setClipId(newId());
      setText('');
      setClip(null);
      setCards([]);
      onDone();
    } catch (x) {
      setError(errorText(x));
      if (x instanceof HttpError && x.status !== 422 && x.status !== 409) setKey(newId());
    } finally {
      setBusy(false);
    }
  };
  const recorded = (c: Clip | null) => {
    setClip(c);
    setClipId(newId()); // another recording is another clip
  };
  return { text, setText, clip, recorded, cards, addCard, dropCard, next, setNext, offer, setOffer, busy, error, submit };
}
