// The office's calls (accounts, audit, import, content, and the events through events/office/office-api.ts): JSON in and out as the signed-in person,
// the server's refusal with its field-by-field messages, the X-Pagination figures, and files saved from an answer.
import { authFetch } from '../accounts/auth';
import { errorText, HttpError, refusal } from '../core/api';
import { pagination } from '../core/pager';
import { saveAs } from '../core/save';

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  lastPage: number;
}

async function refused(res: Response): Promise<HttpError> {
  const r = await refusal(res);
  return new HttpError(r.status, r.status === 401 ? '登录已失效，请到「我的」重新登录。' : r.message, r.code, r.fields);
}

async function send(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (init.json !== undefined) headers['Content-Type'] = 'application/json';
  const res = await authFetch(path, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body });
  if (!res.ok) throw await refused(res);
  return res;
}

export async function api<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  return (await send(path, init)).json() as Promise<T>;
}

export async function apiPage<T>(path: string): Promise<Paged<T>> {
  const res = await send(path);
  return { items: (await res.json()) as T[], ...pagination(res) };
}

/** A file the API makes (a sheet, the poster), fetched as the signed-in person. */
export async function fetchBlob(path: string): Promise<Blob> {
  return (await send(path)).blob();
}

/** Fetch a file as the signed-in person and hand it to the browser's downloads (a plain link would fail once the 15-minute cookie is old). */
export async function download(path: string, filename: string): Promise<void> {
  saveAs(URL.createObjectURL(await fetchBlob(path)), filename);
}

/** What no network means on the office's screens: they are online only. */
export const OFFICE_OFFLINE = '没有网络，办公室的页面要联网才能用。';

/** core/api.ts's errorText, where no network means the office's online screens cannot work. */
export const problemText = (err: unknown) => errorText(err, OFFICE_OFFLINE);
