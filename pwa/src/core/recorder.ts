// Voice recording for 问一问 (the worker's question, the answerer's voice reply): MediaRecorder over
// the microphone, in whichever format the browser offers (Opus in WebM on Chrome and Android, AAC
// in MP4 on iPhone, Ogg on old Firefox); the server re-encodes every clip to AAC in MP4. Imported on
// demand only (`import('../core/recorder')`), so the first download does not carry it. Where
// recording is impossible (no MediaRecorder, no microphone, permission refused) the error says so in
// plain words and the screen offers the text box instead: never a dead button.

export interface Recording {
  blob: Blob;
  mime: string;
  durationMs: number;
}

/** The formats tried, best first; the first the browser can write is used. */
export const MIME_CHOICES = ['audio/webm;codecs=opus', 'audio/mp4', 'audio/ogg'] as const;

/** The longest clip, 60 s; the recorder stops itself there. */
export const MAX_MS = 60_000;

/** Shorter than this is a slip of the finger, not a question (the server refuses < 0.5 s). */
export const MIN_MS = 600;

/** MediaRecorder and getUserMedia exist (permission is only known when asked). */
export function canRecord(): boolean {
  return typeof MediaRecorder !== 'undefined' && typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getUserMedia;
}

/** The recording format for this browser: the first of MIME_CHOICES it supports, '' for its default. */
export function pickMime(supported: (mime: string) => boolean = (m) => MediaRecorder.isTypeSupported?.(m) ?? false): string {
  for (const m of MIME_CHOICES) {
    try {
      if (supported(m)) return m;
    } catch {
      /* an old browser's isTypeSupported throws on parameters: try the next */
    }
  }
  return '';
}

/** Something went wrong; `message` is for the person, in plain Chinese. */
export class RecorderError extends Error {}

export const NO_RECORDER = '这个浏览器不能录音，请用文字写下您的问题。';
export const NO_PERMISSION = '没有得到使用麦克风的允许。可以在浏览器设置里允许，或者用文字写下您的问题。';
export const NO_MICROPHONE = '找不到麦克风，请用文字写下您的问题。';
export const TOO_SHORT = '录音太短了，请按住按钮说话，说完再松开。';
export const FAILED = '录音没有成功，请再录一次，或者用文字写下您的问题。';

/** The person's words for a getUserMedia or MediaRecorder failure. */
export function explain(err: unknown): RecorderError {
  if (err instanceof RecorderError) return err;
  const name = (err as { name?: string } | null)?.name || '';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') return new RecorderError(NO_PERMISSION);
  if (name === 'NotFoundError' || name === 'DevicesNotFoundError' || name === 'OverconstrainedError') return new RecorderError(NO_MICROPHONE);
  if (name === 'NotSupportedError' || name === 'TypeError') return new RecorderError(NO_RECORDER);
  return new RecorderError(FAILED);
}

/** The MIME type without its parameters ('audio/webm'), as an upload names it. */
export function baseMime(mime: string): string {
  return (mime.split(';')[0] || '').trim().toLowerCase() || 'audio/webm';
}

/**
 * One recording at a time: `start()` asks for the microphone and records; `stop()` ends it and
 * gives the clip (it also ends by itself at `maxMs`: `stop()` then gives what was recorded);
 * `cancel()` throws it away. The microphone is released whenever recording ends.
 */
export class Recorder {
  private mr: MediaRecorder | null = null;
  private stream: MediaStream | null = null;
  private chunks: Blob[] = [];
  private startedAt = 0;
  private endedAt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private done: Promise<Recording> | null = null;

  constructor(private maxMs: number = MAX_MS) {}

  async start(): Promise<void> {
    if (this.mr) throw new RecorderError('正在录音。');
    if (!canRecord()) throw new RecorderError(NO_RECORDER);
    this.startedAt = 0;
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (err) {
      throw explain(err);
    }
    const mime = pickMime();
    let mr: MediaRecorder;
    try {
      mr = new MediaRecorder(this.stream, mime ? { mimeType: mime } : undefined);
    } catch (err) {
      this.release();
      throw explain(err);
    }
    this.mr = mr;
    this.chunks = [];
    this.endedAt = 0;
    mr.ondataavailable = (e) => {
      if (e.data && e.data.size) this.chunks.push(e.data);
    };
    this.done = new Promise<Recording>((resolve, reject) => {
      mr.onstop = () => {
        this.endedAt = this.endedAt || Date.now();
        this.release();
        const type = mr.mimeType || mime || this.chunks[0]?.type || 'audio/webm';
        const blob = new Blob(this.chunks, { type });
        const durationMs = Math.min(this.endedAt - this.startedAt, this.maxMs);
        if (!blob.size) reject(new RecorderError(FAILED));
        else if (durationMs < MIN_MS) reject(new RecorderError(TOO_SHORT));
        else resolve({ blob, mime: type, durationMs });
      };
      mr.onerror = () => {
        this.release();
        reject(new RecorderError(FAILED));
      };
    });
    this.done.catch(() => undefined); // read by stop(); not an unhandled rejection meanwhile
    try {
      mr.start(250);
    } catch (err) {
      this.release();
      this.mr = null;
      throw explain(err);
    }
    this.startedAt = Date.now();
    this.timer = setTimeout(() => this.end(), this.maxMs);
  }

  /** Ends the recording (if it has not ended at the limit) and gives the clip. */
  async stop(): Promise<Recording> {
    if (!this.mr || !this.done) throw new RecorderError(FAILED);
    const done = this.done;
    this.end();
    try {
      return await done;
    } finally {
      this.mr = null;
      this.done = null;
    }
  }

  /** Throws the recording away and frees the microphone. */
  cancel(): void {
    const mr = this.mr;
    this.mr = null;
    this.done = null;
    clearTimeout(this.timer);
    if (mr) {
      mr.onstop = null;
      mr.ondataavailable = null;
      try {
        if (mr.state !== 'inactive') mr.stop();
      } catch {
        /* already stopped */
      }
    }
    this.release();
  }

  /** How long it has been recording (up to the limit); 0 before the start. */
  elapsedMs(): number {
    if (!this.startedAt) return 0;
    return Math.min((this.endedAt || Date.now()) - this.startedAt, this.maxMs);
  }

  private end(): void {
    clearTimeout(this.timer);
    const mr = this.mr;
    if (!mr || mr.state === 'inactive') return;
    this.endedAt = Date.now();
    try {
      mr.stop();
    } catch {
      this.release();
    }
  }

  private release(): void {
    this.stream?.getTracks().forEach((t) => t.stop());
    this.stream = null;
  }
}
