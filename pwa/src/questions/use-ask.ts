// The state of /ask: the question on the phone (draft.ts, written at every key), its photos and
// recording, the errors beside the fields, and 发送 (store.ts: into the outbox, sent when there is signal).
import { useEffect, useState } from 'preact/hooks';
import { isCaseType } from '../aid/case-types';
import { photosOf } from '../aid/draft';
import type { AidPhoto } from '../aid/types';
import { navigate } from '../core/router';
import { askProblems, type AskErrors } from './checks';
import { currentQuestion, newQuestion, saveQuestion } from './draft';
import { reopenQuestion, sendQuestion } from './store';
import type { Asked, QuestionDraft } from './types';

/** What a link may fill in: the kind of case (a card's end: ?type=wages), the site (its page: ?site=ACD34EFG). */
function prefill(params: URLSearchParams): Partial<Asked> {
  const type = params.get('type');
  const site = (params.get('site') || '').toUpperCase().replace(/[^0-9A-Z]/g, '').slice(0, 8);
  return { ...(isCaseType(type) ? { case_type: type } : {}), ...(site ? { site_code: site } : {}) };
}

/** A question already begun keeps what it has; a link fills in only what it left empty. */
function fillEmpty(asked: Asked, p: Partial<Asked>): Asked {
  const empty = Object.fromEntries(Object.entries(p).filter(([k]) => !asked[k as keyof Asked]));
  return { ...asked, ...empty };
}

export function useAsk(params: URLSearchParams) {
  const [draft, setDraft] = useState<QuestionDraft | null>(null);
  const [photos, setPhotos] = useState<AidPhoto[]>([]);
  const [errors, setErrors] = useState<AskErrors>({});
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void (async () => {
      const fix = params.get('fix');
      const had = (fix && (await reopenQuestion(fix))) || (await currentQuestion());
      const p = prefill(params);
      const d = had ? { ...had, asked: fillEmpty(had.asked, p) } : newQuestion(p);
      setDraft(d);
      setPhotos(await photosOf(d.id));
    })();
  }, []);
  if (!draft) return null;

  const set = (patch: Partial<Asked>) => {
    const next = { ...draft, asked: { ...draft.asked, ...patch } };
    setDraft(next);
    void saveQuestion(next);
    const cleared = { ...errors };
    for (const k of Object.keys(patch)) delete cleared[k as keyof AskErrors];
    setErrors(cleared);
  };
  const send = async (hasClip: boolean) => {
    const e = askProblems(draft.asked, hasClip);
    setErrors(e);
    setProblem('');
    if (Object.keys(e).length) {
      setProblem(`有 ${Object.keys(e).length} 处要改一下，看红字。`);
      return;
    }
    setBusy(true);
    await saveQuestion(draft);
    const kept = await sendQuestion(draft);
    setBusy(false);
    if (kept === 'queued') navigate(`/ask/sent/${draft.id}`, { replace: true });
    else setProblem('没能存到手机上（手机存储可能满了）。请清理一下手机空间再发送，写过的内容还在。');
  };
  return {
    draft, a: draft.asked, set, photos, errors, problem, setProblem, busy, send,
    /** Photos kept under the draft's id: the draft is kept too, so a reload finds them. */
    setPhotos: (p: AidPhoto[]) => {
      setPhotos(p);
      void saveQuestion(draft);
    },
    /** A recording was kept (or dropped) under the draft's id: keep the draft, and the words are no longer missing. */
    voiced: () => {
      void saveQuestion(draft);
      setErrors((e) => ({ ...e, text: undefined }));
    },
  };
}

export type Ask = NonNullable<ReturnType<typeof useAsk>>;
