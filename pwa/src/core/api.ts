// Talking to /api/v1: plain-Chinese errors, a timeout for 2G, and the online flag.
import { setState } from './store';

export class OfflineError extends Error {
  constructor() {
    super('没有网络，连不上服务器。');
  }
}

export class HttpError extends Error {
  constructor(public status: number, message: string) {
    super(message);
  }
}

const TIMEOUT_MS = 20000;

/** fetch() that times out, and that tells the app when the network is gone or back. */
export async function request(path: string, init: RequestInit = {}): Promise<Response> {
  const ctrl = typeof AbortController === 'undefined' ? null : new AbortController();
  const timer = ctrl ? setTimeout(() => ctrl.abort(), TIMEOUT_MS) : 0;
  try {
    const res = await fetch(path, { ...init, signal: ctrl?.signal, credentials: 'same-origin' });
    setState({ reachable: true });
    return res;
  } catch {
    setState({ reachable: false });
    throw new OfflineError();
  } finally {
    if (timer) clearTimeout(timer);
  }
}

/** The error a failed answer stands for, with the server's plain-Chinese message. */
export async function httpError(res: Response): Promise<HttpError> {
  let message = '服务器出了点问题，请稍后再试。';
  try {
    const body = await res.json();
    if (body && typeof body.message === 'string') message = body.message;
  } catch {
    /* not JSON: keep the plain message */
  }
  return new HttpError(res.status, message);
}

export async function getJSON<T>(path: string): Promise<T> {
  const res = await request(path, { headers: { Accept: 'application/json' } });
  if (!res.ok) throw await httpError(res);
  return res.json() as Promise<T>;
}

/** What to tell the person about a failed load or send, in plain Chinese. */
export function errorText(err: unknown): string {
  if (err instanceof OfflineError) return '没有网络，这部分内容还没有存到手机上。联网后打开一次，以后没网也能看。';
  if (err instanceof HttpError) return err.message;
  return '出了点问题，请稍后再试。';
}
