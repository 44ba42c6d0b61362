// 问一问 on the worker's phone: what is kept (the form being filled in, its recording, what was sent)
// and the server's shapes it reads. Written by hand after server/questions/schemas.py (h22-server), whose
// routes were not yet in core/api-types.ts; to be replaced by core/schemas.ts's generated types once merged.
import type { CaseType } from '../aid/case-types';

/** The question as the person gives it: strings until sent (body.ts makes the request's body). */
export interface Asked {
  case_type: CaseType | '';
  text: string;
  started_on: string;
  left_on: string;
  injured_on: string;
  city: string;
  district: string;
  site_division: string;
  site_code: string;
  phone: string;
  consent_privacy: boolean;
  consent_sensitive: boolean;
}

/** The form being filled in (one at a time); `id` becomes the question's Idempotency-Key at 发送. */
export interface QuestionDraft {
  id: string;
  asked: Asked;
  updatedAt: number;
  /** Reopened from 待发送 to correct what the server refused: its reason. */
  fixing?: string;
}

/** A recording kept on the phone until the server confirmed the question; `id` is the clip's client id. */
export interface QuestionClip {
  id: string;
  /** The question (draft or outbox entry) it belongs to. */
  ownerId: string;
  blob: Blob;
  mime: string;
  durationMs: number;
  createdAt: number;
}

/** A question in the outbox: the answers, the photos' ids and labels, the recording's id. */
export interface QuestionPayload {
  asked: Asked;
  photos: { id: string; label: string }[];
  clip: { id: string; mime: string; durationMs: number } | null;
}

/** 再问一句 in the outbox (the same `question` sender): the thread's code and phone, the words, the recording. */
export interface FollowUpPayload {
  followUp: { code: string; phone: string; text: string };
  clip: { id: string; mime: string; durationMs: number } | null;
}

/** What the `question` sender carries: a question, or a follow-up in a thread. */
export type AskedPayload = QuestionPayload | FollowUpPayload;

/** What stays on the phone once the server has the question: its code, no recording, no full phone number. */
export interface QuestionSent {
  id: string;
  code: string;
  codeDisplay: string;
  caseType: string;
  phoneMasked: string;
  sentAt: number;
}

/** POST /questions body (the contract's field names). */
export interface QuestionBody {
  text: string;
  audio_id: string | null;
  upload_ids: string[];
  case_type: string;
  started_on: string | null;
  left_on: string | null;
  injured_on: string | null;
  city: string;
  district: string;
  site_division: string;
  site_code: string;
  phone: string;
  consent_privacy: true;
  consent_sensitive: true;
}

/** 201 of POST /questions. */
export interface QuestionCreated {
  id: number;
  code: string;
  code_display: string;
  status: string;
  status_label: string;
  created_at: string;
}

export type NextStep = 'apply_aid' | 'call_12333' | 'arbitration' | 'collect_evidence' | 'visit_office' | 'none';

export interface ThreadMessage {
  id: number;
  author: 'asker' | 'answerer';
  text: string;
  audio_id: string | null;
  duration_ms: number | null;
  cards: { slug: string; title: string }[];
  next_step: NextStep | null;
  next_step_label: string | null;
  created_at: string;
}

export interface Offer {
  case_type: string;
  started_on: string | null;
  left_on: string | null;
  injured_on: string | null;
  city: string;
  district: string;
  site_division: string;
  /** The worker's own words, for the application's account. */
  account?: string;
  /** limitation | injury_recognition | first_aid | means_test; severity ok | urgent | overdue | unknown. */
  checks: { kind: string; label: string; due_on: string | null; severity: string }[];
}

/** POST /questions/track: the thread, as the asker sees it. */
export interface Thread {
  id: number;
  code: string;
  code_display: string;
  status: string;
  status_label: string;
  case_type: string;
  created_at: string;
  answered_at: string | null;
  messages: ThreadMessage[];
  offer: Offer | null;
  application_code: string | null;
}

/** One row of GET /me/questions. */
export interface MyQuestion {
  code: string;
  code_display: string;
  status: string;
  status_label: string;
  created_at: string;
  answered_at?: string | null;
  first_words: string;
}

declare module '../core/db' {
  interface Schema {
    questionClips: { key: string; value: QuestionClip; indexes: { owner: string } };
    questionSent: { key: string; value: QuestionSent };
  }
}
