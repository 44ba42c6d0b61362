// The state of the legal-aid form (/aid/apply): the draft on the phone, its photos, the errors of
// the screen shown, and the moves between screens (each screen a history entry, so the phone's back
// button steps back through them), 提交 and 重新开始. The page and its screens only show it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useMe } from '../accounts/auth';
import { markScreen, navigate, pushScreen, screenState } from '../core/router';
import { isCaseType } from './case-types';
import type { Answers, Errors } from './answers';
import { firstProblem, STEPS, stepErrors, stepOfField, type StepId } from './rules';
import { currentDraft, discardDraft, newDraft, photosOf, saveDraft } from './draft';
import { reopen, submit } from './store';
import type { AidDraft, AidPhoto } from './types';

/** What a link may fill in (a card's 怎么申请: type; a site's QR code: employer and site). */
function prefill(params: URLSearchParams): Partial<Answers> {
  const p: Partial<Answers> = {};
  const type = params.get('type');
  if (isCaseType(type)) p.case_type = type;
  const employer = params.get('employer');
  if (employer) p.employer_name = employer.slice(0, 120);
  const site = params.get('site');
  if (site && !SITE_CODE.test(site)) p.site = site.slice(0, 120);
  return p;
}

/** A site's board code (?site=ACD3-4EFG): its facts fill the form (sites/site-store.ts's sitePrefill, loaded only then). */
const SITE_CODE = /^[3-9A-Y]{4}-?[3-9A-Y]{4}$/i;
const fromBoard = (code: string | null): Promise<Partial<Answers>> =>
  code && SITE_CODE.test(code) ? import('../sites/site-store').then((m) => m.sitePrefill(code), () => ({})) : Promise.resolve({});

/** Fill what the link brings only where the draft has nothing yet. */
function withPrefill(d: AidDraft, p: Partial<Answers>): AidDraft {
  const answers = { ...d.answers };
  let changed = false;
  for (const [k, v] of Object.entries(p) as [keyof Answers, string][]) {
    if (!answers[k]) {
      (answers as unknown as Record<string, unknown>)[k] = v;
      changed = true;
    }
  }
  return changed ? { ...d, answers } : d;
}

/** The server's reasons from the refusal being corrected, each beside its field until that field changes. */
function unfix(d: AidDraft, keys: string[]): AidDraft {
  if (!d.fixErrors || !keys.some((k) => k in d.fixErrors!)) return d;
  const fixErrors = { ...d.fixErrors };
  for (const k of keys) delete fixErrors[k];
  return { ...d, fixErrors };
}

