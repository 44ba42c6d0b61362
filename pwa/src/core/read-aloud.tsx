// The read-aloud button every page can carry (a card, each screen of the legal-aid form):
// ▶ 朗读 / ■ 停止朗读 with the phone's own Chinese voice, or a line saying how to get one.
import { useEffect, useState } from 'preact/hooks';
import { NO_VOICE, speak, stopSpeaking, useChineseVoice } from './speech';

/** Reads `text` aloud; stops when the page or the text changes. */
export function ReadAloud(props: { text: string; lang: string }) {
  const voice = useChineseVoice(props.lang);
  const [speaking, setSpeaking] = useState(false);
  useEffect(() => () => stopSpeaking(), []);
  useEffect(() => {
    stopSpeaking();
    setSpeaking(false);
  }, [props.text]);
  if (!voice) {
    return (
      <p class="no-voice" role="note">
        {NO_VOICE}
      </p>
    );
  }
  return (
    <button
      type="button"
      class={'btn btn-small ' + (speaking ? 'btn-warn' : 'btn-primary')}
      aria-pressed={speaking}
      onClick={() => {
        if (speaking) {
          stopSpeaking();
          setSpeaking(false);
        } else {
          setSpeaking(true);
          speak(props.text, voice, () => setSpeaking(false));
        }
      }}
    >
      {speaking ? '■ 停止朗读' : '▶ 朗读'}
    </button>
  );
}
