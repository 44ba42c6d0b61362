// Legal aid on the phone: 提交 of the draft (draft.ts) into the
// outbox, and the outbox's aid sender: each photo with its own client id, then the application
// with its client id as Idempotency-Key. Once the server confirms, the queued copy (ID number,
// photos) is deleted; what stays is the tracking code. Signing out clears what is left.
import { authFetch, getMe, onSignOut } from '../accounts/auth';
import { refusal, request } from '../core/api';
import { openDb, readAll, readOne } from '../core/db';
import { enqueue, flush, inSteps, listEntries, postOnce, readAnswer, refreshStatus, registerSender, RetryLater, type Answer, type OutboxEntry, type Sender, type Step, type Tx } from '../core/outbox';
import { cleanPhone, maskPhone } from '../core/phone';
import { getState } from '../core/store';
import { caseLabel } from './case-types';
import { EMPTY_ANSWERS, type Answers } from './answers';
import { maskIdNumber, maskName, serverFieldErrors, stepOfField, STEPS, toBody } from './body';
import { draftsWritten, photosOf, saveDraft } from './draft';
import type { AidDraft, AidPayload, AidSent, Created } from './types';

export const KIND = 'aid';

/** Anyone signed in who is not a worker fills the form in for a worker. */
export function onBehalf(): boolean {
  const me = getMe();
  return !!me && me.role !== 'worker';
}

// --- 提交 and corrections ---

export function entryLabel(a: Answers): string {
  return `法律援助申请：${caseLabel(a.case_type)}（${a.applicant_name.trim()}）`;
}

/**
 * 提交: the application goes into the outbox under the draft's id (its Idempotency-Key), with
 * its photos' ids and labels; the draft leaves in the same step. A correction replaces the
 * refused entry and keeps its id.
 */
export async function submit(draft: AidDraft): Promise<'queued' | 'failed'> {
  await draftsWritten();
  const photos = (await photosOf(draft.id)).map((p) => ({ id: p.id, label: p.label.trim().slice(0, 60) }));
  const payload: AidPayload = { answers: draft.answers, photos, onBehalf: onBehalf() };
  const entry = { id: draft.id, kind: KIND, group: KIND, payload, label: entryLabel(draft.answers) };
  const kept = await enqueue<AidPayload>(entry, async (tx) => {
    const outbox = tx.objectStore('outbox');
    const before = await outbox.index('id').get(draft.id);
    if (before) await outbox.delete(before.seq!);
    await tx.objectStore('aidDrafts').delete(draft.id);
  });
  if (kept !== 'queued') return 'failed';
  if (getState().online) void flush();
  return 'queued';
}

/** An application in the outbox (waiting or refused), by its id. */
export async function queued(id: string): Promise<OutboxEntry<AidPayload> | undefined> {
  return (await listEntries()).find((e): e is OutboxEntry<AidPayload> => e.kind === KIND && e.id === id);
}

export async function queuedApplications(): Promise<OutboxEntry<AidPayload>[]> {
  return (await listEntries()).filter((e): e is OutboxEntry<AidPayload> => e.kind === KIND);
}

/** 去改正: the refused application comes back into the form as it was sent, with the same id. */
export async function reopen(id: string): Promise<AidDraft | undefined> {
  const e = await queued(id);
  if (!e) return undefined;
  const had = await readOne('aidDrafts', id);
  if (had) return had;
  const answers = { ...EMPTY_ANSWERS, ...e.payload.answers };
  const fixErrors = serverFieldErrors(e.payload.serverErrors || {}, answers) as Record<string, string>;
  // The first screen the server found something on (its reasons beside their fields), else the review.
  const step = Math.min(STEPS.length - 1, ...Object.keys(fixErrors).map(stepOfField));
  const draft: AidDraft = { id, step, answers, updatedAt: Date.now(), fixing: e.message || '', fixErrors };
  await saveDraft(draft);
  return draft;
}

