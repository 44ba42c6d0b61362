// 问一问 for the answerers (issue 22): the queue's filters read from the page's address and written to the
// API's query, each question's age against the 24-hour clock, the urgent flags, the thread, 咨询登记's body.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ageBadge, checkClass, photosOf, queueHref, queueQuery, readFilters, threadOf, urgentText } from '../src/questions/office/queue-text.ts';
import { EMPTY_LOG, logBody } from '../src/questions/office/log-text.ts';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-12-07T10:00:00Z');
const at = (ms: number) => new Date(NOW + ms).toISOString();

test('the filters in the address come back as they were written, page 1 and empty ones left out', () => {
  const f = readFilters(new URLSearchParams('tab=mine&type=injury&channel=hotline&age=overdue&urgent=1&page=3'));
  assert.deepEqual(f, { tab: 'mine', type: 'injury', channel: 'hotline', age: 'overdue', urgent: true, page: 3 });
  assert.equal(queueHref(f), '/office/questions?tab=mine&type=injury&channel=hotline&age=overdue&urgent=1&page=3');
  assert.deepEqual(readFilters(new URLSearchParams(queueHref(f).split('?')[1])), f);
  assert.equal(queueHref({ ...f, type: '', channel: '', age: '', urgent: false, page: 1 }), '/office/questions?tab=mine');
});

test('an address made up by hand falls back to the open tab and drops what is not a filter', () => {
  const f = readFilters(new URLSearchParams('tab=deleted&channel=fax&age=old&type=<script>&page=-2&urgent=yes'));
  assert.deepEqual(f, { tab: 'open', type: '', channel: '', age: '', urgent: false, page: 1 });
  assert.equal(readFilters(new URLSearchParams('page=2.7')).page, 2);
});

test("the API's query names the server's parameters; a search starts at page 1 and never enters the address", () => {
  const f = readFilters(new URLSearchParams('tab=answered&type=wages&urgent=1&page=4'));
  const q = new URLSearchParams(queueQuery(f, '', 20));
  assert.deepEqual(Object.fromEntries(q), { status: 'answered', page: '4', page_size: '20', case_type: 'wages', urgent: '1' });
  // 全部 sends no status (the server takes '' for all, and refuses a word it does not know).
  assert.equal(new URLSearchParams(queueQuery({ ...f, tab: 'all' }, '', 20)).has('status'), false);
  const found = new URLSearchParams(queueQuery(f, '  8831 ', 20));
  assert.equal(found.get('q'), '8831');
  assert.equal(found.get('page'), '1');
  assert.ok(!queueHref(f).includes('8831'));
});

test('the age badge: hours left in green, amber when the server says due soon, red and how late when overdue', () => {
  assert.deepEqual(ageBadge('on_time', at(20 * HOUR + 5000), NOW), { level: 'on_time', cls: 'tag tag-ok', text: '还剩 20 小时' });
  assert.deepEqual(ageBadge('due_soon', at(5 * HOUR + 59 * 60_000), NOW), { level: 'due_soon', cls: 'tag tag-wait', text: '还剩 5 小时' });
  assert.deepEqual(ageBadge('due_soon', at(20 * 60_000), NOW), { level: 'due_soon', cls: 'tag tag-wait', text: '还剩 20 分钟' });
  assert.deepEqual(ageBadge('overdue', at(-3 * HOUR - 1), NOW), { level: 'overdue', cls: 'tag tag-bad', text: '超时 3 小时' });
  // The page stayed open past the due time: red now, whatever the server said when it loaded.
  assert.equal(ageBadge('on_time', at(-30 * 60_000), NOW).level, 'overdue');
  assert.equal(ageBadge('overdue', 'not a date', NOW).text, '已超时');
});

test('an urgent flag says what and by when', () => {
  assert.equal(urgentText({ kind: 'limitation_soon', label: '仲裁时效快到了', due_on: '2027-01-05' }), '仲裁时效快到了 · 2027-01-05 前');
  assert.equal(urgentText({ kind: 'injury_deadline', label: '工伤认定申请快到期', due_on: null }), '工伤认定申请快到期');
  assert.equal(checkClass('urgent'), 'tag tag-bad');
  assert.equal(checkClass('overdue'), 'tag tag-bad');
  assert.equal(checkClass('unknown'), 'tag tag-wait');
  assert.equal(checkClass('ok'), 'tag tag-ok');
});

const msg = (over: object) => ({ id: 1, author: 'answerer', text: '', audio_id: null, duration_ms: null, cards: [], next_step: null, next_step_label: null, created_at: at(0), ...over });

test('the thread starts with the question itself, once', () => {
  const answer = msg({ id: 7, text: '可以申请仲裁' });
  const t = threadOf({ id: 3, text: '老板欠我三个月工资', audio_id: 'clip-1', created_at: at(0), messages: [answer] } as never);
  assert.deepEqual(t.map((m) => [m.author, m.text, m.audio_id]), [['asker', '老板欠我三个月工资', 'clip-1'], ['answerer', '可以申请仲裁', null]]);
  // The server sent the question as the first message: not doubled.
  const asked = msg({ id: 5, author: 'asker', text: '老板欠我三个月工资' });
  assert.equal(threadOf({ id: 3, text: '老板欠我三个月工资', created_at: at(0), messages: [asked, answer] } as never).length, 2);
  assert.equal(threadOf({ id: 3, text: '', created_at: at(0), messages: [] } as never).length, 0);
});

test("photos come as the server lists them, or from their upload ids as the case screens' viewer needs them", () => {
  assert.deepEqual(photosOf({ upload_ids: ['u1'] }), [{ id: 'u1', label: '照片 1', url: '/api/v1/uploads/u1', thumbnail_url: '/api/v1/uploads/u1/thumbnail' }]);
  assert.equal(photosOf({ photos: [{ id: 'p', url: '/x', thumbnail_url: '/y' }], upload_ids: ['u1'] })[0].label, '照片 1');
});

test('咨询登记 needs the question; a phone given must be a mobile, full-width digits too; an answer only when answered', () => {
  assert.deepEqual(Object.keys(logBody(EMPTY_LOG)[1]), ['text']);
  const [body, errors] = logBody({ ...EMPTY_LOG, channel: 'event', text: ' 工伤怎么认定 ', phone: '１３８ ０００１ ２３４５', event_id: '１２', left_on: '2026-10-01', answer_text: 'ignored' });
  assert.deepEqual(errors, {});
  assert.deepEqual(body, { channel: 'event', case_type: 'wages', text: '工伤怎么认定', started_on: null, left_on: '2026-10-01', injured_on: null, answered: false, answer_text: '', phone: '13800012345', event_id: 12, city: '', district: '', site_division: '' });
  assert.deepEqual(Object.keys(logBody({ ...EMPTY_LOG, text: 'x', phone: '12345', answered: true })[1]).sort(), ['answer_text', 'phone']);
  assert.equal(logBody({ ...EMPTY_LOG, text: 'x', event_id: '3' })[0].event_id, null, 'an event number only for an event');
  assert.equal(logBody({ ...EMPTY_LOG, text: 'x' })[0].phone, null);
});
