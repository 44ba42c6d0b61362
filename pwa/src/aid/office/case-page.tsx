// One case, for the office (/office/cases/{id}) and for its lawyer (/cases/{id}): who acts
// next and by when, the clocks with how each date was computed, the facts, the photos, the
// moves allowed to this person, the timeline, the documents. Every open is audited by the server.
// The page's state lives in use-case.ts; its sections in case-main.tsx and case-side.tsx.
import { HttpError } from '../../core/api';
import { navigate } from '../../core/router';
import { ErrorBox, Loading, PageHeader, useTitle } from '../../core/ui';
import { Actions } from './case-actions';
import type { CaseView, MoveAnswer } from './case-api';
import { Notes } from './case-desk';
import { Hearings } from './case-hearings';
import { Particulars } from './case-particulars';
import { Claims } from './case-claims';
import { FollowUp, Facts, Materials, NextActor, Outcome, Progress } from './case-main';
import { Flags, NotForYou } from './case-parts';
import { Audit, Clocks, Documents, Duplicates, GroupBox, LawyerBox, OfficeBox, Timeline } from './case-side';
import { CaseFile, inOrder, type OfficeFile } from './case-files';
import { DayLogTable } from './case-daylog';
import { useCase } from './use-case';

export function CasePage(props: { id: number; office: boolean }) {
  const { who, office, back, loaded, c, setC } = useCase(props.id, props.office);
  useTitle(c ? `案件 ${c.applicant_name}` : '案件');
  if (who === null || who === 'none') return <NotForYou title="案件" signedIn={who === 'none'} back={back} />;
  if (loaded.error) {
    const refused = loaded.error instanceof HttpError && (loaded.error.status === 403 || loaded.error.status === 404);
    return (
      <div class="page page-wide">
        <PageHeader title="案件" back={back} />
        <ErrorBox error={loaded.error} retry={refused ? undefined : loaded.retry} />
        {refused && (
          <p class="page-desc">
            <a href={back}>{office ? '回到案件列表' : '回到我的案件'}</a>
          </p>
        )}
      </div>
    );
  }
  if (!c) {
    return (
      <div class="page page-wide">
        <PageHeader title="案件" back={back} />
        <Loading />
      </div>
    );
  }
  // A lawyer who declined no longer handles the case: the answer holds no case to show.
  const moved = (answer: MoveAnswer) => {
    if (answer.handler === false) navigate(back, { replace: true });
    else setC(answer as CaseView);
  };
  return (
    <div class="page page-wide">
      <PageHeader title={`${c.applicant_name} · ${c.case_type_label}`} back={back} />
      {/* On a phone one column: the moves right under the summary; from 900 px two columns. */}
      <div class="case-cols">
        <Main c={c} onFiles={(files) => setC({ ...c, office_files: inOrder(files) })} onSaved={(p) => setC({ ...c, particulars: p })} />
        <div class="case-side">
          <section class="sec-actions" aria-labelledby="actions-h">
            <h2 class="cells-title" id="actions-h">
              操作
            </h2>
            <div class="case-box">
              <Actions c={c} onDone={moved} />
            </div>
          </section>
          <Clocks c={c} />
          {c.lawyer && <LawyerBox l={c.lawyer} />}
          {office && <OfficeBox c={c} />}
          {office && c.group && <GroupBox g={c.group} />}
          {office && !!c.duplicates?.length && <Duplicates c={c} />}
          <Documents c={c} />
          <Hearings id={c.id} />
          <Notes id={c.id} />
          <Timeline c={c} />
          {office && <Audit id={c.id} />}
        </div>
      </div>
      {!office && <p class="page-desc">只显示指派给你的案件。案件改派后，你就看不到了。</p>}
    </div>
  );
}

/** The summary, the facts and the particulars, the case file (photos and the office's files), what was asked and done, how it closed. */
function Main({ c, onFiles, onSaved }: { c: CaseView; onFiles: (files: OfficeFile[]) => void; onSaved: (p: CaseView['particulars']) => void }) {
  return (
    <div class="case-main">
      <section class="case-head sec-head" aria-label="案件概况">
        <p class="case-stage">
          <span class="tag tag-ok">{c.stage_label}</span> <span class="case-code">查询码 {c.code_display || c.code}</span>
        </p>
        <Flags c={{ ...c, group_size: c.group?.size ?? 0 }} />
        <NextActor c={c} />
        {c.staff_alert && (
          <p class="warn-box case-note" data-testid="staff-alert">
            {c.staff_alert}
          </p>
        )}
        {c.first_aid && <p class="warn-box case-note">{c.first_aid_note || '时效快到了（不足 7 天）：按《法律援助法》第四十四条先行提供法律援助，手续后补。'}</p>}
      </section>
      <Facts c={c} />
      {c.day_log && <DayLogTable log={c.day_log} />}
      <Claims c={c} />
      <Particulars c={c} onSaved={onSaved} />
      <CaseFile c={c} onFiles={onFiles} />
      {c.materials_request && <Materials m={c.materials_request} />}
      {!!c.progress?.length && <Progress c={c} />}
      {c.outcome && <Outcome o={c.outcome} />}
      {c.follow_up && <FollowUp f={c.follow_up} />}
    </div>
  );
}
