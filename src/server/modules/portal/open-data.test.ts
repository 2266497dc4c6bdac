import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform } from '../../../../test/support/db.js';
import { createDistrict } from '../../../../test/support/factories.js';
import { createApp, TestClient } from '../../../../test/support/http.js';
import { inTransaction } from '../../db/database.js';
import { registerInTx } from '../opinions/registration.js';

let t: Awaited<ReturnType<typeof createTestPlatform>>;
let app: Awaited<ReturnType<typeof createApp>>;
let d: Awaited<ReturnType<typeof createDistrict>>;

beforeAll(async () => {
  t = await createTestPlatform();
  app = await createApp(t.platform);
  d = await createDistrict(t.platform);
  const cat = async (code: string) =>
    (await t.platform.db.selectFrom('opinion_category').select('id').where('code', '=', code).executeTakeFirstOrThrow())
      .id;
  const roads = await cat('urban.roads');
  const noise = await cat('environment.noise');
  const add = (orgId: number, categoryId: number, at: string) =>
    inTransaction(t.platform.db, async (trx) => {
      const r = await registerInTx(
        trx,
        t.platform,
        { orgId, channel: 'visit', content: '测试意见', categoryId, deputyIds: [], constituent: { anonymous: true } },
        { kind: 'constituent' },
      );
      await trx
        .updateTable('opinion')
        .set({ created_at: new Date(at) })
        .where('id', '=', r.id)
        .execute();
    });
  // March 2026 (Beijing time): 6 about roads in street A, 2 about noise in street B.
  for (let i = 0; i < 6; i++) await add(d.orgs.stationA.id, roads, `2026-03-${10 + i}T10:00:00+08:00`);
  await add(d.orgs.stationB.id, noise, '2026-03-20T10:00:00+08:00');
  // The first of March just after midnight in Beijing is still 28 February in UTC: it counts for March.
  await add(d.orgs.stationB.id, noise, '2026-03-01T00:30:00+08:00');
  // Ten past midnight on 1 April in Beijing is still 31 March in UTC: it belongs to April.
  await add(d.orgs.stationA.id, noise, '2026-04-01T00:10:00+08:00');
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('open data', () => {
  it('publishes a month by category, street, state and satisfaction, with cells under 5 suppressed', async () => {
    const c = new TestClient(app);
    const res = await c.get<{ total: number; cells: { dimension: string; key: string; count: number | null }[] }>(
      '/api/public/open-data/2026-03.json',
    );
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(8);
    const cell = (dimension: string, key: string) =>
      res.body.cells.find((x) => x.dimension === dimension && x.key === key);
    expect(cell('category', '城乡建设')!.count).toBe(6);
    expect(cell('category', '环境保护')!.count).toBeNull();
    expect(cell('street', d.orgs.streetA.name)!.count).toBe(6);
    expect(cell('street', d.orgs.streetB.name)!.count).toBeNull();
    expect(cell('state', '已登记')!.count).toBe(8);
    const csv = await c.get<string>('/api/public/open-data/2026-03.csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    const text = csv.raw.toString('utf8');
    expect(text.startsWith('\uFEFF月份,维度,项目,件数')).toBe(true);
    expect(text).toContain('2026-03,分类,城乡建设,6');
    expect(text).toContain('2026-03,分类,环境保护,<5');
    expect(text).not.toMatch(/,环境保护,[1-4]\r/);
  });

  it('names a bad month', async () => {
    const res = await new TestClient(app).get<{ error: { fields: { path: string }[] } }>(
      '/api/public/open-data/2026-13.csv',
    );
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0]!.path).toBe('params.month');
  });
});
