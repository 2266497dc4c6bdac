import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StationView } from '../../../contracts/stations.js';
import { createTestPlatform } from '../../../../test/support/db.js';
import { createDeputy, createDistrict, createStation, PASSWORD } from '../../../../test/support/factories.js';
import { TestClient, createApp } from '../../../../test/support/http.js';
import { readTable, writeTable } from '../../platform/files/table-file.js';
import { orgsByIds } from '../org/tree.js';
import { membershipsOf } from '../stations/members.js';
import { importColumns, levelsOfDeputies } from './import.js';
import { deputyNames } from './names.js';

let t: Awaited<ReturnType<typeof createTestPlatform>>;
let app: FastifyInstance;
let d: Awaited<ReturnType<typeof createDistrict>>;
let officer: TestClient;
let station: StationView;

const count = async () =>
  Number(
    (
      await t.platform.db
        .selectFrom('deputy')
        .select((e) => e.fn.countAll().as('n'))
        .where('org_id', '=', d.orgs.streetA.id)
        .executeTakeFirstOrThrow()
    ).n,
  );

/** A register of `n` deputies in the county office's columns. */
function register(n: number, station: string) {
  const rows: string[][] = [[...importColumns]];
  for (let i = 1; i <= n; i++) {
    rows.push([
      `D${String(i).padStart(5, '0')}`,
      `代表${i}`,
      i % 2 ? '男' : '女',
      '汉族',
      `19${60 + (i % 40)}.0${1 + (i % 9)}`,
      '中共党员',
      `某单位${i}职员`,
      i % 3 ? '区（县）' : '区（县）、乡镇',
      '直接选举',
      `第${1 + (i % 30)}选区`,
      '第十届',
      `138${String(i).padStart(8, '0')}`,
      '请通过联络站联系',
      i % 10 === 0 ? station : '',
    ]);
  }
  return rows;
}

const post = (rows: string[][], type: 'csv' | 'xlsx') =>
  (type === 'xlsx'
    ? writeTable(rows)
    : Promise.resolve(Buffer.from(`\uFEFF${rows.map((r) => r.join(',')).join('\r\n')}`))
  ).then((body) =>
    officer.request<{
      total?: number;
      created?: number;
      updated?: number;
      unchanged?: number;
      error?: { code: string; details: { rows: { row: number; column: string; problem: string }[] } };
    }>('POST', `/api/deputies/import?orgId=${d.orgs.streetA.id}`, undefined, {
      raw: body as unknown as string,
      headers: {
        'content-type':
          type === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv',
      },
    }),
  );

