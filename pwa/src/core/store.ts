// One small app-wide state object with subscribers; pages read it through useStore().
import { useEffect, useReducer } from 'preact/hooks';
import type { StoredPack } from './db';

export interface AppState {
  /** navigator.onLine: false when the phone knows it has no network. */
  online: boolean;
  /** false after a request failed to reach the server (no signal though "online"). */
  reachable: boolean;
  /** The offline content pack in use (from IndexedDB or just downloaded). */
  pack: StoredPack['pack'] | null;
  /** The pack is stored on the phone. */
  packSaved: boolean;
  /** The service worker has cached the app shell. */
  shellCached: boolean;
  /** A new service worker is installed and waiting for the person's go-ahead. */
  updateWaiting: ServiceWorker | null;
  toast: string;
  /** The outbox: how many things wait to be sent, how many the server refused, and why not sent. */
  outbox: OutboxStatus;
}

export interface OutboxStatus {
  waiting: number;
  rejected: number;
  sending: boolean;
  /** Why the last attempt did not get through ('' when it did). */
  problem: string;
  /** When the next automatic attempt is due (ms since epoch; 0: none planned). */
  nextTry: number;
  /** Bumped on every change to the outbox, so pages reading it load again. */
  version: number;
}

let state: AppState = {
  online: typeof navigator === 'undefined' ? true : navigator.onLine !== false,
  reachable: true,
  pack: null,
  packSaved: false,
  shellCached: false,
  updateWaiting: null,
  toast: '',
  outbox: { waiting: 0, rejected: 0, sending: false, problem: '', nextTry: 0, version: 0 },
};

const listeners = new Set<() => void>();

export function getState(): AppState {
  return state;
}

export function setState(patch: Partial<AppState>): void {
  let changed = false;
  for (const k in patch) {
    if ((state as any)[k] !== (patch as any)[k]) changed = true;
  }
  if (!changed) return;
  state = { ...state, ...patch };
  listeners.forEach((fn) => fn());
}

export function subscribe(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function useStore(): AppState {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => subscribe(() => bump(0)), []);
  return state;
}

export function isOffline(s: AppState = state): boolean {
  return !s.online || !s.reachable;
}

let toastTimer = 0;
export function showToast(text: string, ms = 3000): void {
  setState({ toast: text });
  clearTimeout(toastTimer);
  toastTimer = window.setTimeout(() => setState({ toast: '' }), ms);
}
