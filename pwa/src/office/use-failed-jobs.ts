// The state of 办公室 → 任务: the failed background jobs (GET /jobs/failed) and a retry of one.
// The page (office-jobs-page.tsx) only shows it.
import { useState } from 'preact/hooks';
import type { Answer } from '../core/schemas';
import { showToast } from '../core/store';
import { useLoad } from '../core/ui';
import { api, problemText } from './admin-api';

export type FailedJob = Answer<'FailedJob'>;

export function useFailedJobs() {
  const list = useLoad(() => api<Answer<'FailedJobs'>>('/api/v1/jobs/failed'), []);
  const [busy, setBusy] = useState('');
  const [error, setError] = useState('');
  const retry = async (job: FailedJob) => {
    setBusy(job.id);
    setError('');
    try {
      await api(`/api/v1/jobs/${encodeURIComponent(job.id)}/retry`, { method: 'POST', json: {} });
      showToast('已重新排队');
      list.retry();
    } catch (err) {
      setError(problemText(err));
      list.retry(); // a job retried elsewhere meanwhile leaves the list
    } finally {
      setBusy('');
    }
  };
  return { list, busy, error, retry };
}
