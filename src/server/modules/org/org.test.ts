import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportProblem } from '../../../contracts/imports.js';
import type { OrgView } from '../../../contracts/org.js';
import { createTestPlatform } from '../../../../test/support/db.js';
import { createDistrict, PASSWORD } from '../../../../test/support/factories.js';
import { download } from '../../../../test/support/files.js';
import { createApp, signedIn } from '../../../../test/support/http.js';
import { readTable, writeTable } from '../../platform/files/table-file.js';
import { unitColumns } from './import.js';

let t: Awaited<ReturnType<typeof createTestPlatform>>;
let app: FastifyInstance;
let d: Awaited<ReturnType<typeof createDistrict>>;

const as = signedIn(
  () => app,
  () => d.users,
  PASSWORD,
);

type Fields = { error: { code: string; fields: { path: string; message: string }[] } };

beforeAll(async () => {
  t = await createTestPlatform();
  app = await createApp(t.platform);
  d = await createDistrict(t.platform);
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const auditOf = (type: string, id: number) =>
  t.platform.db
    .selectFrom('audit_log')
    .select(['action', 'summary', 'actor_name'])
    .where('subject_type', '=', type)
    .where('subject_id', '=', String(id))
    .orderBy('id')
    .execute();

describe('organisations', () => {
  it('a district officer creates bodies in the tree; each creation is audited with what was set', async () => {
    const c = await as('districtOfficer');
    const committee = await c.post<OrgView>('/api/orgs', {
      parentId: d.orgs.root.id,
      name: '测试区人大常委会代表工作委员会',
      kind: 'deputyAffairsCommittee',
    });
    expect(committee.status).toBe(201);
    expect(committee.body).toMatchObject({ parentId: d.orgs.root.id, kind: 'deputyAffairsCommittee', active: true });
    const bureau = await c.post<OrgView>('/api/orgs', {
      parentId: d.orgs.root.id,
      name: '测试区住房和城乡建设局',
      kind: 'department',
      code: 'ZJJ',
      contactPerson: '冯联系',
      contactPhone: '0574-86780000',
    });
    expect(bureau.body).toMatchObject({ code: 'ZJJ', contactPerson: '冯联系', contactPhone: '0574-86780000' });
    const tree = await c.get<{ items: OrgView[] }>('/api/orgs');
    expect(tree.body.items.map((o) => o.id)).toContain(bureau.body.id);
    const audit = await auditOf('organization', bureau.body.id);
    expect(audit.map((a) => a.action)).toEqual(['org.create']);
    expect(audit[0]!.summary).toMatchObject({ after: { name: '测试区住房和城乡建设局', kind: 'department' } });
  });

  it('a street officer manages the bodies below their committee, not the committee itself, not another street', async () => {
    const a = await as('streetOfficerA');
    const office = await a.post<OrgView>('/api/orgs', {
      parentId: d.orgs.streetA.id,
      name: '甲街道社区服务中心',
      kind: 'other',
    });
    expect(office.status).toBe(201);
    const renamed = await a.request<OrgView>('PATCH', `/api/orgs/${office.body.id}`, { name: '甲街道便民服务中心' });
    expect(renamed.body.name).toBe('甲街道便民服务中心');
    expect((await auditOf('organization', office.body.id)).at(-1)!.summary).toEqual({
      before: { name: '甲街道社区服务中心' },
      after: { name: '甲街道便民服务中心' },
    });
    // Their own committee is managed from above.
    expect((await a.request('PATCH', `/api/orgs/${d.orgs.streetA.id}`, { name: 'x' })).status).toBe(403);
    // Street B does not exist for them.
    expect((await a.post('/api/orgs', { parentId: d.orgs.streetB.id, name: 'x', kind: 'other' })).status).toBe(404);
    expect((await a.get(`/api/orgs/${d.orgs.streetB.id}`)).status).toBe(404);
    expect((await a.request('PATCH', `/api/orgs/${d.orgs.streetB.id}`, { name: 'x' })).status).toBe(404);
    // Roles without org.manage change nothing (what they may read is forbidden, not hidden).
    expect(
      (
        await (
          await as('liaisonOfficerA')
        ).post('/api/orgs', { parentId: d.orgs.stationA.id, name: 'x', kind: 'other' })
      ).status,
    ).toBe(403);
    expect(
      (await (await as('auditor')).post('/api/orgs', { parentId: d.orgs.root.id, name: 'x', kind: 'other' })).status,
    ).toBe(403);
  });

  it('deactivates instead of deleting; a body with active bodies below stays active until they are done', async () => {
    const c = await as('districtOfficer');
    const parent = (
      await c.post<OrgView>('/api/orgs', { parentId: d.orgs.root.id, name: '上级测试机构', kind: 'other' })
    ).body;
    const child = (await c.post<OrgView>('/api/orgs', { parentId: parent.id, name: '下级测试机构', kind: 'other' }))
      .body;
    const refused = await c.request<Fields>('PATCH', `/api/orgs/${parent.id}`, { active: false });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields[0]!.path).toBe('body.active');
    expect((await c.request<OrgView>('PATCH', `/api/orgs/${child.id}`, { active: false })).body.active).toBe(false);
    expect((await c.request<OrgView>('PATCH', `/api/orgs/${parent.id}`, { active: false })).body.active).toBe(false);
    // Nothing new goes below a deactivated body, and it can still be read.
    const below = await c.post<Fields>('/api/orgs', { parentId: parent.id, name: 'x', kind: 'other' });
    expect(below.body.error.fields[0]!.path).toBe('body.parentId');
    expect((await c.get<OrgView>(`/api/orgs/${parent.id}`)).body.active).toBe(false);
    expect((await c.request('DELETE', `/api/orgs/${parent.id}`)).status).toBe(404);
  });

  it('refuses bad input naming the fields, in Chinese and English, and changes nothing', async () => {
    const c = await as('districtOfficer');
    const before = await t.platform.db
      .selectFrom('organization')
      .select((e) => e.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const res = await c.post<Fields>('/api/orgs', {
      parentId: d.orgs.root.id,
      name: '',
      kind: 'station',
      contactPhone: 'call me',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f) => f.path).sort()).toEqual(['body.contactPhone', 'body.kind', 'body.name']);
    const region = await c.post<Fields>('/api/orgs', {
      parentId: d.orgs.root.id,
      name: 'x',
      kind: 'other',
      regionCode: '999999',
    });
    expect(region.body.error.fields).toEqual([{ path: 'body.regionCode', message: '行政区划不存在' }]);
    const en = await app.inject({
      method: 'POST',
      url: '/api/orgs',
      headers: { cookie: '', 'accept-language': 'en' },
      payload: {},
    });
    expect(en.statusCode).toBe(403); // no CSRF token: refused before anything else
    await c.post('/api/orgs', { parentId: d.orgs.root.id, name: '编号甲', kind: 'other', code: 'DUP1' });
    const dup = await c.post<Fields>('/api/orgs', {
      parentId: d.orgs.root.id,
      name: '编号乙',
      kind: 'other',
      code: 'DUP1',
    });
    expect(dup.body.error.fields[0]!.path).toBe('body.code');
    const after = await t.platform.db
      .selectFrom('organization')
      .select((e) => e.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n) + 1);
  });
});

