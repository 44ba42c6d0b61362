// Read-aloud with the browser's own speech synthesis, for workers who read poorly.
// Where the phone has no Chinese voice the page says so and how to get one (NO_VOICE);
// long text is spoken sentence by sentence because some engines stop a long utterance part-way.
import { useEffect, useState } from 'preact/hooks';

function synth(): SpeechSynthesis | null {
  return typeof window !== 'undefined' && 'speechSynthesis' in window ? window.speechSynthesis : null;
}

export function chineseVoice(prefer: string): SpeechSynthesisVoice | null {
  const s = synth();
  if (!s) return null;
  const voices = s.getVoices() || [];
  const lang = (v: SpeechSynthesisVoice) => (v.lang || '').replace('_', '-').toLowerCase();
  const want = prefer.toLowerCase();
  return (
    voices.find((v) => lang(v) === want) ||
    voices.find((v) => lang(v) === 'zh-cn') ||
    voices.find((v) => lang(v).startsWith('zh') || lang(v).startsWith('cmn')) ||
    null
  );
}

/** The Chinese voice, or null; voices often arrive a moment after the page loads. */
export function useChineseVoice(prefer: string): SpeechSynthesisVoice | null {
  const [voice, setVoice] = useState(() => chineseVoice(prefer));
  useEffect(() => {
    const s = synth();
    if (!s) return;
    const update = () => setVoice(chineseVoice(prefer));
    update();
    if (typeof s.addEventListener === 'function') {
      s.addEventListener('voiceschanged', update);
      return () => s.removeEventListener('voiceschanged', update);
    }
    s.onvoiceschanged = update; // engines where speechSynthesis is no EventTarget
    return () => {
      s.onvoiceschanged = null;
    };
  }, [prefer]);
  return voice;
}

export const NO_VOICE = '这台手机没有中文朗读，可以在系统设置里装中文语音。';

const CJK = '\\u3000-\\u303f\\u3400-\\u9fff\\uff00-\\uffef';
const BETWEEN_CJK = new RegExp(`([${CJK}])\\s+(?=[${CJK}])`, 'g');
const MARKS = '。！？；，、：.!?;,:';
const MARK_RUN = new RegExp(`[${MARKS}](?:\\s*[${MARKS}])+`, 'g');
const ENDS_A_SENTENCE = /[。！？；：!?;:][”’」』）)]*$/;
const SAYS_SOMETHING = /[\p{L}\p{N}]/u;

/** One run of marks becomes its strongest: "？。" → "？", "。。" → "。", "，。" → "。". */
function strongest(run: string): string {
  for (const m of ['？', '?', '！', '!', '。', '；', ';', '：', ':']) if (run.includes(m)) return m;
  return run[0];
}

/**
 * The words to speak, from a card's parts (question, summary, answer lines, ...): each line a
 * sentence that ends in one mark, so the voice pauses once, never on "？。", "。。" or a lone "。".
 */
export function speechText(parts: Array<string | null | undefined>): string {
  const lines: string[] = [];
  for (const part of parts) {
    for (const raw of (part || '').split('\n')) {
      let line = raw.replace(/\s+/g, ' ').trim().replace(BETWEEN_CJK, '$1');
      line = line.replace(MARK_RUN, strongest).replace(/^[。！？；，、：.!?;,:\s]+/, '');
      if (!SAYS_SOMETHING.test(line)) continue;
      line = line.replace(/[，、,]$/, '');
      lines.push(ENDS_A_SENTENCE.test(line) ? line : line + '。');
    }
  }
  return lines.join('\n');
}

export function chunks(text: string, max = 80): string[] {
  const parts = (text.match(/[^。！？；!?;\n]+[。！？；!?;\n]*/g) || [])
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  const out: string[] = [];
  for (const p of parts) {
    for (let i = 0; i < p.length; i += max) out.push(p.slice(i, i + max));
  }
  return out;
}

// Engines drop utterances that are garbage-collected before they finish speaking.
let queue: SpeechSynthesisUtterance[] = [];

export function speak(text: string, voice: SpeechSynthesisVoice, onDone: () => void): void {
  const s = synth();
  if (!s) return onDone();
  s.cancel();
  const parts = chunks(text);
  if (!parts.length) return onDone();
  queue = parts.map((part, i) => {
    const u = new SpeechSynthesisUtterance(part);
    u.voice = voice;
    u.lang = voice.lang;
    u.rate = 0.9;
    if (i === parts.length - 1) u.onend = () => onDone();
    u.onerror = () => onDone();
    return u;
  });
  queue.forEach((u) => s.speak(u));
}

export function stopSpeaking(): void {
  queue = [];
  synth()?.cancel();
}
