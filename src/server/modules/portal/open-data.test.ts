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
  // Street A's working committee serves the street 甲街道 (a division): the figures name the street.
  await t.platform.db
    .insertInto('region')
    .values({ code: '330206999', name: '甲街道', level: 'township', parent_code: null, path: 'r330206999' })
    .onConflict((oc) => oc.doNothing())
    .execute();
  await t.platform.db
    .updateTable('organization')
    .set({ region_code: '330206999' })
    .where('id', '=', d.orgs.streetA.id)
    .execute();
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
    expect(cell('street', '甲街道')!.count).toBe(6);
    expect(cell('street', d.orgs.streetA.name)).toBeUndefined();
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

  it('lists states in the order of the workflow and all five satisfaction levels, in both languages', async () => {
    const { platform: p } = t;
    // Two of March's opinions get further: one sorted, one answered on the spot.
    const ids = (
      await p.db
        .selectFrom('opinion')
        .select('id')
        .where('created_at', '<', new Date('2026-03-31T00:00:00+08:00'))
        .orderBy('id')
        .execute()
    ).map((r) => r.id);
    await p.db.updateTable('opinion').set({ state: 'triaged' }).where('id', '=', ids[0]!).execute();
    await p.db.updateTable('opinion').set({ state: 'answered' }).where('id', '=', ids[1]!).execute();
    const res = await new TestClient(app).get<{
      cells: { dimension: string; code: string; key: string; keyEn: string; count: number | null }[];
      satisfaction: { rated: number | null; satisfiedPercent: number | null };
    }>('/api/public/open-data/2026-03.json');
    const of = (dim: string) => res.body.cells.filter((c) => c.dimension === dim);
    expect(of('state').map((c) => c.code)).toEqual(['registered', 'triaged', 'answered']);
    expect(of('state').map((c) => c.keyEn)).toEqual(['registered', 'sorted', 'answered on the spot']);
    expect(of('satisfaction').map((c) => [c.code, c.count])).toEqual([
      ['verySatisfied', 0],
      ['satisfied', 0],
      ['basicallySatisfied', 0],
      ['dissatisfied', 0],
      ['veryDissatisfied', 0],
    ]);
    expect(res.body.satisfaction).toEqual({ rated: 0, satisfiedPercent: null });
    expect(of('category').find((c) => c.key === '城乡建设')!.keyEn).toMatch(/^[A-Za-z ,&-]+$/);
  });

  it('names a bad month', async () => {
    const res = await new TestClient(app).get<{ error: { fields: { path: string }[] } }>(
      '/api/public/open-data/2026-13.csv',
    );
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0]!.path).toBe('params.month');
  });
});
