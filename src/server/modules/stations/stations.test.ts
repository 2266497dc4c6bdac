import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeputyView } from '../../../contracts/deputies.js';
import type { StationView } from '../../../contracts/stations.js';
import { createTestPlatform, superQuery } from '../../../../test/support/db.js';
import { createDistrict, PASSWORD } from '../../../../test/support/factories.js';
import { onChinaDays } from '../../../../test/support/china-day.js';
import { createApp, signedIn } from '../../../../test/support/http.js';

let t: Awaited<ReturnType<typeof createTestPlatform>>;
let app: FastifyInstance;
let d: Awaited<ReturnType<typeof createDistrict>>;

const as = signedIn(
  () => app,
  () => d.users,
  PASSWORD,
);

const complete = {
  address: '新碶街道明州路 1 号',
  openingHours: '工作日 9:00–17:00',
  receptionRule: '每月第一个周三',
  publishedRules: '代表联络站工作制度……',
  publishedWorkflow: '登记—交办—办理—反馈—测评',
};

async function newDeputy(who: keyof typeof d.users, orgId: number, name: string, extra: Record<string, unknown> = {}) {
  const res = await (
    await as(who)
  ).post<DeputyView>('/api/deputies', { orgId, name, levels: ['county'], election: 'direct', ...extra });
  expect(res.status).toBe(201);
  return res.body;
}

