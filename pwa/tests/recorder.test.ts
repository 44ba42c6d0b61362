// The recorder (core/recorder.ts) over a fake MediaRecorder and microphone: the format it picks,
// the clip it gives, the limit it stops itself at, the microphone released, and the plain words
// when recording is impossible. Run with the other unit tests (npm run test:unit).
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { canRecord, explain, NO_MICROPHONE, NO_PERMISSION, NO_RECORDER, pickMime, Recorder, RecorderError, TOO_SHORT } from '../src/core/recorder';

let now = 1_000_000;
const realNow = Date.now;
const tracks: { stopped: boolean }[] = [];
let supported = new Set<string>(['audio/webm;codecs=opus']);
let permission: 'yes' | 'NotAllowedError' | 'NotFoundError' = 'yes';

class FakeRecorder {
  static isTypeSupported = (m: string) => supported.has(m);
  state = 'inactive';
  mimeType: string;
  ondataavailable: ((e: { data: Blob }) => void) | null = null;
  onstop: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(_s: unknown, opts?: { mimeType?: string }) {
    this.mimeType = opts?.mimeType || 'audio/webm';
  }
  start() {
    this.state = 'recording';
  }
  stop() {
    this.state = 'inactive';
    this.ondataavailable?.({ data: new Blob([new Uint8Array(1234)], { type: this.mimeType }) });
    queueMicrotask(() => this.onstop?.());
  }
}

function install(withRecorder = true) {
  (globalThis as Record<string, unknown>).MediaRecorder = withRecorder ? FakeRecorder : undefined;
  const getUserMedia = async () => {
    if (permission !== 'yes') throw Object.assign(new Error('no'), { name: permission });
    const t = { stopped: false, stop() { this.stopped = true; } };
    tracks.push(t);
    return { getTracks: () => [t] };
  };
  Object.defineProperty(globalThis, 'navigator', { value: { mediaDevices: { getUserMedia } }, configurable: true, writable: true });
  Date.now = () => now;
}

afterEach(() => {
  Date.now = realNow;
  tracks.length = 0;
  supported = new Set(['audio/webm;codecs=opus']);
  permission = 'yes';
});

test('the first format the browser writes is chosen, in the order Opus, MP4, Ogg', () => {
  assert.equal(pickMime((m) => m !== 'audio/webm;codecs=opus'), 'audio/mp4');
  assert.equal(pickMime((m) => m === 'audio/ogg'), 'audio/ogg');
  assert.equal(pickMime(() => false), '');
  assert.equal(pickMime((m) => { if (m.includes(';')) throw new Error('old'); return m === 'audio/mp4'; }), 'audio/mp4');
});

test('a recording gives its clip, its type and its length, and frees the microphone', async () => {
  install();
  assert.ok(canRecord());
  const r = new Recorder();
  await r.start();
  now += 4200;
  assert.equal(r.elapsedMs(), 4200);
  const rec = await r.stop();
  assert.equal(rec.mime, 'audio/webm;codecs=opus');
  assert.equal(rec.durationMs, 4200);
  assert.equal(rec.blob.size, 1234);
  assert.ok(tracks.every((t) => t.stopped));
});

test('it stops itself at the limit and stop() then gives what was recorded', async () => {
  install();
  supported = new Set(['audio/mp4']);
  const r = new Recorder(700);
  await r.start();
  now += 5000;
  await new Promise((res) => setTimeout(res, 750));
  assert.ok(tracks[0].stopped, 'microphone released at the limit');
  assert.equal(r.elapsedMs(), 700);
  const rec = await r.stop();
  assert.equal(rec.durationMs, 700);
  assert.equal(rec.mime, 'audio/mp4');
});

test('a slip of the finger is refused in plain words; cancel throws the recording away', async () => {
  install();
  const r = new Recorder();
  await r.start();
  now += 100;
  await assert.rejects(r.stop(), (e: unknown) => e instanceof RecorderError && e.message === TOO_SHORT);
  await r.start();
  r.cancel();
  assert.ok(tracks.every((t) => t.stopped));
  await assert.rejects(r.stop(), RecorderError);
});

test('no MediaRecorder, no permission, no microphone: a plain message, never a silent failure', async () => {
  install(false);
  assert.equal(canRecord(), false);
  await assert.rejects(new Recorder().start(), (e: unknown) => e instanceof RecorderError && e.message === NO_RECORDER);
  install();
  permission = 'NotAllowedError';
  await assert.rejects(new Recorder().start(), (e: unknown) => (e as Error).message === NO_PERMISSION);
  permission = 'NotFoundError';
  await assert.rejects(new Recorder().start(), (e: unknown) => (e as Error).message === NO_MICROPHONE);
  assert.equal(explain(Object.assign(new Error(), { name: 'NotSupportedError' })).message, NO_RECORDER);
});
