// 办公室 → 任务 (admins): the background jobs that failed every try (a text to a worker, a sweep),
// with their last error, and 重试 to put one back on the queue (audited). Without Redis the jobs
// run at once in the request that asks for them and the sweep tries a failed one again: the page says so.
import { chinaTime } from '../core/time';
import { Pending } from '../core/cells';
import { OFFICE_OFFLINE } from './admin-api';
import { Table } from './office-table';
import { Office } from './office-nav';
import { useFailedJobs, type FailedJob } from './use-failed-jobs';
import './office-admin.css';

export function OfficeJobsPage() {
  return (
    <Office section="jobs" title="后台任务" adminOnly="只有管理员能看后台任务。">
      <FailedJobs />
    </Office>
  );
}

function FailedJobs() {
  const j = useFailedJobs();
  const { list } = j;
  if (!list.data) return <Pending of={list} offline={OFFICE_OFFLINE} />;
  if (!list.data.queued) return <p class="page-desc" role="status">这台服务器没有设置任务队列（Redis）：短信和定时检查在需要时马上运行，失败的由每小时的定时检查自动再试，这里不会有失败的任务。</p>;
  if (!list.data.items.length) return <p class="page-desc" role="status">没有失败的任务。</p>;
  return (
    <>
      <p class="page-desc" role="status">
        {list.data.items.length} 个任务试了几次都没成功。查明原因（例如短信平台欠费）后点「重试」。
      </p>
      {j.error && (
        <p class="form-error" role="alert">
          {j.error}
        </p>
      )}
      <Table label="失败的任务" heads={['任务', '编号', '错误', '失败时间', '试了几次', '操作']}>
        {list.data.items.map((job) => (
          <JobRow key={job.id} job={job} busy={j.busy === job.id} onRetry={() => void j.retry(job)} />
        ))}
      </Table>
    </>
  );
}

function JobRow(props: { job: FailedJob; busy: boolean; onRetry: () => void }) {
  const { job } = props;
  return (
    <tr data-testid={`job-${job.id}`}>
      <th scope="row">{job.label}</th>
      <td>{job.args.join('、') || '—'}</td>
      <td class="office-detail">{job.error}</td>
      <td>{chinaTime(job.failed_at)}</td>
      <td>{job.attempts}</td>
      <td>
        <button type="button" class="btn btn-small btn-primary" aria-label={`重试：${job.label}`} disabled={props.busy} onClick={props.onRetry}>
          {props.busy ? '正在重试…' : '重试'}
        </button>
      </td>
    </tr>
  );
}
