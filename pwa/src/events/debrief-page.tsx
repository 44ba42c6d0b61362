// 活动小结, for the event's volunteers: the four things every event brings back (四个带回) and
// the figures the office reports. Typed at the gate, often with no signal, so every keystroke is
// kept on the phone as a draft until the server has the report.
import { useEffect, useState } from 'preact/hooks';
import { httpError, OfflineError, errorText } from '../core/api';
import { authFetch, useMe } from '../accounts/auth';
import { readKv, writeKv } from '../core/db';
import { showToast } from '../core/store';
import { FormEnd, Loading, PageHeader, useTitle } from '../core/ui';

interface Report {
  worry: string;
  urgent_problem: string;
  service_suggestion: string;
  next_event_suggestion: string;
  people_reached: string;
  leaflets_given: string;
}

const EMPTY: Report = { worry: '', urgent_problem: '', service_suggestion: '', next_event_suggestion: '', people_reached: '', leaflets_given: '' };

const BRINGS: { key: keyof Report; label: string; hint: string }[] = [
  { key: 'worry', label: '带回一：工友最操心的一件事', hint: '例如：怕年底拿不到工资' },
  { key: 'urgent_problem', label: '带回二：急需解决的问题', hint: '例如：3 号楼班组欠薪两个月，包工头联系不上' },
  { key: 'service_suggestion', label: '带回三：对我们服务的建议', hint: '例如：希望晚上下班后来' },
  { key: 'next_event_suggestion', label: '带回四：对下次活动的建议', hint: '例如：多讲讲工伤怎么认定' },
];

const COUNT = /^\d{1,6}$/;

function draftKey(id: number): string {
  return `report-draft-${id}`;
}

/** What the server has, as the form's strings; an empty form when there is none yet. */
async function loadSent(id: number): Promise<Report> {
  const res = await authFetch(`/api/v1/events/${id}/report`, { headers: { Accept: 'application/json' } });
  if (res.status === 404) return EMPTY;
  if (!res.ok) throw await httpError(res);
  const r = await res.json();
  return { ...EMPTY, ...Object.fromEntries(Object.keys(EMPTY).map((k) => [k, String(r[k] ?? '')])) } as Report;
}

export function ReportPage(props: { id: number }) {
  useTitle('活动小结');
  const me = useMe();
  const [r, setR] = useState<Report | null>(null);
  const [unsent, setUnsent] = useState(false);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  useEffect(() => {
    let live = true;
    (async () => {
      const draft = await readKv<Report | null>(draftKey(props.id));
      if (draft?.value) {
        if (live) {
          setR(draft.value);
          setUnsent(true);
        }
        return;
      }
      let sent = EMPTY;
      try {
        sent = await loadSent(props.id);
      } catch {
        /* offline or not allowed: start from an empty form; sending will say why if it fails */
      }
      if (live) setR(sent);
    })();
    return () => {
      live = false;
    };
  }, [props.id]);

  if (!me) {
    return (
      <div class="page">
        <PageHeader title="活动小结" back={`/checkin/${props.id}`} />
        <div class="msg">
          <p>写活动小结要先用志愿者账号登录。</p>
          <a class="btn btn-primary" href="/me">
            去「我的」登录
          </a>
        </div>
      </div>
    );
  }
  if (!r) return <Loading />;

  const set = (key: keyof Report, value: string) => {
    const next = { ...r, [key]: value };
    setR(next);
    setUnsent(true);
    void writeKv(draftKey(props.id), next);
  };
  const countError = (v: string) => (tried && v !== '' && !COUNT.test(v) ? '请填写整数，没有就填 0。' : '');

  return (
    <div class="page">
      <PageHeader title="活动小结" back={`/checkin/${props.id}`} />
      <form
        class="form"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          setTried(true);
          setError('');
          if ([r.people_reached, r.leaflets_given].some((v) => v !== '' && !COUNT.test(v))) return;
          setBusy(true);
          try {
            const res = await authFetch(`/api/v1/events/${props.id}/report`, {
              method: 'POST',
              headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
              body: JSON.stringify({ ...r, people_reached: Number(r.people_reached || 0), leaflets_given: Number(r.leaflets_given || 0) }),
            });
            if (!res.ok) throw await httpError(res);
            await writeKv(draftKey(props.id), null);
            setUnsent(false);
            showToast('小结已提交');
          } catch (err) {
            setError(err instanceof OfflineError ? '现在没有网络。小结已存在手机上，有信号后再点「提交小结」。' : errorText(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        <p class="page-desc" role="status">
          {unsent ? '还没提交：写的内容已存在手机上，不会丢。' : '每场活动带回四件事，再填上人数和发出的资料。'}
        </p>
        <ul class="cells">
          {BRINGS.map((b) => (
            <li key={b.key} class="cell field field-area">
              <label for={`rp-${b.key}`}>{b.label}</label>
              <textarea id={`rp-${b.key}`} rows={3} maxLength={2000} placeholder={b.hint} value={r[b.key]} onInput={(e) => set(b.key, (e.target as HTMLTextAreaElement).value)} />
            </li>
          ))}
          {([['people_reached', '来了多少工友（人）'], ['leaflets_given', '发出多少份资料（份）']] as const).map(([key, label]) => (
            <li key={key} class="cell field field-area">
              <label for={`rp-${key}`}>{label}</label>
              <input
                id={`rp-${key}`}
                type="text"
                inputMode="numeric"
                autoComplete="off"
                value={r[key]}
                aria-invalid={countError(r[key]) ? true : undefined}
                aria-describedby={countError(r[key]) ? `rp-${key}-error` : undefined}
                onInput={(e) => set(key, (e.target as HTMLInputElement).value.trim())}
              />
              {countError(r[key]) && (
                <span class="field-error" id={`rp-${key}-error`}>
                  {countError(r[key])}
                </span>
              )}
            </li>
          ))}
        </ul>
        <FormEnd error={error} submit={busy ? '正在提交…' : '提交小结'} disabled={busy} note="再次提交会替换上一次的小结。" />
      </form>
    </div>
  );
}
