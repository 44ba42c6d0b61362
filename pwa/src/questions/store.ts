// 问一问 on the phone: 发送 puts the question into the outbox under the draft's id (its Idempotency-Key,
// made when the person pressed 发送), and the outbox's `question` sender (outbox.ts, which loads this
// module only when a question waits, so the first download stays small) sends it in steps, as legal
// aid's applications go: each photo to /uploads (aid/store.ts uploadPhoto, the photos kept in the same
// store under the question's id), the recording to /audio under its own client id, then the question
// that names them. The recording and photos stay in IndexedDB until the server confirmed the question,
// then they are deleted and only the code stays. Signing out warns and clears them.
import { dropPhotos, uploadPhoto } from '../aid/store';
import { photosOf } from '../aid/draft';
import { refusal, request } from '../core/api';
import { openDb, readAll, readOne } from '../core/db';
import { enqueue, flush, inSteps, listEntries, postOnce, readAnswer, refreshStatus, type Answer, type OutboxEntry, type SentItem, type Step, type Tx } from '../core/outbox';
import { cleanPhone, maskPhone } from '../core/phone';
import { getState } from '../core/store';
import { caseLabel } from '../aid/case-types';
import { questionLabel, toQuestionBody } from './body';
import { DRAFT_KEY, questionWritten, saveQuestion } from './draft';
import { KIND } from './outbox';
import { followUpSteps, isFollowUp } from './follow-up-store';
import type { AskedPayload, QuestionCreated, QuestionDraft, QuestionPayload, QuestionSent } from './types';

export const FIELD_NAMES: Record<string, string> = {
  text: '问题', audio_id: '录音', file: '录音', upload_ids: '照片', case_type: '事情类型', started_on: '开始干活', left_on: '离开',
  injured_on: '受伤', city: '城市', district: '区县', site_division: '区县', site_code: '工地', phone: '手机号',
  consent_privacy: '隐私说明', consent_sensitive: '单独同意',
};

/** 发送: into the outbox (a correction replaces the refused entry and keeps its id); the draft leaves with it. */
export async function sendQuestion(d: QuestionDraft): Promise<'queued' | 'failed'> {
  await questionWritten();
  const db = await openDb();
  const clip = db ? (await db.getAllFromIndex('questionClips', 'owner', d.id).catch(() => []))[0] : undefined;
  const photos = (await photosOf(d.id)).slice(0, 3).map((p) => ({ id: p.id, label: p.label.trim().slice(0, 60) }));
  const payload: QuestionPayload = { asked: d.asked, photos, clip: clip ? { id: clip.id, mime: clip.mime, durationMs: clip.durationMs } : null };
  const entry = { id: d.id, kind: KIND, group: KIND, payload, label: questionLabel(d.asked, clip?.durationMs ?? null) };
  const kept = await enqueue<QuestionPayload>(entry, async (tx) => {
    const outbox = tx.objectStore('outbox');
    const before = await outbox.index('id').get(d.id);
    if (before) await outbox.delete(before.seq!);
    await tx.objectStore('kv').delete(DRAFT_KEY);
  });
  if (kept !== 'queued') return 'failed';
  if (getState().online) void flush();
  return 'queued';
}

export async function queuedQuestion(id: string): Promise<OutboxEntry<QuestionPayload> | undefined> {
  return (await listEntries()).find((e): e is OutboxEntry<QuestionPayload> => e.kind === KIND && e.id === id && 'asked' in (e.payload as AskedPayload));
}

/** 去改正: the refused question comes back into the form, with the same id, its recording and photos. */
export async function reopenQuestion(id: string): Promise<QuestionDraft | undefined> {
  const e = await queuedQuestion(id);
  if (!e) return undefined;
  const d: QuestionDraft = { id, asked: e.payload.asked, updatedAt: Date.now(), fixing: e.message || '' };
  await saveQuestion(d);
  return d;
}

export function sentQuestion(id: string): Promise<QuestionSent | undefined> {
  return readOne('questionSent', id);
}

export async function sentQuestions(): Promise<QuestionSent[]> {
  return (await readAll('questionSent')).sort((a, b) => b.sentAt - a.sentAt);
}

const EXT: Record<string, string> = { 'audio/webm': 'webm', 'audio/mp4': 'm4a', 'audio/ogg': 'ogg' };

/** The recording goes to the server under its own client id, as part of the question `submissionId`. */
export async function uploadClip(clipId: string, submissionId: string): Promise<Answer> {
  const clip = await readOne('questionClips', clipId);
  if (!clip) return { ok: false, message: '录音在手机上找不到了：请点「去改正」，重新录一次再发送。' };
  const form = new FormData();
  form.append('id', clip.id);
  form.append('submission_id', submissionId);
  const type = clip.mime.split(';')[0];
  form.append('file', clip.blob, `${clip.id}.${EXT[type] || 'webm'}`);
  return readAnswer(await request('/api/v1/audio', { method: 'POST', headers: { Accept: 'application/json' }, body: form }), FIELD_NAMES);
}

