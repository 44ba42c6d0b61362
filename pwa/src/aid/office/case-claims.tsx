// 算一算带来的钱 on the case page: each amount the worker worked out, as the server recomputed it, with its
// working line by line, its period and the day each part may be lost; a plain note when the phone's numbers differed.
import type { CaseView } from './case-api';
import { daysText, levelClass } from './case-parts';
import { urgencyLevel, yuan } from './case-text';

type Claim = NonNullable<CaseView['claims']>[number];

function Period(props: { from?: string | null; to?: string | null }) {
  if (!props.from) return null;
  return <span class="muted">（{props.to && props.to !== props.from ? `${props.from} 至 ${props.to}` : props.from}）</span>;
}

function ClaimBox({ k }: { k: Claim }) {
  return (
    <li class="cell" data-testid="claim">
      <span class="cell-body">
        <span class="cell-title">
          {k.label}：{yuan(k.total_fen)}
        </span>
        {k.mismatch && (
          <span class="warn-box case-note" data-testid="claim-mismatch">
            {k.mismatch_note}
          </span>
        )}
        <ul class="claim-lines">
          {(k.lines || []).map((l, i) => (
            <li key={i}>
              {l.text}
              {l.basis && <>（{l.basis}）</>}
              <Period from={l.period_from} to={l.period_to} />
              {l.expires_on ? (
                <span class={'tag ' + levelClass(urgencyLevel(l.days_left, !!l.expired), 'tag')}>
                  {l.expires_on} 前申请仲裁 {daysText(l.days_left ?? null, !!l.expired)}
                </span>
              ) : (
                l.expires_note && <span class="muted">{l.expires_note}</span>
              )}
            </li>
          ))}
        </ul>
        {!!k.not_covered?.length && <span class="cell-desc">没算进去的：{k.not_covered.join('；')}</span>}
      </span>
    </li>
  );
}

/** The case's 算一算 amounts (nothing when the worker brought none). */
export function Claims(props: { c: CaseView }) {
  const claims = props.c.claims || [];
  if (!claims.length) return null;
  return (
    <section aria-labelledby="claims-h">
      <h2 class="cells-title" id="claims-h">
        算一算带来的钱（服务器已按同样的规则重算）
      </h2>
      <ul class="cells">
        {claims.map((k, i) => (
          <ClaimBox key={i} k={k} />
        ))}
      </ul>
    </section>
  );
}
