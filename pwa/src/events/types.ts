// Shapes of the events and sync API (server/events/schemas.py, server/sync/schemas.py) and of
// what the phone keeps of them.

export interface EventInfo {
  id: number;
  title: string;
  kind: string;
  kind_label: string;
  starts_at: string;
  ends_at: string | null;
  place: string;
  site_code: string | null;
  capacity: number | null;
  description: string;
  status: string;
  volunteer_ids: number[];
}

export interface SignupForm {
  name: string;
  phone: string;
  employer: string;
  site: string;
}

/** POST /events/{id}/signups and GET /signups/{token}. */
export interface SignupAnswer {
  attendee_id: number;
  event_id: number;
  event_title: string;
  starts_at: string;
  place: string;
  name: string;
  phone_masked: string;
  qr_token: string;
  checked_in: boolean;
}

/** A sign-up this phone made: waiting to be sent, sent (with its QR token) or refused. */
export interface MySignup {
  id: string;
  eventId: number;
  eventTitle: string;
  startsAt: string;
  place: string;
  name: string;
  phoneMasked: string;
  state: 'waiting' | 'sent' | 'rejected';
  message?: string;
  qrToken?: string;
  checkedIn?: boolean;
  createdAt: number;
}

export interface RosterAttendee {
  id: number;
  name: string;
  phone_last4: string;
  phone_masked: string;
  employer: string;
  site: string;
  qr_token: string;
  source: string;
  checked_in: boolean;
  checked_in_at: string | null;
}

/** A roster row on the phone; `local` is what this device did and has not heard back about. */
export interface LocalAttendee extends Omit<RosterAttendee, 'id'> {
  /** The server's id; null for a walk-in (or an unknown code) registered here and not yet sent. */
  id: number | null;
  local?: { opId: string; at: string; rejected?: string };
}

export interface StoredRoster {
  eventId: number;
  event: EventInfo;
  cursor: string | null;
  savedAt: number;
  attendees: LocalAttendee[];
}

export type OpType = 'checkin' | 'walkin' | 'signup';

/** One operation exactly as POST /sync receives it (its hash is compared on a replay). */
export interface SyncOp {
  id: string;
  type: OpType;
  event_id: number;
  device_time: string;
  qr_token?: string;
  attendee_id?: number;
  name?: string;
  phone?: string;
  employer?: string;
  site?: string;
}

export interface SyncResult {
  id: string;
  status: 'applied' | 'duplicate' | 'rejected' | 'conflict';
  code?: string;
  reason?: string;
  message?: string;
  attendee_id?: number;
  qr_token?: string;
  checked_in_at?: string;
  replayed?: boolean;
  errors?: Record<string, unknown>;
}

export interface OutboxEntry {
  /** IndexedDB's own order: first in, first out. */
  seq?: number;
  /** Made when the person acted; the server's operation id or Idempotency-Key, on every try. */
  id: string;
  /** 'op' goes to POST /sync in a batch (volunteers); 'signup' is a worker's own POST. */
  kind: 'op' | 'signup';
  eventId: number;
  op?: SyncOp;
  signup?: SignupForm;
  /** What it is, for the person: "签到：张三（尾号 5678）". */
  label: string;
  createdAt: number;
  state: 'waiting' | 'rejected';
  /** The server's reason, when it refused. */
  message?: string;
  tries: number;
}