beforeAll(async () => {
  t = await createTestPlatform();
  app = await createApp(t.platform);
  d = await createDistrict(t.platform);
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('deputies', () => {
  it('stores the private phone encrypted and shows it masked; a reveal is audited', async () => {
    const dep = await newDeputy('streetOfficerA', d.orgs.streetA.id, '张三丰', {
      privatePhone: '13812345678',
      publicContact: '联络站转',
    });
    expect(dep.privatePhoneMasked).toBe('138****5678');
    expect(JSON.stringify(dep)).not.toContain('13812345678');
    const raw = await superQuery(t.database.ownerUrl, 'SELECT private_phone_sealed FROM deputy WHERE id = $1', [
      dep.id,
    ]);
    expect(raw.rows[0].private_phone_sealed).toMatch(/^s1\./);
    expect(raw.rows[0].private_phone_sealed).not.toContain('1381234');
    const list = await (await as('streetOfficerA')).get<{ items: DeputyView[] }>('/api/deputies');
    expect(JSON.stringify(list.body)).not.toContain('13812345678');

    const revealed = await (
      await as('streetOfficerA')
    ).post<{ privatePhone: string }>(`/api/deputies/${dep.id}/reveal-contact`);
    expect(revealed.body.privatePhone).toBe('13812345678');
    const audit = await t.platform.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('subject_type', '=', 'deputy')
      .where('subject_id', '=', String(dep.id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['deputy.create', 'deputy.revealContact']);
    expect(JSON.stringify(audit)).not.toContain('13812345678');
    // A liaison officer reads the station's deputies but may not reveal their numbers.
    const local = await newDeputy('streetOfficerA', d.orgs.stationA.id, '站内代表', { privatePhone: '13900001111' });
    const liaison = await as('liaisonOfficerA');
    expect((await liaison.get<DeputyView>(`/api/deputies/${local.id}`)).body.privatePhoneMasked).toBe('139****1111');
    expect((await liaison.post(`/api/deputies/${local.id}/reveal-contact`)).status).toBe(403);
  });

  it('finds deputies by pinyin initials and sorts by pinyin with surnames read right', async () => {
    await newDeputy('streetOfficerA', d.orgs.streetA.id, '单雄信');
    await newDeputy('streetOfficerA', d.orgs.streetA.id, '安然');
    const c = await as('streetOfficerA');
    const found = await c.get<{ items: DeputyView[] }>('/api/deputies?q=zsf');
    expect(found.body.items.map((x) => x.name)).toEqual(['张三丰']);
    const all = await c.get<{ items: DeputyView[] }>('/api/deputies?limit=100');
    const names = all.body.items.map((x) => x.name);
    // 单 as a surname is "shan": after 安 (an), before 张 (zhang).
    expect(names.indexOf('安然')).toBeLessThan(names.indexOf('单雄信'));
    expect(names.indexOf('单雄信')).toBeLessThan(names.indexOf('张三丰'));
  });

  it("a street officer cannot see or change another street's deputies (404)", async () => {
    const b = await newDeputy('streetOfficerB', d.orgs.streetB.id, '乙街代表');
    const a = await as('streetOfficerA');
    expect((await a.get(`/api/deputies/${b.id}`)).status).toBe(404);
    expect((await a.request('PATCH', `/api/deputies/${b.id}`, { name: '改名' })).status).toBe(404);
    expect((await a.post(`/api/deputies/${b.id}/reveal-contact`)).status).toBe(404);
    const list = await a.get<{ items: DeputyView[] }>('/api/deputies?limit=100');
    expect(list.body.items.map((x) => x.id)).not.toContain(b.id);
    expect((await (await as('districtOfficer')).get(`/api/deputies/${b.id}`)).status).toBe(200);
  });

  it('refuses registering a deputy in another street, naming nothing secret', async () => {
    const res = await (
      await as('streetOfficerA')
    ).post('/api/deputies', {
      orgId: d.orgs.streetB.id,
      name: '越权',
      levels: ['county'],
      election: 'direct',
    });
    expect(res.status).toBe(404);
  });

  it('an ended deputy keeps the record and history', async () => {
    const dep = await newDeputy('streetOfficerA', d.orgs.streetA.id, '期满代表');
    const res = await (
      await as('streetOfficerA')
    ).request<DeputyView>('PATCH', `/api/deputies/${dep.id}`, { status: 'ended' });
    expect(res.body.status).toBe('ended');
    expect((await (await as('streetOfficerA')).get(`/api/deputies/${dep.id}`)).status).toBe(200);
  });

  it('the stations a deputy serves can read the deputy, even one registered higher up', async () => {
    const higher = await newDeputy('districtOfficer', d.orgs.root.id, '区级代表');
    const officer = await as('streetOfficerA');
    expect((await officer.get(`/api/deputies/${higher.id}`)).status).toBe(404);
    const s = (
      await (
        await as('districtOfficer')
      ).post<StationView>('/api/stations', {
        parentId: d.orgs.streetA.id,
        name: '甲街道代表之家（区级代表进站）',
        kind: 'home',
      })
    ).body;
    expect(
      (await (await as('districtOfficer')).post(`/api/stations/${s.id}/members`, { deputyId: higher.id })).status,
    ).toBe(200);
    expect((await officer.get(`/api/deputies/${higher.id}`)).status).toBe(200);
    const list = await officer.get<{ items: DeputyView[] }>('/api/deputies?limit=100');
    expect(list.body.items.map((x) => x.id)).toContain(higher.id);
    // Reading is not managing: the street cannot edit a district deputy's record.
    expect((await officer.request('PATCH', `/api/deputies/${higher.id}`, { occupation: 'x' })).status).toBe(403);
  });

  it('validates input naming the fields', async () => {
    const res = await (
      await as('streetOfficerA')
    ).post<{ error: { fields: { path: string }[] } }>('/api/deputies', {
      orgId: d.orgs.streetA.id,
      name: '',
      levels: ['mayor'],
      election: 'direct',
      privatePhone: 'call me',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f) => f.path).sort()).toEqual([
      'body.levels.0',
      'body.name',
      'body.privatePhone',
    ]);
  });
});

describe('stations and the composition rules', () => {
  it('a new station lists every shortfall; assigning deputies, a head and an officer, and filling the wall clears them', async () => {
    const officer = await as('streetOfficerA');
    const created = await officer.post<StationView>('/api/stations', {
      parentId: d.orgs.streetA.id,
      name: '甲街道明州社区代表联络室',
      kind: 'liaisonRoom',
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.body.problems).toEqual([
      'tooFewDeputies',
      'noHead',
      'noLiaisonOfficer',
      'missingAddress',
      'missingOpeningHours',
      'missingReceptionRule',
      'missingRules',
      'missingWorkflow',
    ]);
    const flagged = await officer.get<{ items: StationView[] }>('/api/stations?withProblems=true');
    expect(flagged.body.items.map((s) => s.id)).toContain(id);

    const one = await newDeputy('streetOfficerA', d.orgs.streetA.id, '王一');
    const two = await newDeputy('streetOfficerA', d.orgs.streetA.id, '王二');
    // A member since the day in China (at 00:00–08:00 in Beijing, UTC's day is the one before).
    const { days } = await onChinaDays(async () => {
      await officer.post(`/api/stations/${id}/members`, { deputyId: one.id, isHead: true });
      await officer.post(`/api/stations/${id}/members`, { deputyId: two.id });
    });
    const joined = (await officer.get<StationView>(`/api/stations/${id}`)).body.members.map((m) => m.since);
    for (const since of joined) expect(days).toContain(since);
    await officer.request('PATCH', `/api/stations/${id}`, complete);
    let station = (await officer.get<StationView>(`/api/stations/${id}`)).body;
    expect(station.problems).toEqual(['noLiaisonOfficer']);

    // The liaison officer is a staff user holding that role on the station.
    const sec = await as('securityAdmin');
    expect(
      (await sec.post(`/api/users/${d.users.consultantA.id}/roles`, { role: 'liaisonOfficer', orgId: id })).status,
    ).toBe(200);
    station = (await officer.get<StationView>(`/api/stations/${id}`)).body;
    expect(station.problems).toEqual([]);
    expect(station.members.map((m) => [m.name, m.isHead])).toEqual([
      ['王一', true],
      ['王二', false],
    ]);
    const stillFlagged = await officer.get<{ items: StationView[] }>('/api/stations?withProblems=true');
    expect(stillFlagged.body.items.map((s) => s.id)).not.toContain(id);

    // A deputy whose term ends no longer counts.
    await officer.request('PATCH', `/api/deputies/${two.id}`, { status: 'ended' });
    expect((await officer.get<StationView>(`/api/stations/${id}`)).body.problems).toEqual(['tooFewDeputies']);
  });

  it('one head per station: naming a new head replaces the old one', async () => {
    const officer = await as('streetOfficerA');
    const s = (
      await officer.post<StationView>('/api/stations', {
        parentId: d.orgs.streetA.id,
        name: '甲街道代表之家',
        kind: 'home',
      })
    ).body;
    const x = await newDeputy('streetOfficerA', d.orgs.streetA.id, '赵甲');
    const y = await newDeputy('streetOfficerA', d.orgs.streetA.id, '钱乙');
    await officer.post(`/api/stations/${s.id}/members`, { deputyId: x.id, isHead: true });
    const after = await officer.post<StationView>(`/api/stations/${s.id}/members`, { deputyId: y.id, isHead: true });
    expect(after.body.members.filter((m) => m.isHead).map((m) => m.name)).toEqual(['钱乙']);
  });

  it("street A's officer cannot see or change street B's stations (404)", async () => {
    const b = (
      await (
        await as('streetOfficerB')
      ).post<StationView>('/api/stations', { parentId: d.orgs.streetB.id, name: '乙街道工作站', kind: 'workstation' })
    ).body;
    const a = await as('streetOfficerA');
    expect((await a.get(`/api/stations/${b.id}`)).status).toBe(404);
    expect((await a.request('PATCH', `/api/stations/${b.id}`, { name: 'x' })).status).toBe(404);
    expect((await a.post(`/api/stations/${b.id}/members`, { deputyId: 1 })).status).toBe(404);
    expect((await a.post('/api/stations', { parentId: d.orgs.streetB.id, name: 'x', kind: 'home' })).status).toBe(404);
    const list = await a.get<{ items: StationView[] }>('/api/stations');
    expect(list.body.items.map((s) => s.id)).not.toContain(b.id);
  });

  it('members of a station may read it but not change it', async () => {
    const liaison = await as('liaisonOfficerA');
    expect((await liaison.get(`/api/stations/${d.orgs.stationA.id}`)).status).toBe(404); // a bare org node is not a station
    const s = (
      await (
        await as('streetOfficerA')
      ).post<StationView>('/api/stations', { parentId: d.orgs.streetA.id, name: '甲街道联络室二', kind: 'liaisonRoom' })
    ).body;
    expect((await (await as('districtOfficer')).get(`/api/stations/${s.id}`)).status).toBe(200);
    expect((await (await as('deputyA')).request('PATCH', `/api/stations/${s.id}`, { name: 'x' })).status).toBe(404);
  });

  it('a professional station needs its domain', async () => {
    const res = await (
      await as('streetOfficerA')
    ).post<{ error: { fields: { path: string }[] } }>('/api/stations', {
      parentId: d.orgs.streetA.id,
      name: '医疗卫生专业代表工作站',
      kind: 'professional',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0]!.path).toBe('body.domain');
  });
});
