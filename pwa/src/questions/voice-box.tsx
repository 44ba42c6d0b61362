// 按住说话: the big record button, the seconds counted, then the recording to play back, 重新录 and 删掉.
// Where recording is impossible, a plain sentence instead of the button (the text box is below it).
import { useEffect, useState } from 'preact/hooks';
import type { Voice } from './use-voice';
import './questions.css';

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} 秒`;
}

/** A kept recording, to play back before sending. */
export function ClipPlayer(props: { blob: Blob; label: string }) {
  const [url, setUrl] = useState('');
  useEffect(() => {
    const u = URL.createObjectURL(props.blob);
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [props.blob]);
  return url ? <audio class="voice-player" controls preload="metadata" src={url} aria-label={props.label} /> : null;
}

export function VoiceBox(props: { v: Voice }) {
  const { v } = props;
  const recording = v.state === 'recording';
  if (v.clip && !recording && v.state !== 'saving') {
    return (
      <div class="voice-box" data-testid="voice-kept">
        <p class="voice-status">已录好一段话（{seconds(v.clip.durationMs)}），发送前可以听一遍：</p>
        <ClipPlayer blob={v.clip.blob} label="听一遍录音" />
        <div class="voice-actions">
          <button type="button" class="btn btn-default" onClick={() => void v.remove().then(() => v.toggle())}>
            重新录
          </button>
          <button type="button" class="btn btn-default" onClick={() => void v.remove()}>
            删掉录音
          </button>
        </div>
        {v.problem && <p class="field-error">{v.problem}</p>}
      </div>
    );
  }
  const label = recording ? (v.tapped ? '说完了，点这里停止' : '松开手指，结束录音') : v.state === 'starting' ? '正在打开麦克风…' : v.state === 'saving' ? '正在保存录音…' : '按住说话';
  return (
    <div class="voice-box">
      {!v.cannot && (
        <button
          type="button"
          class={'btn btn-primary btn-big voice-button' + (recording ? ' on' : '')}
          aria-pressed={recording}
          onPointerDown={(e) => {
            e.preventDefault();
            v.press();
          }}
          onPointerUp={v.release}
          onPointerCancel={v.release}
          onContextMenu={(e) => e.preventDefault()}
          onClick={(e) => e.detail === 0 && v.toggle()}
        >
          {label}
        </button>
      )}
      <p class="voice-status" role="status" data-testid="voice-status">
        {recording ? `正在录音：${seconds(v.elapsed)}（最长 60 秒）` : v.problem || '按住按钮说话，说完松开。最长 60 秒。'}
      </p>
    </div>
  );
}