export function sentApplications(): Promise<AidSent[]> {
  return readAll('aidSent').then((all) => all.sort((a, b) => b.sentAt - a.sentAt));
}

/** What 查进度 last said about an application this phone sent (the stage only), for its list. */
export async function noteStage(code: string, stageLabel: string): Promise<void> {
  const db = await openDb();
  if (!db) return;
  try {
    const tx = db.transaction('aidSent', 'readwrite');
    for (const s of await tx.store.getAll()) if (s.code === code) await tx.store.put({ ...s, stageLabel, checkedAt: Date.now() });
    await tx.done;
  } catch {
    /* only a note for the list */
  }
}

/** Whose code a volunteer's delivered application holds: "孙*（尾号 5678）". */
export function whose(s: AidSent): string {
  return `${s.applicant}（尾号 ${s.phoneMasked.slice(-4)}）`;
}

export function sentApplication(id: string): Promise<AidSent | undefined> {
  return readOne('aidSent', id);
}

// --- the sender ---

export const FIELD_NAMES: Record<string, string> = {
  case_type: '事情类型', account: '经过', employer_name: '老板或单位', employer_phone: '老板电话', contractor: '总包单位',
  site: '工地', project: '项目', city: '城市', district: '区县', started_on: '开始干活', last_paid_on: '最后发工资',
  left_on: '离开', injured_on: '受伤', amount_owed_fen: '欠款金额', coworkers: '工友', applicant_name: '姓名', phone: '手机号',
  id_number: '身份证号', hometown: '老家', consent_privacy: '隐私说明', consent_sensitive: '敏感个人信息', honesty_commitment: '诚信承诺',
  worker_consent_confirmed: '工友同意', upload_ids: '照片', label: '照片说明', file: '照片', text: '补充的话',
};

/** One photo kept on the phone goes to the server under its own client id, as part of `submissionId`. */
export async function uploadPhoto(p: { id: string; label: string }, submissionId: string): Promise<Answer> {
  const photo = await readOne('aidPhotos', p.id);
  if (!photo) return { ok: false, message: '有一张照片在手机上找不到了：请重新选一下照片再提交。' };
  const form = new FormData();
  form.append('id', p.id);
  form.append('submission_id', submissionId);
  form.append('label', p.label);
  form.append('file', photo.blob, `${p.id}.jpg`);
  return readAnswer(await request('/api/v1/uploads', { method: 'POST', headers: { Accept: 'application/json' }, body: form }), FIELD_NAMES);
}

async function sendPhoto(entry: OutboxEntry<AidPayload>, p: { id: string; label: string }): Promise<Answer> {
  const a = await uploadPhoto(p, entry.id);
  return a.ok || !a.message.startsWith('有一张照片在手机上找不到了') ? a : { ok: false, message: '有一张照片在手机上找不到了：请点「去改正」，重新选一下照片再提交。' };
}

async function sendApplication(entry: OutboxEntry<AidPayload>): Promise<Response> {
  const { answers, photos, onBehalf: behalf } = entry.payload;
  const res = await authFetch('/api/v1/applications', postOnce(entry, toBody(answers, photos.map((p) => p.id), { onBehalf: behalf })));
  if (res.status === 401) {
    void res.body?.cancel().catch(() => undefined);
    throw new RetryLater('登录已过期：到「我的」重新登录后，申请会自动提交。');
  }
  return res;
}


