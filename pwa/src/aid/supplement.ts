// 补充材料 from the tracking page (issue 13): what the worker types and the photos they add are
// kept on the phone from the first key (the text in kv, the photos in aidPhotos under the
// supplement's own client id), then go into the outbox like an application: each photo to
// POST /api/v1/uploads with its own client id, as one fresh submission (the supplement's id),
// then POST /api/v1/applications/track/materials with the supplement's id as Idempotency-Key.
// Once the server confirms, the queued copy (phone number, photos) leaves the phone.
import { onSignOut } from '../accounts/auth';
import { refusal, request } from '../core/api';
import { openDb, readKv, writeKv } from '../core/db';
import { newId } from '../core/id';
import { enqueue, flush, inSteps, listEntries, postOnce, readAnswer, refreshStatus, registerSender, type Answer, type OutboxEntry, type Sender, type Step } from '../core/outbox';
import { getState } from '../core/store';
import { photosOf } from './draft';
import { dropPhotos, FIELD_NAMES, uploadPhoto } from './store';
import { trackHref } from './track-link';

export const SUPPLEMENT_KIND = 'aid-materials';
const DRAFT_KEY = 'aid-supplement:';

export interface SupplementPayload {
  /** The tracking code, normalised (no dash). */
  code: string;
  phone: string;
  text: string;
  photos: { id: string; label: string }[];
}

/** The supplement being written for one application (its id is the photos' owner and the Idempotency-Key). */
export interface SupplementDraft {
  id: string;
  text: string;
}

export function codeKey(code: string): string {
  return code.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
}

export async function supplementDraft(code: string): Promise<SupplementDraft> {
  const kept = await readKv<SupplementDraft>(DRAFT_KEY + codeKey(code));
  if (kept?.value?.id) return kept.value;
  const fresh = { id: newId(), text: '' };
  await writeKv(DRAFT_KEY + codeKey(code), fresh);
  return fresh;
}

export function saveSupplementDraft(code: string, d: SupplementDraft): Promise<void> {
  return writeKv(DRAFT_KEY + codeKey(code), d);
}

/** The supplement for this code waiting in the outbox (or refused there), if any. */
export async function queuedSupplement(code: string): Promise<OutboxEntry<SupplementPayload> | undefined> {
  const key = codeKey(code);
  return (await listEntries()).find((e): e is OutboxEntry<SupplementPayload> => e.kind === SUPPLEMENT_KIND && (e.payload as SupplementPayload).code === key);
}

/** 发送: into the outbox under the draft's id, with its photos; the draft's text leaves in the same step. */
export async function submitSupplement(code: string, phone: string, d: SupplementDraft): Promise<'queued' | 'failed'> {
  const photos = (await photosOf(d.id)).map((p) => ({ id: p.id, label: p.label.trim().slice(0, 60) }));
  const key = codeKey(code);
  const payload: SupplementPayload = { code: key, phone, text: d.text.trim(), photos };
  const kept = await enqueue<SupplementPayload>(
    { id: d.id, kind: SUPPLEMENT_KIND, group: `aid:${key}`, payload, label: `补充材料：查询码 ${key.slice(0, 4)}-${key.slice(4)}` },
    async (tx) => {
      await tx.objectStore('kv').delete(DRAFT_KEY + key);
    },
  );
  if (kept !== 'queued') return 'failed';
  if (getState().online) void flush();
  return 'queued';
}

async function sendMaterials(e: OutboxEntry<SupplementPayload>): Promise<Answer> {
  const { code, phone, text, photos } = e.payload;
  const res = await request('/api/v1/applications/track/materials', postOnce(e, { code, phone, text, upload_ids: photos.map((p) => p.id) }));
  const r = res.status === 409 ? await refusal(res) : null;
  if (r?.code === 'move_not_allowed') {
    // Not a busy server: the case no longer waits for materials (already supplied, or withdrawn).
    void res.body?.cancel().catch(() => undefined);
    return { ok: false, message: r.message };
  }
  return readAnswer(res, FIELD_NAMES);
}

function steps(entry: OutboxEntry<SupplementPayload>): Step<SupplementPayload>[] {
  return [
    ...entry.payload.photos.map((p): Step<SupplementPayload> => ({ name: `photo:${p.id}`, send: (e) => uploadPhoto(p, e.id) })),
    { name: 'materials', send: sendMaterials },
  ];
}

const supplementSender: Sender<SupplementPayload> = {
  kind: SUPPLEMENT_KIND,
  stores: ['aidPhotos', 'kv'],
  send: inSteps(steps),
  async onDelivered(tx, items) {
    for (const { entry } of items) await dropPhotos(tx, entry.id);
  },
  async onDismiss(tx, entry) {
    await dropPhotos(tx, entry.id);
  },
  fixAt: (entry) => trackHref(entry.payload.code),
  exportAs: {
    key: 'materials',
    item: (e) => ({ id: e.id, code: e.payload.code, text: e.payload.text, photos_not_exported: e.payload.photos.length }),
  },
};

/** Signing out: queued supplements (with the phone number) and unsent drafts leave the phone. */
async function clearSupplements(): Promise<void> {
  const db = await openDb();
  if (!db) return;
  const tx = db.transaction(['outbox', 'kv', 'aidPhotos'], 'readwrite');
  const outbox = tx.objectStore('outbox');
  for (const e of await outbox.getAll()) {
    if (e.kind !== SUPPLEMENT_KIND) continue;
    await outbox.delete(e.seq!);
  }
  const kv = tx.objectStore('kv');
  for (const key of await kv.getAllKeys()) {
    if (typeof key === 'string' && key.startsWith(DRAFT_KEY)) await kv.delete(key);
  }
  await tx.done;
  await refreshStatus();
}

async function unsentWarning(): Promise<string> {
  const n = (await listEntries()).filter((e) => e.kind === SUPPLEMENT_KIND).length;
  return n ? `这台手机上还有 ${n} 份补充材料没有发出去。退出登录会把它们从手机上删掉。` : '';
}

export function registerSupplementSender(): void {
  registerSender(supplementSender);
  onSignOut({ warning: unsentWarning, clear: clearSupplements });
}
