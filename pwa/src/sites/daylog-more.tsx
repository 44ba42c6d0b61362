// The log's extras: a reminder the worker can switch on (honest about what a phone's browser allows),
// and a backup to the server for a worker signed in by phone code, restored on a new phone.
import { useEffect, useState } from 'preact/hooks';
import { useMe } from '../accounts/auth';
import { errorText } from '../core/api';
import { chinaToday } from '../core/time';
import { backUp, type DayLog, restore } from './daylog';

const HOUR = '19:00';
const canNotify = () => typeof Notification !== 'undefined';

/** While the app is open: at the hour, if today is not logged yet, one notification. */
export function useReminder(log: DayLog | null): void {
  useEffect(() => {
    if (!log?.reminder || !canNotify() || Notification.permission !== 'granted') return;
    const [h, m] = log.reminder.split(':').map(Number);
    const at = new Date();
    at.setHours(h, m, 0, 0);
    const wait = at.getTime() - Date.now();
    if (wait < 0 || log.entries.some((e) => e.date === chinaToday())) return;
    const t = setTimeout(() => new Notification('记工', { body: '今天干活了吗？点开记一下。', tag: 'daylog' }), wait);
    return () => clearTimeout(t);
  }, [log]);
}

export function Reminder(props: { log: DayLog; keep: (l: DayLog) => Promise<void> }) {
  const [said, setSaid] = useState('');
  const on = !!props.log.reminder;
  const toggle = async () => {
    if (on) return props.keep({ ...props.log, reminder: undefined }).then(() => setSaid('提醒已关掉。'));
    if (!canNotify()) return setSaid('这个浏览器不能发提醒。可以在手机上自己定一个每天的闹钟。');
    const allowed = (await Notification.requestPermission()) === 'granted';
    if (!allowed) return setSaid('你没有允许提醒（可以在浏览器设置里打开）。');
    await props.keep({ ...props.log, reminder: HOUR });
    setSaid(`已打开：每天 ${HOUR} 如果还没记，会提醒你。`);
  };
  return (
    <section>
      <h2 class="cells-title">每天提醒</h2>
      <p class="page-desc">说实话：手机浏览器只有在这个应用开着（或在后台没被关掉）时才能提醒；关掉以后不会响。要更稳，可以在手机上定个闹钟。</p>
      <button type="button" class="btn btn-default" aria-pressed={on} onClick={() => void toggle()}>
        {on ? `关掉提醒（现在每天 ${props.log.reminder}）` : '打开每天提醒'}
      </button>
      <p class="page-desc" role="status">{said}</p>
    </section>
  );
}

export function Backup(props: { log: DayLog; keep: (l: DayLog) => Promise<void> }) {
  const me = useMe();
  const [said, setSaid] = useState('');
  if (me?.role !== 'worker') {
    return <p class="page-desc">换手机怕丢？到「我的」用手机号登录后，可以把记工备份到服务器（加密保存，只有你能看），新手机上再恢复。</p>;
  }
  const run = (what: () => Promise<string>) => what().then(setSaid, (err) => setSaid(errorText(err, '没有网络，联网后再试。')));
  return (
    <section>
      <h2 class="cells-title">备份</h2>
      <p class="page-desc">备份到服务器（加密保存，只有你能看）；照片留在这台手机上，不备份。</p>
      <div class="apply-nav">
        <button type="button" class="btn btn-default" onClick={() => void run(async () => (await backUp(props.log), '已备份。'))}>备份到服务器</button>
        <button
          type="button"
          class="btn btn-default"
          onClick={() =>
            void run(async () => {
              const got = await restore(props.log);
              if (!got) return '服务器上没有这份记工的备份。';
              if (props.log.entries.length && !confirm('用服务器上的备份替换这台手机上的记工吗？')) return '';
              await props.keep(got);
              return `已恢复 ${got.entries.length} 天。`;
            })
          }
        >
          从备份恢复
        </button>
      </div>
      <p class="page-desc" role="status">{said}</p>
    </section>
  );
}
