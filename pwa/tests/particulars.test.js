// A case's particulars (案件要素) on the case page: what the form sends (blank witness rows dropped, credit codes
// folded as people copy them, no 工伤认定 date without a decision) and the line that says what is filled.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { filledLine, toSend } from '../src/aid/office/use-particulars.ts';

const EMPTY = {
  worker_address: '', employer_kind: '', employer_address: '', employer_legal_rep: '', employer_legal_rep_title: '',
  employer_credit_code: '', contractor_address: '', contractor_legal_rep: '', contractor_legal_rep_title: '',
  contractor_credit_code: '', employment_denied: null, injury_recognition: '', recognised_on: '',
  disability_grade: null, witnesses: [], commission: '',
};

test('what is sent: blank witnesses dropped, codes folded, a date only with a decision', () => {
  const sent = toSend({
    ...EMPTY,
    employer_credit_code: '９１１１ ００００-６０００３７３４１ｌ',
    injury_recognition: 'applied',
    recognised_on: '2026-03-02',
    witnesses: [{ name: ' ', address: '' }, { name: '赵六', address: '' }, { name: '', address: '某村' }],
  });
  assert.equal(sent.employer_credit_code, '91110000600037341L');
  assert.equal(sent.recognised_on, '');
  assert.deepEqual(sent.witnesses, [{ name: '赵六', address: '' }, { name: '', address: '某村' }]);
  assert.equal(toSend({ ...EMPTY, injury_recognition: 'recognised', recognised_on: '2026-03-02' }).recognised_on, '2026-03-02');
});

test('the line says how many are filled and which needed ones are missing', () => {
  assert.match(filledLine(EMPTY), /^还没填/);
  assert.equal(filledLine({ ...EMPTY, employer_address: '成都', employment_denied: false }), '已填 2 项，还没填：工友住址、法定代表人');
  assert.equal(filledLine({ ...EMPTY, worker_address: '金牛区', employer_kind: 'individual', employer_address: '某村' }), '已填 3 项');
});
