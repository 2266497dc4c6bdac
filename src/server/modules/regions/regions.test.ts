import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform } from '../../../../test/support/db.js';
import { inTransaction } from '../../db/database.js';
import { importRegions, loadRegionFile, type RegionRow } from './service.js';

let t: Awaited<ReturnType<typeof createTestPlatform>>;
const ctx = { actor: null, requestId: 'test', ip: null, userAgent: null };

beforeAll(async () => {
  t = await createTestPlatform();
});
afterAll(async () => t.close());

describe('regions', () => {
  it('imports the shipped 北仑区 subtree with real NBS codes and whole ltree paths', async () => {
    const rows = loadRegionFile('330206');
    const n = await inTransaction(t.platform.db, (trx) => importRegions(t.platform, trx, ctx, rows));
    expect(n).toBe(rows.length);
    const xinqi = await t.platform.db
      .selectFrom('region')
      .selectAll()
      .where('name', '=', '新碶街道')
      .executeTakeFirstOrThrow();
    expect(xinqi).toMatchObject({ code: '330206002', level: 'township', path: '330000.330200.330206.330206002' });
    const communities = await t.platform.db
      .selectFrom('region')
      .select('code')
      .where('parent_code', '=', '330206002')
      .execute();
    expect(communities.length).toBeGreaterThan(10);
  });

  it('a second import corrects names in place instead of duplicating', async () => {
    const rows = loadRegionFile('330206').map((r): RegionRow =>
      r[0] === '330206002' ? [r[0], '新碶街道（更正）', r[2], r[3]] : r,
    );
    await inTransaction(t.platform.db, (trx) => importRegions(t.platform, trx, ctx, rows));
    const found = await t.platform.db.selectFrom('region').select('name').where('code', '=', '330206002').execute();
    expect(found).toEqual([{ name: '新碶街道（更正）' }]);
  });

  it('refuses rows whose parent is unknown, changing nothing', async () => {
    const before = await t.platform.db
      .selectFrom('region')
      .select((e) => e.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    await expect(
      inTransaction(t.platform.db, (trx) =>
        importRegions(t.platform, trx, ctx, [['999999001', '无主街道', 'township', '999999']]),
      ),
    ).rejects.toThrow(/parent 999999 is missing/);
    const after = await t.platform.db
      .selectFrom('region')
      .select((e) => e.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});
