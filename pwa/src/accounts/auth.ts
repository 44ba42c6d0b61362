// Who is signed in, and requests made as them.
// The tokens live in httpOnly cookies that page scripts cannot read; each write sends the
// CSRF cookie back as X-CSRF-TOKEN. The page keeps only the public profile (name, role,
// masked phone), so 我的 can say who is signed in without a network.
import { useEffect, useReducer } from 'preact/hooks';
import { httpError, request } from '../core/api';

export type Role = 'worker' | 'volunteer' | 'lawyer' | 'staff' | 'admin';

/** Who may run check-in at a site gate (the server's ORGANISER roles). */
export const VOLUNTEER_ROLES: readonly string[] = ['volunteer', 'staff', 'admin'];

/** Who may open the office's screens (/office/…, the server's STAFF roles). */
export const OFFICE_ROLES: readonly string[] = ['staff', 'admin'];

export interface Me {
  id: number;
  role: Role;
  role_name: string;
  username: string | null;
  display_name: string;
  phone_masked: string | null;
  /** Signed in with a one-time password an admin gave: the app shows only the password change until it is done. */
  must_change_password?: boolean;
}

/** Volunteers, lawyers, staff and admins sign in with a password (workers by a texted code). */
export function hasPassword(who: Me | null): boolean {
  return !!who && who.role !== 'worker' && !!who.username;
}

const KEY = 'gy-me';
const listeners = new Set<() => void>();
let me: Me | null = readSaved();

function readSaved(): Me | null {
  try {
    return JSON.parse(localStorage.getItem(KEY) || 'null');
  } catch {
    return null;
  }
}

function setMe(next: Me | null): void {
  me = next;
  try {
    if (next) localStorage.setItem(KEY, JSON.stringify(next));
    else localStorage.removeItem(KEY);
  } catch {
    /* private mode: the profile just isn't remembered */
  }
  listeners.forEach((fn) => fn());
}

export function getMe(): Me | null {
  return me;
}

export function useMe(): Me | null {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    listeners.add(bump as () => void);
    return () => {
      listeners.delete(bump as () => void);
    };
  }, []);
  return me;
}

function cookie(name: string): string {
  const hit = document.cookie.split('; ').find((c) => c.startsWith(name + '='));
  return hit ? decodeURIComponent(hit.slice(name.length + 1)) : '';
}

/** Let go of an answer we don't read, so the browser can close it (else it stays "pending"). */
function discard(res: Response): void {
  void res.body?.cancel().catch(() => undefined);
}

function post(path: string, body: unknown, csrf: 'csrf_access_token' | 'csrf_refresh_token'): Promise<Response> {
  const token = cookie(csrf);
  return request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...(token ? { 'X-CSRF-TOKEN': token } : {}) },
    body: JSON.stringify(body),
  });
}

async function signedIn(res: Response): Promise<Me> {
  if (!res.ok) throw await httpError(res);
  const body = await res.json();
  setMe(body.user);
  return body.user;
}

/** Text a sign-in code to a worker's phone. */
export async function requestCode(phone: string): Promise<void> {
  const res = await post('/api/v1/auth/otp', { phone }, 'csrf_access_token');
  if (!res.ok) throw await httpError(res);
}

export async function verifyCode(phone: string, code: string): Promise<Me> {
  return signedIn(await post('/api/v1/auth/otp/verify', { phone, code }, 'csrf_access_token'));
}

/** Change one's own password (a one-time one too): this sign-in goes on, every other one ends. */
export async function changePassword(current: string, next: string): Promise<Me> {
  let res = await post('/api/v1/me/password', { current, new: next }, 'csrf_access_token');
  if (res.status === 401 && (await refresh())) {
    discard(res);
    res = await post('/api/v1/me/password', { current, new: next }, 'csrf_access_token');
  }
  if (res.status === 422) throw await httpError(res); // its fields: the server's words beside each box
  return signedIn(res);
}

export async function loginWithPassword(username: string, password: string): Promise<Me> {
  return signedIn(await post('/api/v1/auth/login', { username, password }, 'csrf_access_token'));
}

/** A new access cookie from the refresh cookie (which lasts weeks): true when it worked. */
export async function refresh(): Promise<boolean> {
  if (!cookie('csrf_refresh_token')) return false;
  const res = await post('/api/v1/auth/refresh', {}, 'csrf_refresh_token');
  if (res.ok) {
    setMe((await res.json()).user);
    return true;
  }
  discard(res);
  if (res.status === 401) setMe(null);
  return false;
}

/**
 * fetch() as the signed-in person. The access cookie lasts 15 minutes, so after hours offline
 * the first try gets 401: refresh once, then send again.
 */
export async function authFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const send = () => {
    const headers = new Headers(init.headers);
    const token = cookie('csrf_access_token');
    if (token && (init.method || 'GET').toUpperCase() !== 'GET') headers.set('X-CSRF-TOKEN', token);
    return request(path, { ...init, headers });
  };
  const res = await send();
  if (res.status !== 401 || !(await refresh())) return res;
  discard(res);
  return send();
}

/** Ask the server who is signed in; without a network the remembered profile stands. */
export async function checkMe(): Promise<Me | null> {
  if (!cookie('csrf_access_token') && !cookie('csrf_refresh_token')) {
    // No sign-in cookies at all: nobody is signed in, and asking would only log a 401.
    if (me) setMe(null);
    return null;
  }
  const res = await authFetch('/api/v1/me', { headers: { Accept: 'application/json' } });
  if (res.ok) {
    setMe(await res.json());
  } else {
    discard(res);
    if (res.status === 401) setMe(null);
  }
  return me;
}

/** What a domain keeps on the phone for whoever is signed in (legal aid's queued applications). */
export interface SignOutHook {
  /** What signing out would delete that was never sent ('' when nothing). */
  warning(): Promise<string>;
  clear(): Promise<void>;
}

const signOutHooks: SignOutHook[] = [];

/** A domain asks to be told (at start-up): its data leaves the phone with the sign-in. */
export function onSignOut(hook: SignOutHook): void {
  signOutHooks.push(hook);
}

/** What would be lost by signing out now, for a confirmation ('' when nothing). */
export async function signOutWarnings(): Promise<string> {
  return (await Promise.all(signOutHooks.map((h) => h.warning().catch(() => '')))).filter(Boolean).join('\n');
}

export async function logout(): Promise<void> {
  let res = await post('/api/v1/auth/logout', {}, cookie('csrf_access_token') ? 'csrf_access_token' : 'csrf_refresh_token');
  if (res.status === 401 && (await refresh())) {
    discard(res);
    res = await post('/api/v1/auth/logout', {}, 'csrf_access_token');
  }
  if (!res.ok && res.status !== 401) throw await httpError(res);
  discard(res);
  setMe(null);
  // Whatever the person left on this phone goes with the sign-in (a volunteer's phone holds workers' ID numbers).
  await Promise.all(signOutHooks.map((h) => h.clear().catch(() => undefined)));
}
