import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestPlatform } from '../../../../test/support/db.js';
import { createDistrict, PASSWORD } from '../../../../test/support/factories.js';
import { startFakeSms, type FakeSms } from '../../../../test/support/fakes/sms.js';
import { createApp, signedIn } from '../../../../test/support/http.js';
import { messageTypeNames } from '../../../contracts/notify.js';
import { inTransaction } from '../../db/database.js';
import { modules } from '../../modules/index.js';
import { startJobs, type RunningJobs } from '../jobs/start.js';
import { backoff, quietUntil } from './delivery.js';
import { enqueue } from './outbox.js';
import type { FastifyInstance } from 'fastify';

// The whole path through the real job runner (pg-boss on the test database) to a fake Alibaba
// Cloud SMS server that checks every signature: retries with back-off, dead letters, retry by hand.

let fake: FakeSms;
let t: Awaited<ReturnType<typeof createTestPlatform>>;
let running: RunningJobs;
let app: FastifyInstance;
let d: Awaited<ReturnType<typeof createDistrict>>;
const as = signedIn(
  () => app,
  () => d.users,
  PASSWORD,
);

beforeAll(async () => {
  fake = await startFakeSms({ provider: 'aliyun', keyId: 'LTAI5tTestKey', secret: 'test-secret-of-aliyun' });
  t = await createTestPlatform({
    LIAISON_SMS_PROVIDER: 'aliyun',
    LIAISON_SMS_ENDPOINT: fake.url,
    LIAISON_SMS_KEY_ID: 'LTAI5tTestKey',
    LIAISON_SMS_KEY_SECRET: 'test-secret-of-aliyun',
    LIAISON_SMS_SIGN_NAME: '北仑区人大',
    LIAISON_SMS_TEMPLATES: messageTypeNames.map((type, i) => `${type}=SMS_10000${i}`).join(','),
    LIAISON_NOTIFY_RETRY_SECONDS: '1',
    LIAISON_NOTIFY_MAX_ATTEMPTS: '3',
    LIAISON_NOTIFY_QUIET_HOURS: 'off',
    LIAISON_JOBS_POLL_SECONDS: '0.5',
  });
  d = await createDistrict(t.platform);
  app = await createApp(t.platform);
  running = await startJobs(t.platform, t.database.ownerUrl, pino({ level: 'silent' }), modules);
});
afterAll(async () => {
  await running?.stop();
  await app?.close();
  await t?.close();
  await fake?.close();
});

/** Sends an opinion receipt to a phone, in its own committed transaction; returns its dedupe key. */
async function receipt(phone: string, key: string) {
  await inTransaction(t.platform.db, (trx) =>
    enqueue(trx, {
      type: 'opinion.receipt',
      to: { phoneSealed: t.platform.fields.encrypt(phone) },
      vars: { receiptCode: key.toUpperCase(), followUrl: 'https://liaison.example/f/1' },
      dedupeKey: key,
    }),
  );
  return key;
}

async function deliveryOf(key: string) {
  return t.platform.db
    .selectFrom('notify_delivery as d')
    .innerJoin('notify_message as m', 'm.id', 'd.message_id')
    .select(['d.id', 'd.status', 'd.attempts', 'd.last_error', 'd.address_masked'])
    .where('m.dedupe_key', '=', key)
    .executeTakeFirst();
}

const waitFor = <T>(fn: () => Promise<T>) => vi.waitFor(fn, { timeout: 40_000, interval: 200 });
const sentTo = (phone: string) => fake.accepted.filter((s) => s.phone === phone);

