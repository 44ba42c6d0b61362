// 问一问's pure parts: which dates the form asks for each kind of case, the body of POST /questions
// (only those dates, the phone folded), the checks before 发送 (voice or words; the consents), and the
// legal-aid draft an answer's offer fills (with the question's code, which the application carries).
// Run with the other unit tests (npm run test:unit).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EMPTY_ANSWERS } from '../src/aid/answers';
import { toBody } from '../src/aid/body';
import { datesFor, displayCode, EMPTY_ASKED, questionLabel, toQuestionBody } from '../src/questions/body';
import { askProblems, MESSAGES } from '../src/questions/checks';
import { offerAnswers } from '../src/questions/from-offer';
import type { Asked, Thread } from '../src/questions/types';

const asked: Asked = {
  ...EMPTY_ASKED, case_type: 'wages', text: '  老板不发工资  ', started_on: '2026-01-05', left_on: '2026-06-30', injured_on: '2026-03-01',
  phone: '１３８ ０013 8000', consent_privacy: true, consent_sensitive: true,
};

test('the dates asked follow the kind of case: at most three, none for 其他', () => {
  assert.deepEqual(datesFor('injury'), ['started_on', 'injured_on', 'left_on']);
  assert.deepEqual(datesFor('wages'), ['started_on', 'left_on']);
  assert.deepEqual(datesFor('other'), []);
  assert.ok(['wages', 'injury', 'dismissal', 'social_insurance', 'other'].every((t) => datesFor(t).length <= 3));
});

test('the body carries only the dates its kind asks for, the phone folded and the words trimmed', () => {
  const b = toQuestionBody(asked, ['p1'], 'clip-1');
  assert.equal(b.injured_on, null, 'a wage question sends no injury date typed before the kind changed');
  assert.equal(b.started_on, '2026-01-05');
  assert.equal(b.phone, '13800138000');
  assert.equal(b.text, '老板不发工资');
  assert.deepEqual([b.audio_id, b.upload_ids], ['clip-1', ['p1']]);
  assert.deepEqual([b.consent_privacy, b.consent_sensitive], [true, true]);
  assert.equal(toQuestionBody({ ...asked, case_type: 'other' }, [], null).left_on, null);
  assert.equal(toQuestionBody({ ...asked, case_type: 'injury' }, [], null).injured_on, '2026-03-01');
});

test('发送 needs a voice or words, a kind, a mobile number and both consents', () => {
  assert.deepEqual(askProblems(asked, false), {});
  const bare = { ...asked, text: ' ' };
  assert.equal(askProblems(bare, false).text, MESSAGES.empty);
  assert.equal(askProblems(bare, true).text, undefined, 'a recording is enough');
  const e = askProblems({ ...EMPTY_ASKED, phone: '12345' }, true);
  assert.deepEqual(Object.keys(e).sort(), ['case_type', 'consent_privacy', 'consent_sensitive', 'phone']);
  assert.ok(askProblems({ ...asked, left_on: '2999-01-01' }, false).left_on);
  assert.equal(askProblems({ ...asked, case_type: 'other', left_on: '2999-01-01' }, false).left_on, undefined, 'a date not asked is not checked');
});

test('the label in 待发送 says what it is without the whole story', () => {
  assert.equal(questionLabel(asked, 12400), '问一问：欠薪（语音 12 秒，老板不发工资）');
  assert.equal(questionLabel({ ...asked, text: '' }, null), '问一问：欠薪（）');
  assert.equal(displayCode('acd34efg'), 'ACD3-4EFG');
});

test("an answer's offer fills a legal-aid draft, and the application carries the question's code", () => {
  const t = {
    code: 'ACD34EFG', case_type: 'injury',
    messages: [{ author: 'asker', text: '脚手架上摔下来' }, { author: 'answerer', text: '可以申请' }],
    offer: { case_type: 'injury', started_on: '2026-01-05', left_on: null, injured_on: '2026-03-01', city: '成都市', district: '武侯区', site_division: '510107', checks: [] },
  } as unknown as Thread;
  const a = { ...EMPTY_ANSWERS, ...offerAnswers(t, '13800138000') };
  assert.deepEqual([a.case_type, a.injured_on, a.left_on, a.site_division, a.phone], ['injury', '2026-03-01', '', '510107', '13800138000']);
  assert.equal(a.account, '脚手架上摔下来', "the worker's own words, not the answer's");
  const body = toBody(a, [], { onBehalf: false }) as Record<string, unknown>;
  assert.equal(body.question_code, 'ACD34EFG');
  assert.equal('question_code' in toBody(EMPTY_ANSWERS, [], { onBehalf: false }), false, 'a plain application sends the body it sent before');
});
