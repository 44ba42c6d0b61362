// A recorded voice reply: 录音 → 停止 → play it back, record again or drop it. The recorder (core/recorder.ts)
// loads on the first tap; where recording is impossible the box says so and the text stays the way to answer.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Clip } from './use-answer';

type RecorderModule = typeof import('../../core/recorder');
const load = () => import('../../core/recorder');

export function VoiceReply(props: { clip: Clip | null; onClip: (c: Clip | null) => void }) {
  const rec = useRef<InstanceType<RecorderModule['Recorder']> | null>(null);
  const [on, setOn] = useState(false);
  const [secs, setSecs] = useState(0);
  const [error, setError] = useState('');
  const url = useObjectUrl(props.clip?.blob || null);
  useEffect(() => () => rec.current?.cancel(), []);
  useEffect(() => {
    if (!on) return;
    const t = setInterval(() => setSecs(Math.floor((rec.current?.elapsedMs() || 0) / 1000)), 500);
    return () => clearInterval(t);
  }, [on]);
  const start = async () => {
    setError('');
    const m = await load();
    if (!m.canRecord()) return setError('这个浏览器不能录音，请用文字回复。');
    try {
      rec.current = new m.Recorder();
      await rec.current.start();
      setSecs(0);
      setOn(true);
    } catch (e) {
      // The recorder speaks to the worker (写下您的问题): here the words are a reply.
      setError(e instanceof m.RecorderError ? e.message.replace('写下您的问题', '回复') : '录音没有成功，请再录一次，或者用文字回复。');
    }
  };
  const stop = async () => {
    setOn(false);
    try {
      props.onClip(await rec.current!.stop());
    } catch (e) {
      setError((e as Error).message || '录音没有成功，请再录一次。');
    }
  };
  return (
    <li class="cell q-field">
      <span class="choice-label" id="answer-voice">语音回复（最长 60 秒，可不录）</span>
      {on ? (
        <button aria-describedby="answer-voice" type="button" class="btn btn-warn btn-small" onClick={stop}>
          停止录音（{secs} 秒）
        </button>
      ) : props.clip && url ? (
        <span class="q-claim">
          <audio controls src={url} data-testid="reply-audio" />
          <button type="button" class="btn btn-small btn-default" onClick={start}>
            重录
          </button>
          <button type="button" class="btn btn-small btn-default" onClick={() => props.onClip(null)}>
            删除录音
          </button>
        </span>
      ) : (
        <button aria-describedby="answer-voice" type="button" class="btn btn-small btn-default" onClick={start}>
          录音回复
        </button>
      )}
      {error && (
        <span class="field-error" role="alert">
          {error}
        </span>
      )}
    </li>
  );
}

/** A blob: URL for a Blob while it is shown, let go of after. */
function useObjectUrl(blob: Blob | null): string {
  const [url, setUrl] = useState('');
  useEffect(() => {
    if (!blob) return setUrl('');
    const u = URL.createObjectURL(blob);
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [blob]);
  return url;
}