/** The draft, loaded (or started) once, and where it was left in the history: the phone's back button. */
function useDraft(params: URLSearchParams, reset: () => void) {
  const [draft, setDraft] = useState<AidDraft | null>(null);
  const [photos, setPhotos] = useState<AidPhoto[]>([]);
  /** The form was left part-filled before: it opens where it was, with a way to start afresh. */
  const [resumed, setResumed] = useState(false);
  useEffect(() => {
    void (async () => {
      const fix = params.get('fix');
      const had = (fix && (await reopen(fix))) || (await currentDraft());
      const d = withPrefill(had || newDraft(), { ...prefill(params), ...(await fromBoard(params.get('site'))) });
      if (had && d !== had) void saveDraft(d);
      setResumed(!!had && !had.fixing);
      setDraft(d);
      setPhotos(await photosOf(d.id));
    })();
  }, []);

  // Each screen is a history entry (go below): the phone's back button steps back through them.
  const current = useRef<AidDraft | null>(null);
  current.current = draft;
  useEffect(() => {
    if (draft) markScreen({ aidDraft: draft.id, aidStep: draft.step });
  }, [draft?.id]);
  useEffect(() => {
    const onPop = () => {
      const d = current.current;
      const st = screenState();
      if (!d || st.aidDraft !== d.id || typeof st.aidStep !== 'number' || st.aidStep === d.step) return;
      reset();
      const back = { ...d, step: Math.max(0, Math.min(STEPS.length - 1, st.aidStep)) };
      setDraft(back);
      void saveDraft(back);
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  return { draft, setDraft, photos, setPhotos, resumed, setResumed };
}

/**
 * The form's errors and moves over the draft (useDraft). Over 80 lines as one hook on purpose: each
 * move (set, go, back, next, send, restart) reads and writes the same draft and errors.
 */
export function useApply(params: URLSearchParams) {
  const me = useMe();
  const onBehalf = !!me && me.role !== 'worker';
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const { draft, setDraft, photos, setPhotos, resumed, setResumed } = useDraft(params, () => {
    setErrors({});
    setProblem('');
  });
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (draft) heading.current?.focus({ preventScroll: true });
  }, [draft?.step]);
  if (!draft) return null;

  const a = draft.answers;
  const stepId: StepId = STEPS[draft.step].id;
  const keep = (next: AidDraft) => {
    setDraft(next);
    void saveDraft(next);
  };
  const set = (patch: Partial<Answers>) => {
    const keys = Object.keys(patch);
    if ('coworkers' in patch) keys.push(...Object.keys(draft.fixErrors || {}).filter((k) => k.startsWith('coworker')));
    keep(unfix({ ...draft, answers: { ...draft.answers, ...patch } }, keys));
    const cleared = { ...errors };
    for (const k of keys) delete cleared[k];
    setErrors(cleared);
  };
  const go = (step: number, opts: { errors?: Errors } = {}) => {
    const to = Math.max(0, Math.min(STEPS.length - 1, step));
    setErrors(opts.errors || {});
    setProblem('');
    if (to !== draft.step) pushScreen({ aidDraft: draft.id, aidStep: to, aidFrom: draft.step });
    keep({ ...draft, step: to });
    window.scrollTo(0, 0);
  };
  const back = () => {
    const st = screenState();
    // The screen before is the history entry before: the same as the phone's back button.
    if (st.aidDraft === draft.id && st.aidStep === draft.step && st.aidFrom === draft.step - 1) history.back();
    else go(draft.step - 1);
  };
  const next = () => {
    const e = stepErrors(stepId, a, { onBehalf });
    if (Object.keys(e).length) {
      setErrors(e);
      return;
    }
    go(draft.step + 1);
  };
  const send = async () => {
    const p = firstProblem(a, { onBehalf });
    if (p) {
      go(p.step, { errors: p.errors });
      return;
    }
    setBusy(true);
    const kept = await submit(draft);
    setBusy(false);
    if (kept === 'queued') navigate(`/aid/sent/${draft.id}`, { replace: true });
    else setProblem('没能存到手机上（手机存储可能满了）。请清理一下手机空间再提交，填过的内容还在。');
  };
  const restart = async () => {
    if (!confirm('确定不要已经填的内容，重新开始吗？')) return;
    await discardDraft(draft.id);
    setDraft(newDraft(prefill(params)));
    setPhotos([]);
    setResumed(false);
  };
  const shown: Errors = { ...(draft.fixErrors || {}), ...errors };
  return {
    draft,
    a,
    stepId,
    onBehalf,
    heading,
    busy,
    problem,
    setProblem,
    resumed,
    restart,
    photos,
    /** The photos changed: the server's word about them is answered. */
    setPhotos: (p: AidPhoto[]) => {
      setPhotos(p);
      if (draft.fixErrors?.photos) keep(unfix(draft, ['photos']));
    },
    /** The errors shown: the server's from the refusal being corrected, then this phone's. */
    errors: shown,
    /** How many of them are on this screen. */
    here: Object.keys(shown).filter((k) => shown[k] && stepOfField(k) === draft.step).length,
    set,
    go,
    back,
    /** The form's button: the next screen, or on the last one 提交. */
    submit: () => (stepId === 'review' ? void send() : next()),
  };
}

export type Apply = NonNullable<ReturnType<typeof useApply>>;