beforeAll(async () => {
  t = await createTestPlatform();
  app = await createApp(t.platform);
  d = await createDistrict(t.platform);
  officer = new TestClient(app);
  await officer.login(d.users.streetOfficerA.username, PASSWORD);
  station = (
    await officer.post<StationView>('/api/stations', {
      parentId: d.orgs.streetA.id,
      name: '甲街道导入测试联络站',
      kind: 'workstation',
    })
  ).body;
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('deputy register import', () => {
  it('a 5,000-row file with a few bad rows applies nothing and names every bad row', async () => {
    const rows = register(5000, station.name);
    rows[11]![1] = ''; // row 12: no name
    rows[250]![7] = '村级'; // row 251: unknown level
    rows[3001]![11] = '12345'; // row 3002: bad phone
    rows[4500]![13] = '不存在的联络站'; // row 4501
    rows[4999]![0] = 'D00001'; // row 5000 repeats row 2's number
    const res = await post(rows, 'csv');
    expect(res.status).toBe(422);
    expect(res.body.error!.code).toBe('IMPORT_REJECTED');
    expect(res.body.error!.details.rows.map((r) => [r.row, r.column])).toEqual([
      [12, '姓名'],
      [251, '代表层级'],
      [3002, '联系电话'],
      [4501, '所属联络站'],
      [5000, '编号'],
    ]);
    expect(res.body.error!.details.rows[0]!.problem).toMatch(/[\u4e00-\u9fff]/);
    expect(await count()).toBe(0);
  }, 60_000);

  it('the corrected file applies in full; a second import of it changes nothing', async () => {
    const rows = register(5000, station.name);
    const first = await post(rows, 'csv');
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ total: 5000, created: 5000, updated: 0, unchanged: 0 });
    expect(await count()).toBe(5000);
    const members = (await officer.get<StationView>(`/api/stations/${station.id}`)).body.members;
    expect(members).toHaveLength(500);

    const again = await post(rows, 'csv');
    expect(again.body).toEqual({ total: 5000, created: 0, updated: 0, unchanged: 5000 });
    expect(await count()).toBe(5000);

    rows[5]![6] = '新单位职务';
    const changed = await post(rows, 'csv');
    expect(changed.body).toEqual({ total: 5000, created: 0, updated: 1, unchanged: 4999 });
  }, 120_000);

  it('reads .xlsx too, and stores phones encrypted', async () => {
    const rows = [
      [...importColumns],
      [
        'X1',
        '李四',
        '女',
        '回族',
        '1988.03',
        '',
        '某校教师',
        '乡镇',
        '间接选举',
        '',
        '第十七届、第十八届',
        '13911112222',
        '',
        '',
      ],
    ];
    const res = await post(rows, 'xlsx');
    expect(res.body).toMatchObject({ created: 1 });
    const row = await t.platform.db
      .selectFrom('deputy')
      .selectAll()
      .where('import_key', '=', 'X1')
      .executeTakeFirstOrThrow();
    expect(row.private_phone_sealed).not.toContain('13911112222');
    expect(row.private_phone_masked).toBe('139****2222');
    expect(row.terms).toEqual(['第十七届', '第十八届']);
  });

  it('new and known deputies in one file: each new one with its levels, terms and stations (one named twice counts once), the known ones changed', async () => {
    const second = (
      await officer.post<StationView>('/api/stations', {
        parentId: d.orgs.streetA.id,
        name: '甲街道导入测试第二联络站',
        kind: 'workstation',
      })
    ).body;
    const row = (key: string, name: string, levels: string, terms: string, stations: string) => [
      key,
      name,
      '男',
      '汉族',
      '1970.01',
      '',
      '某单位',
      levels,
      '直接选举',
      '',
      terms,
      '',
      '',
      stations,
    ];
    const first = await post([[...importColumns], row('MIX1', '周一', '乡镇', '第十届', station.name)], 'csv');
    expect(first.body).toMatchObject({ created: 1 });
    const res = await post(
      [
        [...importColumns],
        row('MIX1', '周一', '区（县）、乡镇', '第十届', `${station.name}、${second.name}`),
        row('MIX2', '周二', '乡镇', '第十届、第"十一"届\\', `${second.name}、${second.name}`),
        row('MIX3', '周三', '区（县）', '', ''),
      ].map((r) => r.map((c) => (c.includes('"') ? `"${c.replace(/"/g, '""')}"` : c))),
      'csv',
    );
    expect(res.body).toEqual({ total: 3, created: 2, updated: 1, unchanged: 0 });
    const rows = await t.platform.db
      .selectFrom('deputy')
      .select(['id', 'import_key', 'name', 'name_initials', 'terms'])
      .where('import_key', 'in', ['MIX1', 'MIX2', 'MIX3'])
      .orderBy('import_key')
      .execute();
    expect(rows.map((r) => [r.import_key, r.name, r.name_initials, r.terms])).toEqual([
      ['MIX1', '周一', 'zy', ['第十届']],
      ['MIX2', '周二', 'ze', ['第十届', '第"十一"届\\']],
      ['MIX3', '周三', 'zs', []],
    ]);
    const ids = rows.map((r) => r.id);
    const levels = await levelsOfDeputies(t.platform.db, ids);
    const levelsOf = (id: number) =>
      levels
        .filter((l) => l.deputy_id === id)
        .map((l) => l.level)
        .sort();
    expect(ids.map(levelsOf)).toEqual([['county', 'township'], ['township'], ['county']]);
    const members = await membershipsOf(t.platform.db, ids);
    const stationsOf = (id: number) =>
      members
        .filter((m) => m.deputy_id === id)
        .map((m) => m.station_id)
        .sort((a, b) => a - b);
    expect(ids.map(stationsOf)).toEqual([[station.id, second.id].sort((a, b) => a - b), [second.id], []]);
  });

  it('offers the template and exports the list as seen', async () => {
    const tpl = await officer.get('/api/deputies/import-template');
    expect(tpl.headers['content-type']).toContain('spreadsheetml');
    const exp = await app.inject({
      method: 'GET',
      url: '/api/deputies/export?q=李四',
      headers: {
        cookie: `liaison_sid=${(officer as unknown as { cookies: Map<string, string> }).cookies.get('liaison_sid')}`,
      },
    });
    expect(exp.statusCode).toBe(200);
    const table = await readTable(exp.rawPayload);
    expect(table).toHaveLength(2);
    expect(table[1]![0]).toBe('李四');
    expect(table[1]).toContain('139****2222');
  });

  it("refuses another street's officer", async () => {
    const other = new TestClient(app);
    await other.login(d.users.streetOfficerB.username, PASSWORD);
    const res = await other.request('POST', `/api/deputies/import?orgId=${d.orgs.streetA.id}`, undefined, {
      raw: 'x',
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.status).toBe(404);
  });
});

describe('lists of ids beyond one statement’s parameters', () => {
  it('names 70,000 deputies and organisations in one query each (a province’s figures)', async () => {
    // The protocol counts a statement's parameters in 16 bits: 70,000 ids, one parameter each, were refused.
    const ids = Array.from({ length: 70_000 }, (_, i) => 1_000_000_000 + i);
    const deputy = await createDeputy(t.platform, d, { name: '钱七万' });
    const named = await deputyNames(t.platform.db, [...ids, deputy.id]);
    expect(named.map((n) => n.name)).toEqual(['钱七万']);
    expect((await orgsByIds(t.platform.db, [...ids, d.orgs.streetA.id])).map((o) => o.id)).toEqual([d.orgs.streetA.id]);
  });

  it('finds the levels and stations of 70,000 deputies in one query each (a re-imported province register)', async () => {
    const ids = Array.from({ length: 70_000 }, (_, i) => 1_000_000_000 + i);
    const own = await createStation(t.platform, d, { members: 0 });
    const deputy = await createDeputy(t.platform, d, {
      name: '孙七万',
      station: own.org,
      levels: ['county', 'township'],
    });
    expect(await membershipsOf(t.platform.db, [...ids, deputy.id])).toEqual([
      { deputy_id: deputy.id, station_id: own.id },
    ]);
    expect((await levelsOfDeputies(t.platform.db, [...ids, deputy.id])).map((l) => l.level).sort()).toEqual([
      'county',
      'township',
    ]);
  });
});
