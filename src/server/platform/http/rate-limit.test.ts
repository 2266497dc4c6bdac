import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform } from '../../../../test/support/db.js';
import { AppError } from '../errors/errors.js';
import { hit, purgeRateCounters } from './rate-limit.js';

let t: Awaited<ReturnType<typeof createTestPlatform>>;
beforeAll(async () => {
  t = await createTestPlatform();
});
afterAll(() => t.close());

const counts = async (prefix: string) =>
  Object.fromEntries(
    (
      await t.platform.db
        .selectFrom('rate_counter')
        .select(['key', 'count'])
        .where('key', 'like', `${prefix}%`)
        .execute()
    ).map((r) => [r.key, r.count]),
  );

describe('rate limits in the database', () => {
  const now = new Date('2026-12-07T02:10:30Z');

  it('counts one attempt against every limit at once, and refuses when any is over, saying when to retry', async () => {
    const limits = [
      { key: 'a:hour', max: 5, windowSeconds: 3600 },
      { key: 'a:minute', max: 2, windowSeconds: 60 },
    ];
    await hit(t.platform.db, limits, now);
    await hit(t.platform.db, limits, now);
    const refused = await hit(t.platform.db, limits, now).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 30 } });
    // Refused attempts are attempts: both counters moved.
    expect(await counts('a:')).toEqual({ 'a:hour': 3, 'a:minute': 3 });
    // The next minute's window lets it through again (the hour still counts).
    await hit(t.platform.db, limits, new Date('2026-12-07T02:11:00Z'));
    expect(await counts('a:hour')).toEqual({ 'a:hour': 4 });
  });

  it('the same counter named twice in one call is counted once, against the stricter limit', async () => {
    const limits = [
      { key: 'b', max: 9, windowSeconds: 60 },
      { key: 'b', max: 1, windowSeconds: 60 },
    ];
    await hit(t.platform.db, limits, now);
    expect(await counts('b')).toEqual({ b: 1 });
    await expect(hit(t.platform.db, limits, now)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('the first limit over, in the order given, says when to retry', async () => {
    const limits = [
      { key: 'c:day', max: 1, windowSeconds: 86400 },
      { key: 'c:minute', max: 1, windowSeconds: 60 },
    ];
    await hit(t.platform.db, limits, now);
    await expect(hit(t.platform.db, limits, now)).rejects.toMatchObject({
      details: { retryAfterSeconds: 86400 - (2 * 3600 + 10 * 60 + 30) },
    });
  });

  it('windows older than two days are purged; current ones stay', async () => {
    const old = new Date(Date.now() - 3 * 86_400_000);
    await hit(t.platform.db, [{ key: 'purge:old', max: 5, windowSeconds: 60 }], old);
    await hit(t.platform.db, [{ key: 'purge:new', max: 5, windowSeconds: 60 }]);
    await purgeRateCounters(t.platform.db);
    expect(Object.keys(await counts('purge:'))).toEqual(['purge:new']);
  });
});
