// The state of one event's check-in screen: the event, the roster on the phone, what of this
// event waits in the outbox, the last result, and the actions (scan, pick, walk in, update the
// roster). The page and its parts only show it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorText, OfflineError } from '../core/api';
import { listEntries } from '../core/outbox';
import { isOffline, useStore } from '../core/store';
import { shortDateTime } from '../core/time';
import { useLoad } from '../core/ui';
import { checkIn, downloadRoster, eventForVolunteer, readRoster, walkIn, type CheckinOutcome, type WalkIn } from './roster';
import { eventGroup, rosterSize, scannedUnknown } from './roster-store';
import type { LocalAttendee } from './types';

declare global {
  interface Window {
    /** The scan handler of the open check-in page: the camera, a hand-held scanner or a test feed it. */
    gyScanner?: { onScanned: (text: string) => Promise<CheckinOutcome> };
  }
}

export type Act = (fn: () => Promise<CheckinOutcome>) => Promise<CheckinOutcome>;

export function useCheckin(eventId: number) {
  const st = useStore();
  const ev = useLoad(() => eventForVolunteer(eventId), [eventId]);
  const roster = useLoad(() => readRoster(eventId), [eventId, st.outbox.version]);
  const queued = useLoad(listEntries, [st.outbox.version]);
  const [downloading, setDownloading] = useState(false);
  const [downloadNote, setDownloadNote] = useState('');
  const [last, setLast] = useState<CheckinOutcome | null>(null);

  // Every check-in waits for the one before it, so quick scans of the same code count once.
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const act: Act = (fn) => {
    const next = chain.current.then(fn, fn);
    chain.current = next;
    return next.then((r) => {
      setLast(r);
      return r;
    });
  };
  const onScanned = (text: string) => act(() => checkIn(eventId, { scanned: text }));
  useEffect(() => {
    window.gyScanner = { onScanned };
    return () => {
      if (window.gyScanner?.onScanned === onScanned) delete window.gyScanner;
    };
  });

  const refresh = async (): Promise<void> => {
    if (!ev.data) return;
    await downloadRoster(ev.data);
    roster.retry();
  };

  // With signal, what other volunteers did since the last download joins the count by itself.
  useEffect(() => {
    if (ev.data && !isOffline()) void readRoster(eventId).then((had) => had && refresh().catch(() => undefined));
  }, [ev.data]);

  // A scanned code the server has just confirmed: the roster's changes bring the person's name.
  const unnamed = scannedUnknown(roster.data).filter((a) => a.id !== null && !a.name).length;
  useEffect(() => {
    if (unnamed && !isOffline()) void refresh().catch(() => undefined);
  }, [unnamed, st.online]);

  const download = async () => {
    if (!ev.data) return;
    setDownloading(true);
    setDownloadNote('');
    const had = roster.data;
    try {
      const { roster: r, changed } = await downloadRoster(ev.data);
      const size = rosterSize(r);
      setDownloadNote(`名单已存到手机上：共 ${size} 人${changed && size !== changed ? `，这次更新了 ${changed} 人` : ''}。`);
      roster.retry();
    } catch (err) {
      setDownloadNote(
        err instanceof OfflineError && had
          ? `没有网络，用的是 ${shortDateTime(had.savedAt)} 存的名单。`
          : `名单没下载成功：${err instanceof OfflineError ? '没有网络，联网后再下载。' : errorText(err)}`,
      );
    } finally {
      setDownloading(false);
    }
  };

  const here = (queued.data || []).filter((e) => e.group === eventGroup(eventId));
  const waitingHere = here.filter((e) => e.state === 'waiting').length;
  return {
    ev,
    roster: roster.data,
    waitingHere,
    rejectedHere: here.length - waitingHere,
    downloading,
    downloadNote,
    download,
    last,
    act,
    onScanned,
    pick: (a: LocalAttendee) => act(() => checkIn(eventId, { row: a })),
    walkIn: (form: WalkIn, anyway = false) => act(() => walkIn(eventId, form, anyway)),
  };
}

export type Checkin = ReturnType<typeof useCheckin>;
