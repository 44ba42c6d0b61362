// A co-worker's confirmation of days of a worker's day log, from the co-worker's own phone: kept in the outbox
// and sent once (Idempotency-Key: the id made when they tapped 确认), offline first like the day log itself.
// The sender is registered by the modules that use it (the confirm page and the day log, both lazy 'later'
// rows every phone keeps), so a confirmation made offline goes the next time either is open with signal.
import { request } from '../core/api';
import { enqueue, flush, listEntries, postOnce, readAnswer, registerSender, type Sender } from '../core/outbox';
import { newId } from '../core/id';
import { getState } from '../core/store';
import type { ConfirmAsk } from './confirm-link';

export interface Confirmation {
  log_id: string;
  site_code: string;
  dates: string[];
  name: string;
  phone: string;
}

const FIELDS = { dates: '日期', name: '姓名', phone: '手机号', site_code: '工地编号', log_id: '记工编号' };

const confirmSender: Sender<Confirmation> = {
  kind: 'daylog-confirm',
  stores: [],
  send: async ([e]) => [await readAnswer(await request('/api/v1/daylogs/confirmations', postOnce(e, e.payload)), FIELDS)],
  exportAs: { key: 'daylog_confirmations', item: (e) => ({ id: e.id, ...e.payload }) },
};

registerSender(confirmSender);

export type Outcome = { state: 'sent' } | { state: 'waiting' } | { state: 'refused'; message: string } | { state: 'failed' };

/** Keep the confirmation in the outbox and, with signal, send it now; what became of it. */
export async function sendConfirmation(ask: ConfirmAsk, c: Confirmation): Promise<Outcome> {
  const id = newId();
  const label = `确认工友记工：工地 ${ask.siteCode}，${c.dates.length} 天`;
  if ((await enqueue({ id, kind: confirmSender.kind, group: `confirm:${ask.logId}`, payload: c, label })) !== 'queued') return { state: 'failed' };
  if (getState().online) await flush().catch(() => undefined);
  const still = (await listEntries()).find((e) => e.id === id);
  if (!still) return { state: 'sent' };
  return still.state === 'rejected' ? { state: 'refused', message: still.message || '' } : { state: 'waiting' };
}
