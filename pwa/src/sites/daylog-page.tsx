// /log and /s/:code/log: 记工, the worker's own day log, offline (a 'later' row of the route table:
// every phone keeps it, fetched after the first visit, scripts/inject-sw.mjs). The apply form loads
// this module only when it is opened with ?log=1, for the log's attachment (daylog-attach.tsx).
import { useEffect, useState } from 'preact/hooks';
import { Page, Section } from '../core/cells';
import { chinaToday } from '../core/time';
import { Loading } from '../core/ui';
import { type DayLog, type DayLogPhoto, loadLog, logPhotos, saveLog } from './daylog';
import { DayForm } from './daylog-day';
import { MonthView, RateForm } from './daylog-month';
import { Backup, Reminder, useReminder } from './daylog-more';
import { AskConfirm, ScanConfirm } from './daylog-confirm';

export { LogAttachment } from './daylog-attach';

/** Where 「用记工申请」 goes: the apply form, with this log attached (and the site's facts, if any). */
export const applyHref = (siteCode: string | null) => `/aid/apply?${siteCode ? `site=${encodeURIComponent(siteCode)}&` : ''}log=1`;

export function DayLogPage(props: { siteCode: string | null }) {
  const [log, setLog] = useState<DayLog | null>(null);
  const [photos, setPhotos] = useState<DayLogPhoto[]>([]);
  const [date, setDate] = useState(chinaToday());
  const [problem, setProblem] = useState('');
  useEffect(() => {
    void loadLog(props.siteCode).then(async (l) => {
      setLog(l);
      setPhotos(await logPhotos(l.key));
    });
  }, [props.siteCode]);
  useReminder(log);
  if (!log) return <Loading />;
  const keep = (next: DayLog) =>
    saveLog(next).then(
      (saved) => (setLog(saved), setProblem('')),
      (err: Error) => setProblem(err.message || '没能存到手机上（手机存储可能满了）。'),
    );
  const ready = log.entries.length > 0 && !!log.rate;
  return (
    <Page title={props.siteCode ? `记工 · 工地 ${props.siteCode}` : '记工'} back={props.siteCode ? `/s/${props.siteCode}` : '/aid'}>
      <p class="page-desc">自己记出工和收到的钱，只存在这台手机上，没网也能记。你不发出去，谁也看不到。有照片、有工友作证，更有用。</p>
      {problem && <p class="form-error" role="alert">{problem}</p>}
      <DayForm key={date} log={log} keep={keep} photos={photos} setPhotos={setPhotos} date={date} setDate={setDate} />
      <Section id="dl-money" title="工钱和还欠多少">
        <RateForm log={log} keep={keep} />
        <MonthView log={log} pick={setDate} />
        <AskConfirm log={log} />
      </Section>
      {ready ? (
        <a class="btn btn-primary btn-big" href={applyHref(props.siteCode)}>用记工申请法律援助</a>
      ) : (
        <p class="page-desc">记上出工的日子、记下工钱后，可以「用记工申请」：记工表和照片会附在申请里。</p>
      )}
      <Reminder log={log} keep={keep} />
      <Backup log={log} keep={keep} />
      {props.siteCode && <ScanConfirm />}
    </Page>
  );
}
