// Case handling (issue 13) as the office and the lawyers see it: the inbox, one case, its
// actions, the group and the lawyers. Shapes follow /api/v1/cases (see contract-cases.md);
// every request goes as the signed-in person (authFetch: the access cookie, refreshed once).
import { authFetch } from '../accounts/auth';
import { httpError, HttpError } from '../core/api';
import { flattenErrors } from './case-text';

export type Actor = 'worker' | 'staff' | 'lawyer' | null;

export interface CaseRow {
  id: number;
  code_display: string;
  case_type: string;
  case_type_label: string;
  stage: string;
  stage_label: string;
  applicant_name: string;
  phone_masked: string;
  id_number_masked: string;
  employer_name: string;
  site: string;
  city: string;
  amount_owed_fen: number | null;
  created_at: string;
  green_channel: boolean;
  urgent: boolean;
  first_aid: boolean;
  overdue: boolean;
  duplicate: boolean;
  group_size: number;
  next_actor: Actor;
  next_actor_label: string;
  due_on: string | null;
  days_left: number | null;
  lawyer_name: string | null;
}

export const FILTERS = [
  { id: 'all', label: '全部' },
  { id: 'new', label: '新申请' },
  { id: 'green', label: '绿色通道' },
  { id: 'urgent', label: '紧急' },
  { id: 'overdue', label: '已超期' },
  { id: 'group', label: '群体案件' },
  { id: 'duplicate', label: '疑似重复' },
  { id: 'materials', label: '待补充材料' },
  { id: 'mine', label: '我经手的' },
] as const;
export type Filter = (typeof FILTERS)[number]['id'];

export interface CaseList {
  items: CaseRow[];
  counts: Partial<Record<Filter, number>>;
  page: number;
  page_size: number;
  total: number;
}

export interface Evidence {
  id: string;
  label: string;
  width: number;
  height: number;
  url: string;
  thumbnail_url: string;
}

export interface TimelineItem {
  at: string;
  stage: string;
  label: string;
  note: string;
  by: string;
  action?: string;
}

export interface Clock {
  name: string;
  label: string;
  due_on: string | null;
  days_left: number | null;
  overdue: boolean;
  paused: boolean;
  how: string;
}

export interface ProgressNote {
  kind: string;
  kind_label: string;
  note: string;
  happened_on: string | null;
  next_hearing_on: string | null;
  at: string;
  by: string;
}

export interface CaseDocument {
  kind: string;
  label: string;
  docx_url: string;
  pdf_url: string;
}

export interface CaseView extends CaseRow {
  account: string;
  employer_phone: string | null;
  contractor: string;
  project: string;
  district: string;
  started_on: string | null;
  last_paid_on: string | null;
  left_on: string | null;
  injured_on: string | null;
  coworkers: { name: string; phone: string | null }[];
  phone: string;
  id_number: string;
  hometown: string;
  means_test: string;
  means_test_label: string;
  honesty_commitment: boolean;
  on_behalf: boolean;
  submitted_by_role: string;
  worker_consent_confirmed: boolean;
  evidence: Evidence[];
  timeline: TimelineItem[];
  allowed_actions: string[];
  paused: boolean;
  clocks: Clock[];
  checklist: Record<string, boolean> | null;
  lawyer: { id: number; name: string; office_phone: string } | null;
  progress: ProgressNote[];
  outcome: { outcome: string; outcome_label: string; recovered_fen: number; closed_on: string; note: string } | null;
  follow_up: { reached: boolean; satisfaction: number | null; comment: string; at: string } | null;
  materials_request: { asked: string; due_on: string | null; supplied: { text: string; upload_ids: string[]; at: string }[] } | null;
  duplicates: CaseRow[];
  group: { key: string; size: number; total_owed_fen: number } | null;
  documents: CaseDocument[];
}

export interface CaseGroup {
  key: string;
  employer_name: string;
  site: string;
  size: number;
  total_owed_fen: number;
  items: CaseRow[];
}

export interface Lawyer {
  id: number;
  name: string;
  office_phone: string;
  open_cases: number;
}

/** A refused request with the server's words, and its field errors flattened to "a.b" keys. */
export class CaseError extends HttpError {
  constructor(status: number, message: string, public fields: Record<string, string> = {}, public code = '') {
    super(status, message);
  }
}

async function refused(res: Response): Promise<CaseError> {
  try {
    const body = await res.clone().json();
    if (body && typeof body.message === 'string') {
      return new CaseError(res.status, body.message, flattenErrors(body.errors), body.error_code || '');
    }
  } catch {
    /* not JSON */
  }
  const plain = await httpError(res);
  return new CaseError(res.status, plain.message);
}

async function getCase<T>(path: string): Promise<T> {
  const res = await authFetch(path, { headers: { Accept: 'application/json' } });
  if (!res.ok) throw await refused(res);
  return res.json() as Promise<T>;
}

export function loadCases(filter: Filter, page: number, pageSize = 20): Promise<CaseList> {
  const q = new URLSearchParams({ filter, page: String(page), page_size: String(pageSize) });
  return getCase<CaseList>(`/api/v1/cases?${q}`);
}

export function loadCase(id: number): Promise<CaseView> {
  return getCase<CaseView>(`/api/v1/cases/${id}`);
}

export function loadGroup(key: string): Promise<CaseGroup> {
  return getCase<CaseGroup>(`/api/v1/cases/groups/${encodeURIComponent(key)}`);
}

export interface AuditRow {
  at: string;
  user_name: string;
  user_role: string;
  action: string;
  why: string;
}

export async function loadAudit(id: number): Promise<AuditRow[]> {
  return (await getCase<{ items: AuditRow[] }>(`/api/v1/cases/${id}/audit`)).items;
}

export async function loadLawyers(): Promise<Lawyer[]> {
  return (await getCase<{ items: Lawyer[] }>('/api/v1/lawyers')).items;
}

/**
 * One move on a case. `key` is the Idempotency-Key: the same form sent twice (a double tap, a
 * retry after a timeout) is one move; the form makes a new key after each success.
 */
export async function act(id: number, action: string, fields: Record<string, unknown>, key: string): Promise<CaseView> {
  const res = await authFetch(`/api/v1/cases/${id}/actions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Idempotency-Key': key },
    body: JSON.stringify({ action, ...fields }),
  });
  if (!res.ok) throw await refused(res);
  return res.json() as Promise<CaseView>;
}

/** A fresh Idempotency-Key. */
export function newKey(): string {
  if (typeof crypto !== 'undefined' && crypto.randomUUID) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}

/** A file the API serves only to the signed-in (photos, documents) as a blob: URL for <img> or a download. */
export async function blobUrl(path: string): Promise<string> {
  const res = await authFetch(path);
  if (!res.ok) throw await refused(res);
  return URL.createObjectURL(await res.blob());
}