describe('handling units', () => {
  it('lists the units in scope with contacts; another street’s unit is not found', async () => {
    const b = await as('streetOfficerB');
    const unitB = (
      await b.post<OrgView>('/api/orgs', {
        parentId: d.orgs.streetB.id,
        name: '乙街道办事处',
        kind: 'streetOffice',
        contactPerson: '钱联系',
        contactPhone: '13700001111',
      })
    ).body;
    const a = await as('streetOfficerA');
    await a.request('PATCH', `/api/orgs/${d.orgs.officeA.id}`, {
      contactPerson: '赵联系',
      contactPhone: '0574-1234567',
    });
    const list = await a.get<{ items: OrgView[] }>('/api/orgs/units?limit=100');
    expect(list.body.items.map((u) => u.name)).toContain(d.orgs.officeA.name);
    expect(list.body.items.map((u) => u.id)).not.toContain(unitB.id);
    expect(list.body.items.find((u) => u.id === d.orgs.officeA.id)).toMatchObject({ contactPerson: '赵联系' });
    expect((await a.get(`/api/orgs/${unitB.id}`)).status).toBe(404);
    expect((await a.request('PATCH', `/api/orgs/${unitB.id}`, { contactPhone: '13700002222' })).status).toBe(404);
    expect((await b.get<OrgView>(`/api/orgs/${unitB.id}`)).body.contactPhone).toBe('13700001111');
    const byInitials = await (await as('districtOfficer')).get<{ items: OrgView[] }>('/api/orgs/units?q=yjdbsc');
    expect(byInitials.body.items.map((u) => u.id)).toEqual([unitB.id]);
  });

  it('imports units all or nothing with a per-row report; re-importing the same file changes nothing; updates by code', async () => {
    const c = await as('districtOfficer');
    const post = async (rows: string[][]) =>
      c.request<
        { total: number; created: number; updated: number; unchanged: number } & {
          error?: { code: string; details: { rows: ImportProblem[] } };
        }
      >('POST', `/api/orgs/units/import?orgId=${d.orgs.root.id}`, undefined, {
        raw: (await writeTable(rows)) as unknown as string,
        headers: { 'content-type': 'application/octet-stream' },
      });
    const good = [
      [...unitColumns],
      ['U1', '测试区水利局', '政府部门', '', '', '孙水', '0574-11112222', '启用'],
      ['U2', '测试区教育局', '政府部门', '', '', '', '', ''],
      ['', '甲街道综合行政执法队', '政府部门', d.orgs.streetA.name, '', '', '', ''],
    ];
    const bad = good.map((r) => [...r]);
    bad[2]![2] = '学校';
    bad[3]![3] = '不存在的机构';
    bad.push(['U1', '重复编号', '政府部门', '', '', '', '', '']);
    const refused = await post(bad);
    expect(refused.status).toBe(422);
    expect(refused.body.error!.details.rows.map((r) => [r.row, r.column])).toEqual([
      [3, '类型'],
      [4, '上级机构'],
      [5, '编号'],
    ]);
    const none = await c.get<{ items: OrgView[] }>('/api/orgs/units?q=测试区水利局');
    expect(none.body.items).toHaveLength(0);

    expect((await post(good)).body).toEqual({ total: 3, created: 3, updated: 0, unchanged: 0 });
    expect((await post(good)).body).toEqual({ total: 3, created: 0, updated: 0, unchanged: 3 });
    const renamed = good.map((r) => [...r]);
    renamed[1]![1] = '测试区水利和渔业局';
    expect((await post(renamed)).body).toEqual({ total: 3, created: 0, updated: 1, unchanged: 2 });
    const unit = (await c.get<{ items: OrgView[] }>('/api/orgs/units?q=U1')).body.items[0]!;
    expect(unit).toMatchObject({
      name: '测试区水利和渔业局',
      code: 'U1',
      contactPerson: '孙水',
      parentId: d.orgs.root.id,
    });
    const execUnit = (await c.get<{ items: OrgView[] }>('/api/orgs/units?q=综合行政执法')).body.items[0]!;
    expect(execUnit.parentId).toBe(d.orgs.streetA.id);

    // The street officer cannot import into the district, nor see these district units.
    const a = await as('streetOfficerA');
    const denied = await a.request('POST', `/api/orgs/units/import?orgId=${d.orgs.root.id}`, undefined, {
      raw: (await writeTable(good)) as unknown as string,
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(denied.status).toBe(404);
  });

  it('offers a template and exports the list as filtered', async () => {
    const c = await as('districtOfficer');
    const tpl = await c.get('/api/orgs/units/import-template');
    expect(tpl.headers['content-type']).toContain('spreadsheetml');
    const exp = await download(app, c, `/api/orgs/units/export?q=${encodeURIComponent('测试区')}&kind=department`);
    expect(exp.status).toBe(200);
    const table = await readTable(exp.bytes);
    expect(table[0]).toEqual([...unitColumns]);
    expect(table.slice(1).every((r) => r[2] === '政府部门' && r[1]!.startsWith('测试区'))).toBe(true);
  });
});
