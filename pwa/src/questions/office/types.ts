// The answerers' shapes of /api/v1/questions, as docs Q22 (the helpers' contract) names them. Local until the
// server's description is merged; then these become Answer<'…'> of core/api-types.ts (`npm run api-types`).

export type AgeState = 'on_time' | 'due_soon' | 'overdue';
export type Channel = 'app_text' | 'app_voice' | 'hotline' | 'walk_in' | 'event';
export type QuestionStatus = 'open' | 'claimed' | 'answered' | 'closed' | 'moderated';
export type NextStep = 'apply_aid' | 'call_12333' | 'arbitration' | 'collect_evidence' | 'visit_office' | 'none';
export type Verdict = 'not_legal' | 'spam' | 'abusive';

/** A date the question's own dates make urgent (the case clocks' limitation or 工伤认定 year). */
export interface Urgent {
  kind: string;
  label: string;
  due_on: string | null;
}

/** A row of the queue. */
export interface QuestionRow {
  id: number;
  code_display: string;
  case_type: string;
  case_type_label: string;
  channel: Channel;
  channel_label?: string;
  status: QuestionStatus;
  status_label: string;
  first_words: string;
  has_audio: boolean;
  phone_masked: string | null;
  created_at: string;
  due_at: string;
  age_state: AgeState;
  urgent: Urgent[];
  claimed_by_name: string | null;
  claim_expires_at: string | null;
  office_name: string | null;
}

export interface QuestionList {
  items: QuestionRow[];
  total: number;
  page: number;
  page_size: number;
}

export interface CardRef {
  slug: string;
  title: string;
}

/** One message of the thread: the asker's question or follow-up, or an answer. */
export interface Message {
  id: number;
  author: 'asker' | 'answerer';
  author_name?: string | null;
  text: string;
  audio_id: string | null;
  duration_ms: number | null;
  cards: CardRef[];
  next_step: NextStep | null;
  next_step_label: string | null;
  created_at: string;
}

export interface Check {
  kind: string;
  label: string;
  due_on: string | null;
  severity: string;
}

/** The application draft 「转为法律援助申请」 made, with the checks it ran on its dates. */
export interface Offer {
  case_type: string;
  started_on: string | null;
  left_on: string | null;
  injured_on: string | null;
  city: string;
  district: string;
  site_division: string;
  checks: Check[];
}

/** One question as its answerers see it (GET /questions/{id}; every move answers with it too). */
export interface QuestionView extends QuestionRow {
  code?: string;
  text: string;
  audio_id?: string | null;
  audio_ids?: string[];
  upload_ids?: string[];
  photos?: { id: string; label?: string; url: string; thumbnail_url: string }[];
  messages: Message[];
  started_on: string | null;
  left_on: string | null;
  injured_on: string | null;
  city: string | null;
  district: string | null;
  /** Who holds the claim (not sent yet by the server: then its name is compared). */
  claimed_by_id?: number | null;
  offer: Offer | null;
  application_code: string | null;
  /** '' until marked. */
  verdict: Verdict | '';
  verdict_reason: string;
}

export interface AnswerIn {
  text: string;
  audio_id: string | null;
  card_slugs: string[];
  next_step: NextStep;
  offer_application: boolean;
}

/** 咨询登记: a consultation that came by phone, at the office's door or at an event. */
export interface LoggedIn {
  channel: 'hotline' | 'walk_in' | 'event';
  case_type: string;
  text: string;
  phone?: string;
  event_id?: number;
  started_on?: string | null;
  left_on?: string | null;
  injured_on?: string | null;
  answered: boolean;
  answer_text: string;
}
