// Talking to /api/v1: plain-Chinese errors, a timeout for 2G, and the online flag.
import { setState } from './store';

export class OfflineError extends Error {
  constructor() {
    super('没有网络，连不上服务器。');
  }
}

/**
 * The one error class of a refused request: the status, the server's plain-Chinese message, its
 * machine code (`error_code`) and its words about each field ("a.b" keys, see `refusal`).
 */
export class HttpError extends Error {
  constructor(
    public status: number,
    message: string,
    public code = '',
    public fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** What the server said when it refused; `errors` is its field errors as sent, for a form that maps nested names itself. */
export interface Refusal {
  status: number;
  message: string;
  code: string;
  fields: Record<string, string>;
  errors: Record<string, unknown>;
}

const PLAIN = '服务器出了点问题，请稍后再试。';

/** {"json": {"checklist": {"arrears_checked": ["..."]}}} → {"checklist.arrears_checked": "..."} */
function flatten(errors: unknown, key: string, out: Record<string, string>): Record<string, string> {
  if (typeof errors === 'string') {
    if (key) out[key] = out[key] ? `${out[key]} ${errors}` : errors;
  } else if (errors && typeof errors === 'object') {
    for (const [k, v] of Object.entries(errors)) {
      // A list's texts are one field's messages; webargs puts a body's errors under "json" and a query's under "query".
      const same = (Array.isArray(errors) && typeof v === 'string') || (!key && (k === 'json' || k === 'query'));
      flatten(v, same ? key : key ? `${key}.${k}` : k, out);
    }
  }
  return out;
}

/** The one reader of a refused answer (the server's error format, server/errors.py); the body stays readable. */
export async function refusal(res: Response): Promise<Refusal> {
  // The server's error format (server/errors.py): message and error_code are strings, errors an object.
  let body: { message?: string; error_code?: string; errors?: Record<string, unknown> } = {};
  try {
    body = (await res.clone().json()) || {};
  } catch {
    /* not JSON: the plain message */
  }
  const errors = body.errors || {};
  return {
    status: res.status,
    message: body.message || PLAIN,
    code: body.error_code || '',
    fields: flatten(errors, '', {}),
    errors: (errors.json || errors.query || {}) as Record<string, unknown>,
  };
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

/** The error a failed answer stands for, with the server's plain-Chinese message, code and field errors. */
export async function httpError(res: Response): Promise<HttpError> {
  const r = await refusal(res);
  return new HttpError(r.status, r.message, r.code, r.fields);
}

export async function getJSON<T>(path: string): Promise<T> {
  const res = await request(path, { headers: { Accept: 'application/json' } });
  if (!res.ok) throw await httpError(res);
  return res.json() as Promise<T>;
}

/** What to tell the person about a failed load or send, in plain Chinese (`offline`: what no network means here). */
export function errorText(err: unknown, offline = '没有网络，这部分内容还没有存到手机上。联网后打开一次，以后没网也能看。'): string {
  if (err instanceof OfflineError) return offline;
  if (err instanceof HttpError) return err.message;
  return '出了点问题，请稍后再试。';
}
