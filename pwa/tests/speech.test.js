// What the read-aloud voice is given: one mark per pause, never "？。", "。。" or a lone "。".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chunks, speechText } from '../src/core/speech.ts';

test('a question and a summary are joined without a doubled mark', () => {
  assert.equal(speechText(['没签合同怎么办？', '可以要二倍工资。']), '没签合同怎么办？\n可以要二倍工资。');
});

test('runs of marks become the strongest one', () => {
  assert.equal(speechText(['工资呢？。', '先留证据。。', '找谁：。', '好的！。？', '，，再说']), '工资呢？\n先留证据。\n找谁。\n好的？\n再说。');
});

test('lines of nothing but marks and blank lines are dropped', () => {
  assert.equal(speechText(['第一句', '。', '  ', '\n。\n', null, undefined, '', '第二句']), '第一句。\n第二句。');
});

test('a line without an end mark gets one, a trailing comma becomes a full stop', () => {
  assert.equal(speechText(['打 12333 投诉', '留好欠条、']), '打 12333 投诉。\n留好欠条。');
  assert.equal(speechText(['注明“紧急”']), '注明“紧急”。');
});

test('spaces left by tags inside Chinese go, spaces before numbers and Latin stay', () => {
  assert.equal(speechText(['国家 免费 给的帮助。', '打  12348 问']), '国家免费给的帮助。\n打 12348 问。');
});

test('a card made of list lines speaks each line once', () => {
  const spoken = speechText(['向哪里申请：\n要打官司的：向法院所在地申请；\n仲裁的：向仲裁委申请。\n']);
  assert.equal(spoken, '向哪里申请：\n要打官司的：向法院所在地申请；\n仲裁的：向仲裁委申请。');
  for (const part of chunks(spoken)) assert.doesNotMatch(part, /^[。！？；，、：]|[。！？；，、：]{2}/);
});
