// What legal aid keeps on the phone, and the shapes of the server's answers it reads.
import type { Answer } from '../core/schemas';
import type { Answers } from './answers';

/** The form being filled in (one at a time), from the first key; `id` is the application's client id. */
export interface AidDraft {
  id: string;
  step: number;
  answers: Answers;
  updatedAt: number;
  /** Reopened from 待发送 to correct what the server refused: its reason. */
  fixing?: string;
  /** And what it said about each field (the form's names), shown beside the field until it is changed. */
  fixErrors?: Record<string, string>;
}

/** One evidence photo, shrunk on the phone; `id` is the upload's client id. */
export interface AidPhoto {
  id: string;
  /** The application it belongs to (the draft's id, which the outbox entry keeps). */
  draftId: string;
  blob: Blob;
  width: number;
  height: number;
  label: string;
  createdAt: number;
}

/** What stays on the phone once the server has the application: no ID number, no photos. */
export interface AidSent {
  id: string;
  code: string;
  codeDisplay: string;
  caseType: string;
  phoneMasked: string;
  /** Filed for a worker (on a volunteer's phone): whose code it is, the name masked ("孙*"). */
  applicant?: string;
  evidenceCount: number;
  sentAt: number;
  /** The stage 查进度 last gave, and when. */
  stageLabel?: string;
  checkedAt?: number;
}

/** An application in the outbox: the answers, its photos' ids and labels, and who filled it in. */
export interface AidPayload {
  answers: Answers;
  photos: { id: string; label: string }[];
  onBehalf: boolean;
  /** When the server refused it: what it said about each field (its `errors.json`), kept with the refusal. */
  serverErrors?: Record<string, unknown>;
}

export type Created = Answer<'ApplicationCreated'>;
export type Tracked = Answer<'TrackOut'>;

declare module '../core/db' {
  interface Schema {
    aidDrafts: { key: string; value: AidDraft };
    aidPhotos: { key: string; value: AidPhoto; indexes: { draft: string } };
    aidSent: { key: string; value: AidSent };
  }
}
