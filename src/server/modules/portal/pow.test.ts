import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform } from '../../../../test/support/db.js';
import { purgeSpent } from './pow.js';

let t: Awaited<ReturnType<typeof createTestPlatform>>;
beforeAll(async () => {
  t = await createTestPlatform();
});
afterAll(() => t.close());

describe('spent proof-of-work solutions', () => {
  it('are purged once expired (their expiry refuses a replay by then); unexpired ones stay', async () => {
    const db = t.platform.db;
    await db
      .insertInto('pow_spent')
      .values([
        { signature: 'expired', expires_at: new Date(Date.now() - 60_000) },
        { signature: 'valid', expires_at: new Date(Date.now() + 20 * 60_000) },
      ])
      .execute();
    await purgeSpent(db);
    const left = await db.selectFrom('pow_spent').select('signature').execute();
    expect(left.map((r) => r.signature)).toEqual(['valid']);
  });
});
