// The legal-aid form's rules on the phone: the ID number as the server judges it (the same
// vectors as tests/test_aid_idnumber.py), yuan to fen, and a card's topic to the case it opens.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { applyHref } from '../src/aid/case-types.ts';
import { EMPTY_ANSWERS, helperFen, yuanToFen } from '../src/aid/answers.ts';
import { idNumberProblem, maskName, serverFieldErrors, stepErrors, stepOfField, STEPS, toBody } from '../src/aid/rules.ts';

const vectors = JSON.parse(readFileSync(join(process.cwd(), '..', 'tests', 'vectors', 'id_number.json'), 'utf8'));

test('every ID number gets the message the server gives it', () => {
  const got = vectors.cases.map(([raw]) => [raw, idNumberProblem(raw)]);
  assert.deepEqual(got, vectors.cases);
});

test('a birth date after today is refused, today is not', () => {
  const now = new Date(2026, 11, 1);
  const body = (d) => '110105' + d + '123';
  const digit = (b) => {
    let s = 0;
    for (let i = 0; i < 17; i++) s += Number(b[i]) * (2 ** (17 - i) % 11);
    const c = (12 - (s % 11)) % 11;
    return c === 10 ? 'X' : String(c);
  };
  assert.equal(idNumberProblem(body('20261201') + digit(body('20261201')), now), '');
  assert.match(idNumberProblem(body('20261202') + digit(body('20261202')), now), /出生日期/);
});

test('yuan as typed becomes integer fen', () => {
  assert.equal(yuanToFen(''), null);
  assert.equal(yuanToFen('12000'), 1200000);
  assert.equal(yuanToFen('３,０００.5元'), 300050);
  assert.equal(yuanToFen('0.05'), 5);
  assert.ok(Number.isNaN(yuanToFen('一万')));
  assert.ok(Number.isNaN(yuanToFen('1.234')));
});

test('the helper multiplies days by a daily wage, or months by a monthly one', () => {
  assert.equal(helperFen({ wage_count: '30', wage_rate: '400' }), 1200000);
  assert.equal(helperFen({ wage_count: '2.5', wage_rate: '6000.50' }), 1500125);
  assert.equal(helperFen({ wage_count: '', wage_rate: '400' }), null);
  assert.equal(helperFen({ wage_count: '-3', wage_rate: '400' }), null);
});

test('a card topic opens the form with its case type, or none', () => {
  assert.equal(applyHref('wages'), '/aid/apply?type=wages');
  assert.equal(applyHref('injury'), '/aid/apply?type=injury');
  assert.equal(applyHref('insurance'), '/aid/apply?type=social_insurance');
  assert.equal(applyHref('dismissal'), '/aid/apply?type=dismissal');
  assert.equal(applyHref('legal-aid'), '/aid/apply');
});

test('the honesty commitment is asked only where the means test applies', () => {
  const base = { ...EMPTY_ANSWERS, consent_privacy: true, consent_sensitive: true };
  assert.deepEqual(stepErrors('consent', { ...base, case_type: 'wages' }, { onBehalf: false }), {});
  assert.ok(stepErrors('consent', { ...base, case_type: 'dismissal' }, { onBehalf: false }).honesty_commitment);
  assert.ok(stepErrors('consent', { ...base, case_type: 'wages' }, { onBehalf: true }).worker_consent_confirmed);
  const body = toBody({ ...base, case_type: 'wages', honesty_commitment: true, amount_yuan: '12000', phone: '+86 138-0013-8000' }, ['p1'], { onBehalf: false });
  assert.equal(body.honesty_commitment, false);
  assert.equal(body.amount_owed_fen, 1200000);
  assert.equal(body.phone, '13800138000');
  assert.equal(body.injured_on, null);
  assert.deepEqual(body.upload_ids, ['p1']);
});

test('the amounts from 算一算 leave with the application, and a body without any is as it always was', () => {
  const base = { ...EMPTY_ANSWERS, case_type: 'wages', phone: '13800138000' };
  assert.equal('claims' in toBody(base, [], { onBehalf: false }), false); // a queued body's hash stays the same
  assert.equal('claims' in toBody({ ...base, claims: [] }, [], { onBehalf: false }), false);
  const sent = { calc: 'overtime', inputs: { monthly_wage_fen: 500000, weekday_hours: 20 }, result: { calc: 'overtime', total_fen: 86220, lines: [] } };
  assert.deepEqual(toBody({ ...base, claims: [{ ...sent, label: '加班费' }] }, [], { onBehalf: false }).claims, [sent]); // the label stays on the phone
});

test("the server's reasons per field land on the form's fields and screens", () => {
  const a = { ...EMPTY_ANSWERS, coworkers: [{ name: '', phone: '' }, { name: '李四', phone: '139' }] };
  const e = serverFieldErrors(
    {
      id_number: ['身份证号的地区码不存在。'],
      amount_owed_fen: ['金额太大。'],
      coworkers: { 0: { phone: ['手机号不对。'] } },
      upload_ids: ['找不到照片 x。'],
      _schema: ['别的问题。'],
    },
    a,
  );
  // The co-worker the server calls 0 is the second row: the empty first row was not sent.
  assert.deepEqual(e, { id_number: '身份证号的地区码不存在。', amount_yuan: '金额太大。', 'coworker-1-phone': '手机号不对。', photos: '找不到照片 x。', review: '别的问题。' });
  const screen = (k) => STEPS[stepOfField(k)].id;
  assert.deepEqual(Object.keys(e).map(screen), ['applicant', 'amount', 'coworkers', 'photos', 'review']);
});

test("an employer's landline with its area code is taken, and sent as the server keeps it", () => {
  const employer = (phone) => stepErrors('employer', { ...EMPTY_ANSWERS, employer_phone: phone }, { onBehalf: false });
  assert.deepEqual(employer('028-85556666'), {});
  assert.deepEqual(employer('（０２８）８５５５６６６６ 转 12'), {});
  assert.match(employer('85556666').employer_phone, /带区号的座机号/);
  assert.match(employer('138 0013').employer_phone, /不知道可以不填/);
  const body = toBody({ ...EMPTY_ANSWERS, case_type: 'wages', employer_phone: '(028) 8555 6666', phone: '13800138000' }, [], { onBehalf: false });
  assert.equal(body.employer_phone, '028-85556666');
});

test('an amount typed with full-width digits is the same amount', () => {
  assert.equal(yuanToFen('１２\u3000０００'), 1200000);
  assert.equal(yuanToFen('١٢٠٠٠'), NaN);
});

test("a worker's name is shown as the surname and a star", () => {
  assert.equal(maskName(' 孙七 '), '孙*');
  assert.equal(maskName('欧阳娜娜'), '欧*');
  assert.equal(maskName('𠀋一'), '𠀋*'); // a character outside the BMP is not cut in half
  assert.equal(maskName(''), '');
});
