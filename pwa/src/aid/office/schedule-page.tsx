// 我的日程 (/schedule, issue 21): the coming 调解, 开庭 and 仲裁 of the lawyer's own cases, soonest first, each with
// its case and 加到日历 (the .ics). Online only, never precached.
import { ErrorBox, Loading, PageHeader, useLoad, useTitle } from '../../core/ui';
import { loadMyHearings } from './case-api';
import { HearingItem } from './case-hearings';

export function SchedulePage() {
  useTitle('我的日程');
  const list = useLoad(() => loadMyHearings(), []);
  return (
    <div class="page page-wide">
      <PageHeader title="我的日程" back="/cases" />
      <p class="page-desc">你办理的案件接下来的开庭、调解和仲裁。点「加到日历」存进手机日历。</p>
      {list.error ? <ErrorBox error={list.error} retry={list.retry} /> : !list.data ? <Loading /> : null}
      {list.data && !list.data.length && <p class="page-desc">还没有记下的日子。在案件页面的「开庭和调解」里记。</p>}
      <ul class="cells" aria-label="我的日程" data-testid="schedule">
        {(list.data || []).map((h) => (
          <HearingItem key={h.id} h={h} />
        ))}
      </ul>
    </div>
  );
}
