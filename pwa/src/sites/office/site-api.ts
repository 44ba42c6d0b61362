// The office's site calls to /api/v1 (as the signed-in staff member, through office/admin-api.ts).
// Online only: nothing here is queued or kept on the device.
import { api, apiPage, download } from '../../office/admin-api';
import type { Answer, Described } from '../../core/schemas';
import type { QuestionRow } from '../../questions/office/types';

export type SiteRow = Answer<'SiteRow'>;
/** Its questions are the queue's rows (the answerers' screens name their states). */
export type SiteRecords = Omit<Answer<'SiteRecordsOut'>, 'questions'> & { questions: QuestionRow[] };
export type SiteFields = Described<'SiteIn'>;

export function listSites(q: string, page: number) {
  const qs = new URLSearchParams({ page: String(page), page_size: '20' });
  if (q) qs.set('q', q);
  return apiPage<SiteRow>(`/api/v1/sites?${qs}`);
}

export const siteRecords = (code: string) => api<SiteRecords>(`/api/v1/sites/${encodeURIComponent(code)}/records`);

export const createSite = (body: SiteFields) => api<SiteRow>('/api/v1/sites', { method: 'POST', json: body });

export const patchSite = (code: string, body: Partial<SiteFields>) =>
  api<SiteRow>(`/api/v1/sites/${encodeURIComponent(code)}`, { method: 'PATCH', json: body });

/** The board to print (A4 or A3, PDF or PNG at 300 dpi): printing it marks the site's board as printed. */
export const downloadBoard = (code: string, size: 'A4' | 'A3', fmt: 'pdf' | 'png') =>
  download(`/api/v1/sites/${code}/board.${fmt}?size=${size}`, `工地告示牌-${code}-${size}.${fmt}`);