/** A question's photos and recording leave the phone. */
export async function dropKept(tx: Tx, id: string): Promise<void> {
  await dropPhotos(tx, id);
  const clips = tx.objectStore('questionClips');
  for (const key of await clips.index('owner').getAllKeys(id)) await clips.delete(key);
}

/** The steps of one question: its photos, its recording, then the question naming them (or a follow-up's). */
export function steps(entry: OutboxEntry<AskedPayload>): Step<AskedPayload>[] {
  if (isFollowUp(entry)) return followUpSteps(entry, uploadClip, FIELD_NAMES) as Step<AskedPayload>[];
  return askSteps(entry as OutboxEntry<QuestionPayload>) as Step<AskedPayload>[];
}

function askSteps(entry: OutboxEntry<QuestionPayload>): Step<QuestionPayload>[] {
  const { photos, clip } = entry.payload;
  const uploads = [
    ...photos.map((p): Step<QuestionPayload> => ({ name: `photo:${p.id}`, send: (e) => uploadPhoto(p, e.id) })),
    ...(clip ? [{ name: `audio:${clip.id}`, send: (e: OutboxEntry<QuestionPayload>) => uploadClip(clip.id, e.id) }] : []),
  ];
  const post = (e: OutboxEntry<QuestionPayload>) =>
    request('/api/v1/questions', postOnce(e, toQuestionBody(e.payload.asked, photos.map((p) => p.id), clip?.id ?? null)));
  return [
    ...uploads,
    {
      name: 'question',
      async send(e, done) {
        let res = await post(e);
        const code = res.status === 422 ? (await refusal(res)).code : '';
        if (code === 'upload_missing' || code === 'audio_unknown') {
          // The server swept what it held too long before the question came: the same ids again.
          for (const u of uploads) {
            const a = await u.send(e, done);
            if (!a.ok) return a;
          }
          res = await post(e);
        }
        return readAnswer(res, FIELD_NAMES);
      },
    },
  ];
}

async function queuedQuestions(): Promise<OutboxEntry<AskedPayload>[]> {
  return (await listEntries()).filter((e): e is OutboxEntry<AskedPayload> => e.kind === KIND);
}

/** Everything 问一问 keeps on the phone goes: the question being asked, the queued ones, their recordings, the codes. */
export async function clearQuestions(): Promise<void> {
  await questionWritten();
  const db = await openDb();
  if (!db) return;
  const tx = db.transaction(['kv', 'aidPhotos', 'questionClips', 'questionSent', 'outbox'], 'readwrite') as unknown as Tx;
  const draft = (await tx.objectStore('kv').get(DRAFT_KEY))?.value as QuestionDraft | undefined;
  if (draft) await dropKept(tx, draft.id);
  await tx.objectStore('kv').delete(DRAFT_KEY);
  await Promise.all([tx.objectStore('questionClips').clear(), tx.objectStore('questionSent').clear()]);
  const outbox = tx.objectStore('outbox');
  for (const e of await outbox.getAll()) {
    if (e.kind !== KIND) continue;
    await dropKept(tx, e.id);
    await outbox.delete(e.seq!);
  }
  await tx.done;
  await refreshStatus();
}

export async function unsentWarning(): Promise<string> {
  const n = (await queuedQuestions()).length;
  const clips = (await readAll('questionClips')).length;
  return n || clips ? `这台手机上还有 ${n || 1} 个问题（或录音）没有发出去。退出登录会把它们从手机上删掉。` : '';
}

/** The outbox's `send` for questions (outbox.ts loads it when something waits). */
export const sendQuestions = inSteps(steps);

/** Written with the removal of delivered questions: their photos and recordings go, their codes stay. */
export async function delivered(tx: Tx, items: { entry: OutboxEntry<AskedPayload>; data: unknown }[]): Promise<void> {
  for (const { entry, data } of items) {
    await dropKept(tx, entry.id);
    if (isFollowUp(entry)) continue; // the message is in the thread now; nothing else stays
    const created = (data as Record<string, unknown>).question as QuestionCreated;
    const sent: QuestionSent = {
      id: entry.id,
      code: created.code,
      codeDisplay: created.code_display,
      caseType: (entry.payload as QuestionPayload).asked.case_type || 'other',
      phoneMasked: maskPhone(cleanPhone((entry.payload as QuestionPayload).asked.phone)),
      sentAt: Date.now(),
    };
    await tx.objectStore('questionSent').put(sent);
  }
}

/** 待发送's 已发送: each question with its code. */
export async function sentItems(): Promise<SentItem[]> {
  return (await sentQuestions()).map((s) => ({ id: s.id, label: `问一问：${caseLabel(s.caseType)} · 查询码 ${s.codeDisplay}`, href: `/ask/sent/${s.id}`, at: s.sentAt }));
}
