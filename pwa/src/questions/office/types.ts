// The answerers' shapes of /api/v1/questions: the server's description (core/api-types.ts, `npm run api-types`),
// with the words the server documents as free strings narrowed to the values it sends.
import type { Answer, Described } from '../../core/schemas';

export type AgeState = 'on_time' | 'due_soon' | 'overdue';
export type Channel = 'app_text' | 'app_voice' | 'hotline' | 'walk_in' | 'event';
export type QuestionStatus = 'open' | 'claimed' | 'answered' | 'closed' | 'moderated';
export type NextStep = Described<'AnswerIn'>['next_step'];
export type Verdict = Described<'ModerateIn'>['verdict'];

/** A date the question's own dates make urgent (the case clocks' limitation or 工伤认定 year). */
export type Urgent = Answer<'UrgentOut'>;

/** A row of the queue. */
export type QuestionRow = Answer<'RowOut'> & { age_state: AgeState; channel: Channel; status: QuestionStatus };

export interface QuestionList {
  items: QuestionRow[];
  total: number;
  page: number;
  page_size: number;
}

export type CardRef = Answer<'CardRef'>;

/** One message of the thread: the asker's question or follow-up, or an answer. */
export type Message = Answer<'MessageOut'> & { author: 'asker' | 'answerer'; author_name?: string | null };

export type Check = Answer<'CheckOut'>;

/** The application draft 「转为法律援助申请」 made, with the checks it ran on its dates. */
export type Offer = Answer<'OfferOut'>;

/** One question as its answerers see it (GET /questions/{id}; every move answers with it too). */
export type QuestionView = Omit<Answer<'FullOut'>, 'offer' | 'messages' | 'verdict'> &
  QuestionRow & {
    messages: Message[];
    offer: Offer | null;
    /** '' until marked. */
    verdict: Verdict | '';
    /** Who holds the claim (not sent by the server yet: then its name is compared). */
    claimed_by_id?: number | null;
    /** The question's own clip, when the server sends it apart from the first message. */
    audio_id?: string | null;
    photos?: { id: string; label?: string; url: string; thumbnail_url: string }[];
  };

export type AnswerIn = Described<'AnswerIn'>;

/** 咨询登记: a consultation that came by phone, at the office's door or at an event. */
export type LoggedIn = Described<'LoggedIn'>;
