import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegionView } from '../../../contracts/regions.js';
import { createTestPlatform } from '../../../../test/support/db.js';
import { createDistrict, PASSWORD } from '../../../../test/support/factories.js';
import { createApp, signedIn } from '../../../../test/support/http.js';
import { inTransaction } from '../../db/database.js';
import { importRegions, loadRegionFile } from './service.js';

let t: Awaited<ReturnType<typeof createTestPlatform>>;
let app: FastifyInstance;
let d: Awaited<ReturnType<typeof createDistrict>>;
const as = signedIn(
  () => app,
  () => d.users,
  PASSWORD,
);

beforeAll(async () => {
  t = await createTestPlatform();
  app = await createApp(t.platform);
  d = await createDistrict(t.platform);
  await inTransaction(t.platform.db, (trx) =>
    importRegions(
      t.platform,
      trx,
      { actor: null, requestId: 't', ip: null, userAgent: null },
      loadRegionFile('330206'),
    ),
  );
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('the region tree through the API', () => {
  it('is browsed level by level, searched by name, and read by code', async () => {
    const c = await as('streetOfficerA');
    const top = await c.get<{ items: RegionView[] }>('/api/regions');
    expect(top.body.items.map((r) => r.code)).toContain('330000');
    const streets = await c.get<{ items: RegionView[] }>('/api/regions?parentCode=330206');
    expect(streets.body.items.find((r) => r.name === '新碶街道')).toMatchObject({
      code: '330206002',
      level: 'township',
      hasChildren: true,
    });
    const found = await c.get<{ items: RegionView[] }>(`/api/regions?q=${encodeURIComponent('新碶')}`);
    expect(found.body.items.map((r) => r.code)).toContain('330206002');
    const some = await c.get<{ items: RegionView[] }>('/api/regions?codes=330206002,330206001');
    expect(some.body.items.map((r) => r.code).sort()).toEqual(['330206001', '330206002']);
  });

  it('an administrator corrects a name and adds a community; both audited with before and after', async () => {
    const admin = await as('admin');
    const renamed = await admin.request<RegionView>('PATCH', '/api/regions/330206001001', { name: '海湾社区居委会' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('海湾社区居委会');
    const added = await admin.post<RegionView>('/api/regions', {
      code: '330206001099',
      name: '新建测试社区',
      parentCode: '330206001',
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ level: 'village', parentCode: '330206001', hasChildren: false });
    const path = await t.platform.db
      .selectFrom('region')
      .select('path')
      .where('code', '=', '330206001099')
      .executeTakeFirstOrThrow();
    expect(path.path).toBe('330000.330200.330206.330206001.330206001099');
    const audit = await t.platform.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('subject_type', '=', 'region')
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'region.update', summary: { before: { name: '海湾居委会' }, after: { name: '海湾社区居委会' } } },
      {
        action: 'region.create',
        summary: { after: { code: '330206001099', name: '新建测试社区', parentCode: '330206001', level: 'village' } },
      },
    ]);
  });

  it('refuses others, and bad codes naming the field', async () => {
    expect((await (await as('districtOfficer')).request('PATCH', '/api/regions/330206001', { name: 'x' })).status).toBe(
      403,
    );
    expect(
      (
        await (
          await as('streetOfficerA')
        ).post('/api/regions', { code: '330206001098', name: 'x', parentCode: '330206001' })
      ).status,
    ).toBe(403);
    const admin = await as('admin');
    const bad = await admin.post<{ error: { fields: { path: string }[] } }>('/api/regions', {
      code: '440000001001',
      name: '别处',
      parentCode: '330206001',
    });
    expect(bad.body.error.fields[0]!.path).toBe('body.code');
    const below = await admin.post<{ error: { fields: { path: string }[] } }>('/api/regions', {
      code: '330206001002',
      name: 'x',
      parentCode: '330206001001',
    });
    expect(below.body.error.fields[0]!.path).toBe('body.parentCode');
    expect((await admin.request('PATCH', '/api/regions/330206999999', { name: 'x' })).status).toBe(404);
  });
});
