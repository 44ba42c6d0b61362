// One phone rule and one mask in the browser, held to the same vectors as the server's
// (tests/vectors/phone.json; tests/test_phone_rule.py holds server/pii.py to them).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { cleanPhone, contactPhone, isMobile, maskPhone } from '../src/core/phone.ts';

const vectors = JSON.parse(readFileSync(join(process.cwd(), '..', 'tests', 'vectors', 'phone.json'), 'utf8'));

test('each phone is kept or refused as the vectors say', () => {
  assert.ok(vectors.normalise.length > 0);
  assert.deepEqual(vectors.normalise.map(([raw]) => [raw, isMobile(raw) ? cleanPhone(raw) : null]), vectors.normalise);
});

test('each phone is masked as the vectors say', () => {
  assert.ok(vectors.mask.length > 0);
  assert.deepEqual(vectors.mask.map(([raw]) => [raw, maskPhone(raw)]), vectors.mask);
});

test("each employer's phone is kept or refused as the vectors say", () => {
  assert.ok(vectors.contact.length > 0);
  assert.deepEqual(vectors.contact.map(([raw]) => [raw, contactPhone(raw)]), vectors.contact);
});
