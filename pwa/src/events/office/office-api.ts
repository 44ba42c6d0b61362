// The office's event calls to /api/v1, through admin-api.ts (as the signed-in staff member: cookies,
// CSRF, one refresh on 401, the one refusal reader).
// Online only: nothing here is queued or kept on the device.
import { api, apiPage } from '../../office/admin-api';
import type { Answer, Described } from '../../core/schemas';

type Methodless<T> = Omit<T, 'kind_label' | 'volunteer_ids' | 'volunteers'>;

export interface Person {
  id: number;
  display_name: string;
}

export interface OfficeEvent extends Methodless<Answer<'OfficeEventOut'>> {
  // Method fields: the description gives them no type (server/events/schemas.py).
  kind_label: string;
  volunteer_ids: number[];
}

export interface OfficeEventFull extends OfficeEvent {
  volunteers: Person[];
}

export type EventFields = Described<'EventIn'>;
export type Headcount = Answer<'HeadcountOut'>;
export type Volunteer = Answer<'VolunteerOut'>;
export type DebriefVersion = Answer<'DebriefVersionOut'>;
export type DebriefRow = Answer<'DebriefRowOut'>;

export const KINDS: { id: string; label: string }[] = [
  { id: 'lecture', label: '法律讲座' },
  { id: 'site_visit', label: '工地走访' },
  { id: 'clinic', label: '专家门诊' },
  { id: 'consultation_day', label: '法律咨询日' },
];

export const STATUS_LABELS: Record<string, string> = { draft: '草稿', published: '已发布', cancelled: '已取消' };

const call = <T>(path: string, method = 'GET', json?: unknown) => api<T>(path, { method, json });

export interface EventFilter {
  status: string;
  mine: boolean;
  q: string;
  page: number;
}

export interface EventPage {
  events: OfficeEvent[];
  total: number;
  lastPage: number;
}

export async function listEvents(f: EventFilter): Promise<EventPage> {
  const qs = new URLSearchParams({ page: String(f.page), page_size: '50' });
  if (f.status) qs.set('status', f.status);
  if (f.mine) qs.set('mine', 'true');
  if (f.q) qs.set('q', f.q);
  const { items, total, lastPage } = await apiPage<OfficeEvent>(`/api/v1/office/events?${qs}`);
  return { events: items, total, lastPage };
}

export const getEvent = (id: number) => call<OfficeEventFull>(`/api/v1/office/events/${id}`);
export const createEvent = (body: EventFields) => call<OfficeEvent>('/api/v1/events', 'POST', body);
export const patchEvent = (id: number, body: Partial<EventFields>) => call<OfficeEvent>(`/api/v1/events/${id}`, 'PATCH', body);
export const duplicateEvent = (id: number) => call<OfficeEventFull>(`/api/v1/events/${id}/duplicate`, 'POST');
export const setVolunteers = (id: number, userIds: number[]) =>
  call<OfficeEvent>(`/api/v1/events/${id}/volunteers`, 'PUT', { user_ids: userIds });
export const findVolunteers = (q: string) => call<Volunteer[]>(`/api/v1/office/volunteers?q=${encodeURIComponent(q)}`);
export const headcount = (id: number) => call<Headcount>(`/api/v1/events/${id}/headcount`);
export const debriefHistory = (id: number) => call<DebriefVersion[]>(`/api/v1/events/${id}/report/versions`);
export const debriefs = (since: string, until: string) =>
  call<DebriefRow[]>(`/api/v1/office/debriefs?since=${since}&until=${until}`);
