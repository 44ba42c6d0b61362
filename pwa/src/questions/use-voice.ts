// The voice part of a question or a follow-up: hold the button to record (or tap once to start and
// again to stop: a keyboard, or a hand that cannot hold), up to 60 s, kept on the phone as soon as it
// ends (draft.ts keepClip), replayed before sending, recorded again or thrown away. The recorder module
// (core/recorder.ts) is imported on demand; where recording is impossible the reason is said once and
// the text box stays the way to ask.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Recorder } from '../core/recorder';
import { clipOf, dropClips, keepClip } from './draft';
import type { QuestionClip } from './types';

const loadRecorder = () => import('../core/recorder');

/** A press shorter than this is a tap: recording goes on until the next tap. */
const HOLD_MS = 500;

export type VoiceState = 'idle' | 'starting' | 'recording' | 'saving';

export function useVoice(ownerId: string, onChange?: (clip: QuestionClip | null) => void) {
  const [state, setState] = useState<VoiceState>('idle');
  const [clip, setClip] = useState<QuestionClip | null>(null);
  const [problem, setProblem] = useState('');
  const [elapsed, setElapsed] = useState(0);
  const [tapped, setTapped] = useState(false);
  const [cannot, setCannot] = useState(false);
  const rec = useRef<Recorder | null>(null);
  const pressedAt = useRef(0);
  const max = useRef(60_000);

  useEffect(() => {
    void clipOf(ownerId).then((c) => setClip(c || null));
    void loadRecorder().then((m) => {
      max.current = m.MAX_MS;
      if (!m.canRecord()) {
        setCannot(true);
        setProblem(m.NO_RECORDER);
      }
    }, () => undefined);
    return () => rec.current?.cancel();
  }, [ownerId]);

  useEffect(() => {
    if (state !== 'recording') return;
    const t = setInterval(() => {
      const ms = rec.current?.elapsedMs() || 0;
      setElapsed(ms);
      if (ms >= max.current) void finish();
    }, 200);
    return () => clearInterval(t);
  }, [state]);

  const begin = async () => {
    setProblem('');
    setState('starting');
    try {
      const m = await loadRecorder();
      const r = new m.Recorder();
      rec.current = r;
      await r.start();
      setElapsed(0);
      setState('recording');
    } catch (err) {
      rec.current = null;
      setState('idle');
      setProblem(err instanceof Error && err.message ? err.message : '录音没有成功，请用文字写下您的问题。');
    }
  };

  const finish = async () => {
    const r = rec.current;
    if (!r) return;
    rec.current = null;
    setState('saving');
    setTapped(false);
    try {
      const kept = await keepClip(ownerId, await r.stop());
      if (!kept) setProblem('录音没能存到手机上（手机存储可能满了），请用文字写下您的问题。');
      setClip(kept);
      onChange?.(kept);
    } catch (err) {
      setProblem(err instanceof Error && err.message ? err.message : '录音没有成功，请再录一次。');
    }
    setState('idle');
  };

  const remove = async () => {
    await dropClips(ownerId);
    setClip(null);
    onChange?.(null);
  };

  return {
    state, clip, problem, elapsed, tapped, cannot, remove,
    /** Finger (or mouse) down: start; in tap mode, this press stops. */
    press: () => {
      pressedAt.current = Date.now();
      if (state === 'idle') void begin();
      else if (state === 'recording' && tapped) void finish();
    },
    /** Finger up: a hold ends the recording, a tap leaves it running until the next tap. */
    release: () => {
      if (state !== 'recording' && state !== 'starting') return;
      if (tapped) return;
      if (Date.now() - pressedAt.current >= HOLD_MS && state === 'recording') void finish();
      else setTapped(true);
    },
    /** Enter or space on the button: start, or stop. */
    toggle: () => (state === 'idle' ? (setTapped(true), void begin()) : state === 'recording' ? void finish() : undefined),
  };
}

export type Voice = ReturnType<typeof useVoice>;
