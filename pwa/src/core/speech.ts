// Read-aloud with the browser's own speech synthesis, for workers who read poorly.
// Only offered where the phone has a Chinese voice; long text is spoken sentence by
// sentence because some engines stop a long utterance part-way.
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
