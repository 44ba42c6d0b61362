// The events and sync API's shapes (generated from the server's OpenAPI description:
// core/api-types.ts), and what the phone keeps of them.
import type { Answer, Described } from '../core/schemas';

export interface EventInfo extends Omit<Answer<'EventOut'>, 'kind_label' | 'volunteer_ids'> {
  // Method fields: the description gives them no type (server/events/schemas.py).
  kind_label: string;
  volunteer_ids: number[];
}

export type SignupForm = Described<'SignupIn'>;

/** POST /events/{id}/signups and GET /signups/{token}. */
export type SignupAnswer = Answer<'SignupOut'>;

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
  /** The prize quiz handed in here: waiting to be sent (or refused: see its outbox entry), or the server's score. */
  quiz?: { state: 'waiting' } | ({ state: 'scored' } & QuizResult);
}

/** POST /quiz/answers: the server's score, with each question's right answer. */
export type QuizResult = Answer<'QuizResultOut'>;

export type RosterAttendee = Answer<'RosterAttendee'>;

/** A roster row on the phone; `local` is what this device did and has not heard back about. */
/** The prize quiz's fields: absent from a row made on this phone, or kept before the quiz came. */
type QuizFields = 'quiz_score' | 'quiz_total' | 'quiz_passed' | 'prize_at';

export interface LocalAttendee extends Omit<RosterAttendee, 'id' | QuizFields>, Partial<Pick<RosterAttendee, QuizFields>> {
  /** The server's id; null for a walk-in (or an unknown code) registered here and not yet sent. */
  id: number | null;
  local?: { opId: string; at: string; rejected?: string };
  /** The quiz prize handed over here: its outbox entry says whether it waits, was refused, or went (prize-list.tsx). */
  prize?: { opId: string; at: string };
  /** When a code the roster did not know was scanned here: kept after the server answers, to say who it was. */
  scannedAt?: string;
}

export interface StoredRoster {
  eventId: number;
  event: EventInfo;
  cursor: string | null;
  savedAt: number;
  attendees: LocalAttendee[];
}

declare module '../core/db' {
  /** Rosters downloaded to this phone, and the worker's own sign-ups (see core/db.ts). */
  interface Schema {
    rosters: { key: number; value: StoredRoster };
    /** By the id made when they pressed 报名. */
    mine: { key: string; value: MySignup };
  }
}

export type OpType = 'checkin' | 'walkin' | 'signup' | 'prize';

/**
 * One operation exactly as POST /sync receives it (its hash is compared on a replay). Written
 * here: the description types `operations` as free objects (server/sync/schemas.py).
 */
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

/** One operation's answer: fields beyond id and status depend on the answer. */
export interface SyncResult extends Omit<Described<'OperationResult'>, 'status'> {
  id: string;
  status: 'applied' | 'duplicate' | 'rejected' | 'conflict';
}