describe('delivery through the outbox', () => {
  it('never sends a message whose transaction rolled back', async () => {
    await expect(
      inTransaction(t.platform.db, async (trx) => {
        await enqueue(trx, {
          type: 'opinion.receipt',
          to: { phoneSealed: t.platform.fields.encrypt('13900000001') },
          vars: { receiptCode: 'ROLLED-BACK', followUrl: 'https://liaison.example/f/1' },
          dedupeKey: 'rolled-back',
        });
        throw new Error('the use case failed after writing its message');
      }),
    ).rejects.toThrow('use case failed');
    // A committed message written after it goes out: the pipeline ran past the rolled-back one.
    const key = await receipt('13900000002', 'committed-after');
    await waitFor(async () => expect((await deliveryOf(key))?.status).toBe('sent'));
    expect(sentTo('13900000002')).toHaveLength(1);
    expect(sentTo('13900000001')).toHaveLength(0);
    expect(await deliveryOf('rolled-back')).toBeUndefined();
    const sms = sentTo('13900000002')[0]!;
    expect(sms).toMatchObject({ signName: '北仑区人大', templateId: 'SMS_100000' });
    expect(sms.params).toMatchObject({ receiptCode: 'COMMITTED-AFTER' });
    expect((sms.params as Record<string, string>).stopUrl).toMatch(
      /^http:\/\/localhost:3000\/u\/[0-9a-z]+\.[\w-]{16}$/,
    );
  });

  it('delivers exactly once when the provider fails twice and then succeeds', async () => {
    const failedBefore = fake.failed;
    fake.failNext(2);
    const key = await receipt('13900000003', 'fails-twice');
    await waitFor(async () => expect((await deliveryOf(key))?.status).toBe('sent'));
    const delivery = (await deliveryOf(key))!;
    expect(fake.failed - failedBefore).toBe(2);
    expect(sentTo('13900000003')).toHaveLength(1);
    expect(delivery.attempts).toBe(3);
    const attempts = await t.platform.db
      .selectFrom('notify_attempt')
      .select(['attempt', 'ok'])
      .where('delivery_id', '=', delivery.id)
      .orderBy('id')
      .execute();
    expect(attempts).toEqual([
      { attempt: 1, ok: false },
      { attempt: 2, ok: false },
      { attempt: 3, ok: true },
    ]);
    // Sending the job again (a duplicate) changes nothing: the delivery is no longer claimable.
    await running.jobs.send('notify-deliver', { id: delivery.id });
    running.jobs.wake('notify-deliver');
    await receipt('13900000013', 'after-duplicate');
    await waitFor(async () => expect((await deliveryOf('after-duplicate'))?.status).toBe('sent'));
    expect(sentTo('13900000003')).toHaveLength(1);
  });

  it('ends in the dead letters when the provider is down for the whole retry window; visible and retryable', async () => {
    fake.setDown(true);
    const key = await receipt('13900000004', 'provider-down');
    try {
      await waitFor(async () => expect((await deliveryOf(key))?.status).toBe('dead'));
    } finally {
      fake.setDown(false);
    }
    const dead = (await deliveryOf(key))!;
    expect(dead.attempts).toBe(3);
    expect(dead.last_error).toMatch(/ServiceUnavailable/);
    expect(sentTo('13900000004')).toHaveLength(0);

    const admin = await as('admin');
    const list = await admin.get<{ items: { id: number; status: string; recipient: string }[] }>(
      '/api/notify/deliveries?status=dead',
    );
    expect(list.status).toBe(200);
    expect(list.body.items).toContainEqual(
      expect.objectContaining({ id: dead.id, status: 'dead', recipient: '139****0004' }),
    );
    expect(JSON.stringify(list.body)).not.toContain('13900000004');

    const retried = await admin.post(`/api/notify/deliveries/${dead.id}/retry`);
    expect(retried.status).toBe(200);
    await waitFor(async () => expect((await deliveryOf(key))?.status).toBe('sent'));
    expect(sentTo('13900000004')).toHaveLength(1);
    const audit = await t.platform.db
      .selectFrom('audit_log')
      .select(['action', 'subject_id'])
      .where('action', '=', 'notify.retry')
      .execute();
    expect(audit).toContainEqual({ action: 'notify.retry', subject_id: String(dead.id) });
  });
});

describe('timing rules', () => {
  it('backs off exponentially from the base delay, capped at an hour', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4].map((a) => backoff(a, 30, mid))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoff(20, 30, mid)).toBe(3_600_000);
    expect(backoff(1, 30, () => 0)).toBe(27_000);
    expect(backoff(1, 30, () => 1)).toBe(33_000);
  });

  it('holds non-urgent SMS in the quiet hours (Beijing time) until they end', () => {
    const quiet = { start: 21 * 60, end: 8 * 60 };
    // 22:30 in Beijing is 14:30 UTC; the quiet hours end at 08:00 Beijing = 00:00 UTC next day.
    expect(quietUntil(new Date('2026-11-24T14:30:00Z'), quiet)?.toISOString()).toBe('2026-11-25T00:00:00.000Z');
    // 07:59 Beijing is still quiet; 08:00 is not; noon is not.
    expect(quietUntil(new Date('2026-11-24T23:59:00Z'), quiet)?.toISOString()).toBe('2026-11-25T00:00:00.000Z');
    expect(quietUntil(new Date('2026-11-25T00:00:00Z'), quiet)).toBeNull();
    expect(quietUntil(new Date('2026-11-25T04:00:00Z'), quiet)).toBeNull();
    expect(quietUntil(new Date('2026-11-25T04:00:00Z'), null)).toBeNull();
    // A window within one day (12:00–14:00).
    expect(quietUntil(new Date('2026-11-25T05:00:00Z'), { start: 720, end: 840 })?.toISOString()).toBe(
      '2026-11-25T06:00:00.000Z',
    );
  });
});
