// 当事人和案件要素 on a case's page (issue 21): what the papers need and the application never asked (addresses,
// the legal representative, the 统一社会信用代码, 劳动关系, 工伤认定, witnesses). Folded away until opened, with a
// line saying what is filled; the form sends the whole object (PUT) and shows the server's words on each field.
// Office and lawyer screens only (this module rides in the case page's lazy chunk).
import { Field, FormEnd } from '../../core/form';
import type { CaseView, Particulars as Saved } from './case-api';
import { Dispute, Parties } from './particulars-fields';
import { filledLine, type ParticularsForm, useParticulars, type Witness } from './use-particulars';

const MAX_WITNESSES = 10;

export function Particulars(props: { c: CaseView; onSaved: (p: Saved) => void }) {
  const { c } = props;
  const f = useParticulars(c.id, c.particulars, props.onSaved);
  return (
    <section class="sec-particulars" aria-labelledby="particulars-h">
      <details class="case-more">
        <summary>
          <h2 class="cells-title" id="particulars-h">
            当事人和案件要素
          </h2>
          <span class="case-more-line" data-testid="particulars-line">
            {filledLine(c.particulars)}
          </span>
        </summary>
        <form class="case-box case-particulars" onSubmit={f.save} aria-label="当事人和案件要素" noValidate>
          <Parties f={f} contractor={c.contractor} />
          <h3 class="field-group">争议情况</h3>
          <Dispute f={f} injury={c.case_type === 'injury'} />
          <Witnesses f={f} />
          <FormEnd error={f.errors[''] || ''} submit="保存" disabled={f.busy} />
          {f.saved && (
            <p class="page-desc" role="status">
              已保存。文书里会用上这些内容。
            </p>
          )}
        </form>
      </details>
    </section>
  );
}

/** 证人 (names and addresses go on the 仲裁申请书): a short list to add to and take from. */
function Witnesses(props: { f: ParticularsForm }) {
  const { f } = props;
  const list = f.v.witnesses;
  const change = (i: number, w: Partial<Witness>) => f.set('witnesses', list.map((x, j) => (j === i ? { ...x, ...w } : x)));
  return (
    <fieldset class="witnesses">
      <legend class="field-group">证人（最多 {MAX_WITNESSES} 个）</legend>
      {f.errors.witnesses && <p class="field-error">{f.errors.witnesses}</p>}
      {list.map((w, i) => (
        <div class="witness" key={i}>
          <Field id={`part-witness-name-${i}`} tag="div" label={`证人 ${i + 1} 姓名`} maxLength={40} value={w.name} onInput={(s) => change(i, { name: s })} error={f.errors[`witnesses.${i}.name`]} />
          <Field id={`part-witness-address-${i}`} tag="div" label={`证人 ${i + 1} 住址`} maxLength={200} value={w.address} onInput={(s) => change(i, { address: s })} error={f.errors[`witnesses.${i}.address`]} />
          <button type="button" class="btn btn-small" onClick={() => f.set('witnesses', list.filter((_, j) => j !== i))}>
            删掉证人 {i + 1}
          </button>
        </div>
      ))}
      {list.length < MAX_WITNESSES && (
        <button type="button" class="btn btn-small" onClick={() => f.set('witnesses', [...list, { name: '', address: '' }])}>
          加一个证人
        </button>
      )}
    </fieldset>
  );
}
