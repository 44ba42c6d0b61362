// The outbox's steps (core/outbox-senders.ts inSteps), as legal aid will use them: the photos first,
// then the application that names them. Run with the other unit tests (npm run test:unit).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inSteps, RetryLater, type Answer, type OutboxEntry, type Step } from '../src/core/outbox';

interface Application {
  photos: string[];
  story: string;
}

/** A server that keeps what it was sent: photos get ids, the application must name them all. */
function server() {
  const photos = new Map<string, string>();
  const applications: { story: string; photoIds: string[] }[] = [];
  let offlineAfter = Infinity;
  let calls = 0;
  const call = () => {
    calls += 1;
    if (calls > offlineAfter) throw new RetryLater('没有网络');
  };
  return {
    photos,
    applications,
    dropAfter: (n: number) => {
      calls = 0;
      offlineAfter = n;
    },
    upload(name: string): Answer {
      call();
      const id = `p${photos.size + 1}`;
      photos.set(id, name);
      return { ok: true, data: id };
    },
    apply(story: string, photoIds: string[]): Answer {
      call();
      if (!story.trim()) return { ok: false, message: '请写一写发生了什么。' };
      applications.push({ story, photoIds });
      return { ok: true, data: { case: applications.length } };
    },
  };
}

function sender(s: ReturnType<typeof server>) {
  return inSteps<Application>((e) => [
    ...e.payload.photos.map(
      (name, i): Step<Application> => ({ name: `photo-${i}`, send: async () => s.upload(name) }),
    ),
    {
      name: 'application',
      send: async (entry, done) => s.apply(entry.payload.story, entry.payload.photos.map((_, i) => done[`photo-${i}`] as string)),
    },
  ]);
}

function entry(payload: Application): OutboxEntry<Application> {
  return { seq: 1, id: 'a1', kind: 'aid', group: 'aid', payload, label: '申请', createdAt: 0, state: 'waiting', tries: 0 };
}

// A photo's upload and the application, each confirmed step kept; the signal drops after the
// second photo, and the next try sends only what the server has not confirmed.
test('an entry sent in steps resumes after the last confirmed step', async () => {
  const s = server();
  const send = sender(s);
  const e = entry({ photos: ['欠条.jpg', '考勤表.jpg', '工资条.jpg'], story: '老板欠了三个月工资' });
  const saved: Record<string, unknown>[] = [];
  const progress = async (en: OutboxEntry, done: Record<string, unknown>) => {
    saved.push({ ...done });
    en.done = { ...done }; // what the outbox does: the entry keeps its confirmed steps
  };
  s.dropAfter(2);
  await assert.rejects(send([e], progress), RetryLater);
  assert.deepEqual(saved.at(-1), { 'photo-0': 'p1', 'photo-1': 'p2' });
  assert.equal(s.applications.length, 0);

  s.dropAfter(Infinity);
  const [answer] = await send([e], progress);
  assert.ok(answer.ok);
  assert.equal(s.photos.size, 3, 'no photo is sent twice');
  assert.deepEqual(s.applications, [{ story: '老板欠了三个月工资', photoIds: ['p1', 'p2', 'p3'] }]);
  assert.deepEqual(answer.data, { 'photo-0': 'p1', 'photo-1': 'p2', 'photo-2': 'p3', application: { case: 1 } });
});

test("a refused step refuses the entry with the server's reason; the confirmed photos stay confirmed", async () => {
  const s = server();
  const e = entry({ photos: ['欠条.jpg'], story: ' ' });
  const [answer] = await sender(s)([e], async (en, done) => {
    en.done = { ...done };
  });
  assert.deepEqual(answer, { ok: false, message: '请写一写发生了什么。' });
  assert.deepEqual(e.done, { 'photo-0': 'p1' });
});