function steps(entry: OutboxEntry<AidPayload>): Step<AidPayload>[] {
  return [
    ...entry.payload.photos.map((p): Step<AidPayload> => ({ name: `photo:${p.id}`, send: (e) => sendPhoto(e, p) })),
    {
      name: 'application',
      async send(e) {
        let res = await sendApplication(e);
        if (res.status === 422 && (await refusal(res)).code === 'upload_missing') {
          // The server swept photos it held too long before the application came: the same ids again.
          void res.body?.cancel().catch(() => undefined);
          for (const p of e.payload.photos) {
            const a = await sendPhoto(e, p);
            if (!a.ok) return a;
          }
          res = await sendApplication(e);
        }
        const fields = res.status === 422 ? (await refusal(res)).errors : null;
        const answer = await readAnswer(res, FIELD_NAMES);
        // Kept on the entry, which the outbox writes back with the refusal: 去改正 puts each reason beside its field.
        if (!answer.ok) e.payload.serverErrors = fields || undefined;
        return answer;
      },
    },
  ];
}

export async function dropPhotos(tx: Tx, id: string): Promise<void> {
  const store = tx.objectStore('aidPhotos');
  for (const key of await store.index('draft').getAllKeys(id)) await store.delete(key);
}

const aidSender: Sender<AidPayload> = {
  kind: KIND,
  stores: ['aidDrafts', 'aidPhotos', 'aidSent'],
  send: inSteps(steps),
  async onDelivered(tx, items) {
    for (const { entry, data } of items) {
      const created = (data as Record<string, unknown>).application as Created;
      await dropPhotos(tx, entry.id);
      await tx.objectStore('aidDrafts').delete(entry.id);
      const phone = cleanPhone(entry.payload.answers.phone); // full-width digits as typed, folded first
      const sent: AidSent = {
        id: entry.id,
        code: created.code,
        codeDisplay: created.code_display,
        caseType: created.case_type,
        phoneMasked: maskPhone(phone),
        applicant: entry.payload.onBehalf ? maskName(entry.payload.answers.applicant_name) : undefined,
        evidenceCount: created.evidence_count,
        sentAt: Date.now(),
      };
      await tx.objectStore('aidSent').put(sent);
    }
  },
  async onDismiss(tx, entry) {
    await dropPhotos(tx, entry.id);
    await tx.objectStore('aidDrafts').delete(entry.id);
  },
  fixAt: (entry) => `/aid/apply?fix=${encodeURIComponent(entry.id)}`,
  sent: async () =>
    (await sentApplications()).map((s) => ({
      id: s.id,
      label: `法律援助申请：${caseLabel(s.caseType)}${s.applicant ? ` · ${whose(s)}` : ''} · 查询码 ${s.codeDisplay}`,
      href: `/aid/sent/${s.id}`,
      at: s.sentAt,
    })),
  exportAs: {
    key: 'applications',
    // No ID number in a file left in the phone's downloads: staff ask for it when they call.
    item: (e) => {
      const body = toBody(e.payload.answers, e.payload.photos.map((p) => p.id), { onBehalf: e.payload.onBehalf });
      return { id: e.id, ...body, id_number: maskIdNumber(body.id_number), photos_not_exported: e.payload.photos.length };
    },
  },
};

/** Everything legal aid keeps on the phone goes: the draft, the photos, the queued applications, the codes. */
export async function clearAll(): Promise<void> {
  await draftsWritten();
  const db = await openDb();
  if (!db) return;
  const tx = db.transaction(['aidDrafts', 'aidPhotos', 'aidSent', 'outbox'], 'readwrite');
  await Promise.all([tx.objectStore('aidDrafts').clear(), tx.objectStore('aidPhotos').clear(), tx.objectStore('aidSent').clear()]);
  const outbox = tx.objectStore('outbox');
  for (const e of await outbox.getAll()) if (e.kind === KIND) await outbox.delete(e.seq!);
  await tx.done;
  await refreshStatus();
}

async function unsentWarning(): Promise<string> {
  const n = (await queuedApplications()).length + (await readAll('aidDrafts')).length;
  return n ? `这台手机上还有 ${n} 份法律援助申请没有发出去（或没填完）。退出登录会把它们从手机上删掉。` : '';
}

export function registerAidSender(): void {
  registerSender(aidSender);
  onSignOut({ warning: unsentWarning, clear: clearAll });
}
