// The case screens' amounts and field errors: what staff type in yuan is sent in fen, and a
// server's 422 lands beside the field it names.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { refusal } from '../src/core/api.ts';
import { shortDateTime } from '../src/core/time.ts';
import { body as bodyOf, initialValues, toFen, urgencyLevel, yuan } from '../src/aid/office/case-text.ts';
// Every move's form as the server's case view describes it (written by `make api-types`; a test on the
// server's side fails when it is not the server's).
import FORMS from './action-forms.json' with { type: 'json' };

const body = (action, values, checklist) => bodyOf(FORMS[action], values, checklist);
const CONTRACTOR_DISPUTE = FORMS.not_accept.fields.find((f) => f.name === 'reason_code').choices.find((c) => c.value === 'contractor_dispute').text;

test('yuan typed as people type them become fen exactly', () => {
  assert.equal(toFen('24000'), 2_400_000);
  assert.equal(toFen('24,000.5'), 2_400_050);
  // Chinese input methods give full-width digits and signs: they are the same amount.
  assert.equal(toFen('１'), 100);
  assert.equal(toFen('２４，０００．５'), 2_400_050);
  assert.equal(toFen('１８\u3000０００ 元'), 1_800_000);
  assert.equal(toFen('١٨٠٠٠'), null); // another script's digits are not read as an amount
  assert.equal(toFen(' 18000 元'), 1_800_000);
  assert.equal(toFen('0.07'), 7); // not 7.000000000000001
  assert.equal(toFen('0'), 0);
  for (const bad of ['', '-5', '1.234', 'abc', '1e5', '.5']) assert.equal(toFen(bad), null, bad);
});

test('fen are shown in yuan, cents only when there are some', () => {
  assert.equal(yuan(2_400_000), '24,000 元');
  assert.equal(yuan(2_400_050), '24,000.50 元');
  assert.equal(yuan(5), '0.05 元');
  assert.equal(yuan(null), '未填');
});

// The case forms read a refusal's field errors through core/api.ts's refusal.
const fieldErrors = async (errors) => (await refusal(new Response(JSON.stringify({ errors }), { status: 422 }))).fields;

test("the server's field errors are keyed by field, nested ones with a dot", async () => {
  assert.deepEqual(
    await fieldErrors({ json: { reason: ['必须填写。'], checklist: { arrears_checked: ['必须确认。'] } } }),
    { reason: '必须填写。', 'checklist.arrears_checked': '必须确认。' },
  );
  assert.deepEqual(await fieldErrors({ lawyer_id: '不是在职律师。' }), { lawyer_id: '不是在职律师。' });
  assert.deepEqual(await fieldErrors(undefined), {});
});

test('moments are read in Beijing time', () => {
  assert.equal(shortDateTime('2026-12-01T16:30:00Z'), '12/2 00:30');
});

test('each move sends the fields the server reads, and says what is missing before sending', () => {
  // The checklist is the case type's, as the case view sends it (an injury case here).
  const items = [{ key: 'work_facts_confirmed' }, { key: 'employer_identified' }, { key: 'injury_checked' }];
  const all = { work_facts_confirmed: true, employer_identified: true, injury_checked: true };
  assert.deepEqual(body('accept', { ...all, note: ' ' }, items), [{ checklist: all }, {}]);
  assert.deepEqual(body('accept', { work_facts_confirmed: true, arrears_checked: true }, items)[1], {
    'checklist.employer_identified': '受理前要确认这一项。',
    'checklist.injury_checked': '受理前要确认这一项。',
  });
  assert.deepEqual(body('not_accept', { reason: CONTRACTOR_DISPUTE, reason_code: 'contractor_dispute' })[0], {
    reason: CONTRACTOR_DISPUTE,
    reason_code: 'contractor_dispute',
  });
  assert.ok(body('not_accept', { reason: '  ' })[1].reason);
  assert.deepEqual(body('request_materials', { asked: '工资条照片', due_on: '' })[0], { asked: '工资条照片' });
  assert.deepEqual(body('reassign', { lawyer_id: 4, reason: '回避' })[0], { lawyer_id: 4, reason: '回避' });
  assert.deepEqual(Object.keys(body('reassign', { lawyer_id: null })[1]).sort(), ['lawyer_id', 'reason']);
  assert.deepEqual(body('progress', { kind: 'mediation', note: '调解', happened_on: '2026-12-01', next_hearing_on: '' })[0], {
    kind: 'mediation',
    note: '调解',
    happened_on: '2026-12-01',
  });
  assert.deepEqual(body('close', { outcome: 'mediated', recovered_fen: '24,000.5', closed_on: '2026-12-01' })[0], {
    outcome: 'mediated',
    recovered_fen: 2_400_050,
    closed_on: '2026-12-01',
  });
  assert.ok(body('close', { outcome: 'mediated', recovered_fen: '两万', closed_on: '2026-12-01' })[1].recovered_fen);
  assert.deepEqual(body('follow_up', { reached: false, satisfaction: 3 })[0], { reached: false });
  assert.deepEqual(body('follow_up', { reached: true, satisfaction: 5, comment: '谢谢' })[0], { reached: true, satisfaction: 5, comment: '谢谢' });
  assert.ok(body('follow_up', { reached: true })[1].satisfaction);
  assert.deepEqual(body('withdraw', {}), [{}, {}]);
  // a standard reason stands for the text the worker reads; without it the text is needed
  assert.deepEqual(body('not_accept', { reason_code: 'contractor_dispute', reason: CONTRACTOR_DISPUTE })[1], {});
});

test('every form the server describes starts empty but for its dates, and says what it needs', () => {
  for (const [action, form] of Object.entries(FORMS)) {
    const start = initialValues(form, '2026-12-01');
    const [, missing] = bodyOf(form, start, [{ key: 'work_facts_confirmed' }]);
    for (const f of form.fields) {
      if (f.default === 'today') assert.equal(start[f.name], '2026-12-01', `${action}.${f.name}`);
      const asked = f.kind === 'checklist' ? missing[`${f.name}.work_facts_confirmed`] : missing[f.name];
      if (f.required && !f.shown_if && f.default !== 'today') assert.ok(asked, `${action}.${f.name} is needed`);
      if (!f.required) assert.equal(missing[f.name], undefined, `${action}.${f.name} is not needed`);
    }
  }
});

test('a date is coloured by the days left, whichever clock it is', () => {
  assert.equal(urgencyLevel(3), 'bad'); // a limitation running out in 3 days is never green
  assert.equal(urgencyLevel(6), 'bad');
  assert.equal(urgencyLevel(7), 'wait');
  assert.equal(urgencyLevel(30), 'wait');
  assert.equal(urgencyLevel(31), 'ok');
  assert.equal(urgencyLevel(-1), 'bad');
  assert.equal(urgencyLevel(40, true), 'bad');
  assert.equal(urgencyLevel(null), 'none');
});
