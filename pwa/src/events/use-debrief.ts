// The state of the debrief form (debrief-page.tsx): what it starts from (the draft being typed, else
// the one in the outbox, else the server's), what became of it (draft, queued, refused, sent), and
// the moves: a keystroke kept as a draft, 提交 into the outbox.
import { useEffect, useState } from 'preact/hooks';
import { authFetch } from '../accounts/auth';
import { httpError } from '../core/api';
import { writeKv } from '../core/db';
import { typedCount } from '../core/digits';
import { flush } from '../core/outbox';
import { isOffline, useStore } from '../core/store';
import { useLoad } from '../core/ui';
import { draftKey, EMPTY_DEBRIEF, queuedDebrief, readDraft, submitDebrief, type Debrief } from './debrief';
import { eventForVolunteer } from './roster';

/** What the server has, as the form's strings; an empty form when there is none yet. */
async function loadSent(id: number): Promise<Debrief> {
  const res = await authFetch(`/api/v1/events/${id}/report`, { headers: { Accept: 'application/json' } });
  if (res.status === 404) return EMPTY_DEBRIEF;
  if (!res.ok) throw await httpError(res);
  const r = await res.json();
  return { ...EMPTY_DEBRIEF, ...Object.fromEntries(Object.keys(EMPTY_DEBRIEF).map((k) => [k, String(r[k] ?? '')])) } as Debrief;
}

export type Sent = 'draft' | 'queued' | 'rejected' | 'sent' | 'server';

export function useDebrief(id: number) {
  const st = useStore();
  const ev = useLoad(() => eventForVolunteer(id), [id]);
  const [r, setR] = useState<Debrief | null>(null);
  const [sent, setSent] = useState<Sent>('server');
  const [rejection, setRejection] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);

  // What the form starts from: the draft being typed, else the one in the outbox, else the server's.
  useEffect(() => {
    let live = true;
    (async () => {
      const draft = await readDraft(id);
      const queued = await queuedDebrief(id);
      let from: Debrief = EMPTY_DEBRIEF;
      let now: Sent = 'server';
      if (draft) [from, now] = [draft, 'draft'];
      else if (queued) [from, now] = [queued.payload.report, queued.state === 'rejected' ? 'rejected' : 'queued'];
      else from = await loadSent(id).catch(() => EMPTY_DEBRIEF); // offline or not allowed: sending will say why
      if (!live) return;
      setR((had) => had || from);
      setSent(now);
      setRejection(queued?.message || '');
    })();
    return () => {
      live = false;
    };
  }, [id]);

  // The outbox sent it (back online) or the server refused it: say so where it was written.
  useEffect(() => {
    if (sent !== 'queued') return;
    void queuedDebrief(id).then((q) => {
      if (!q) setSent('sent');
      else if (q.state === 'rejected') {
        setSent('rejected');
        setRejection(q.message || '');
      }
    });
  }, [st.outbox.version, sent]);

  const set = (key: keyof Debrief, value: string) => {
    const next = { ...r!, [key]: value };
    setR(next);
    setSent('draft');
    void writeKv(draftKey(id), next);
  };
  const countError = (v: string) => (tried && v !== '' && typedCount(v) === null ? '请填写整数，没有就填 0。' : '');

  const submit = async (e: Event) => {
    e.preventDefault();
    setTried(true);
    if (!r || [r.people_reached, r.leaflets_given].some((v) => v !== '' && typedCount(v) === null)) return;
    setBusy(true);
    const kept = await submitDebrief(id, ev.data?.title || `活动 ${id}`, r);
    if (kept === 'queued') {
      setSent('queued');
      if (!isOffline()) await flush();
    } else {
      setRejection('这个浏览器存不下小结（可能是无痕模式），请换个浏览器再试。');
      setSent('rejected');
    }
    setBusy(false);
  };

  return { ev, r, sent, rejection, busy, set, countError, submit };
}
