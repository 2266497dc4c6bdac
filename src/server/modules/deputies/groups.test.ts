import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeputyView } from '../../../contracts/deputies.js';
import type { GroupView } from '../../../contracts/groups.js';
import { createTestPlatform } from '../../../../test/support/db.js';
import { createDeputy, createDistrict, PASSWORD } from '../../../../test/support/factories.js';
import { createApp, signedIn } from '../../../../test/support/http.js';

let t: Awaited<ReturnType<typeof createTestPlatform>>;
let app: FastifyInstance;
let d: Awaited<ReturnType<typeof createDistrict>>;
const as = signedIn(
  () => app,
  () => d.users,
  PASSWORD,
);
type Fields = { error: { fields: { path: string }[] } };

async function newDeputy(who: 'streetOfficerA' | 'streetOfficerB', orgId: number, name: string, extra = {}) {
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

describe('deputy groups (代表小组)', () => {
  it('are formed under a working committee, get members and one leader; the profile shows them', async () => {
    const officer = await as('streetOfficerA');
    const created = await officer.post<GroupView>('/api/groups', {
      orgId: d.orgs.streetA.id,
      name: '甲街道第一代表小组',
    });
    expect(created.status).toBe(201);
    const g = created.body;
    const one = await newDeputy('streetOfficerA', d.orgs.streetA.id, '组员甲');
    const two = await newDeputy('streetOfficerA', d.orgs.streetA.id, '组员乙');
    await officer.post(`/api/groups/${g.id}/members`, { deputyId: one.id, isLeader: true });
    let view = (await officer.post<GroupView>(`/api/groups/${g.id}/members`, { deputyId: two.id })).body;
    expect(view.leader).toEqual({ deputyId: one.id, name: '组员甲' });
    view = (await officer.post<GroupView>(`/api/groups/${g.id}/members`, { deputyId: two.id, isLeader: true })).body;
    expect(view.members.map((m) => [m.name, m.isLeader])).toEqual([
      ['组员乙', true],
      ['组员甲', false],
    ]);
    const profile = (await officer.get<DeputyView>(`/api/deputies/${two.id}`)).body;
    expect(profile.groups).toEqual([{ id: g.id, name: '甲街道第一代表小组', isLeader: true }]);
    view = (await officer.delete<GroupView>(`/api/groups/${g.id}/members/${two.id}`)).body;
    expect(view.leader).toBeNull();
    expect(view.members.map((m) => m.name)).toEqual(['组员甲']);

    const renamed = await officer.request<GroupView>('PATCH', `/api/groups/${g.id}`, {
      name: '甲街道海湾代表小组',
      active: false,
    });
    expect(renamed.body).toMatchObject({ name: '甲街道海湾代表小组', active: false });
    const audit = await t.platform.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('subject_type', '=', 'deputyGroup')
      .where('subject_id', '=', String(g.id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'group.create',
      'group.addMember',
      'group.addMember',
      'group.addMember',
      'group.removeMember',
      'group.update',
    ]);
    expect(audit.at(-1)!.summary).toEqual({
      before: { name: '甲街道第一代表小组', active: true },
      after: { name: '甲街道海湾代表小组', active: false },
    });
    const list = await officer.get<{ items: GroupView[] }>('/api/groups?active=false');
    expect(list.body.items.map((x) => x.id)).toContain(g.id);
  });

  it('a deputy sees the groups they belong to (under the committee above the station), and cannot change them', async () => {
    const officer = await as('streetOfficerA');
    const mine = (await officer.post<GroupView>('/api/groups', { orgId: d.orgs.streetA.id, name: '甲街道本人小组' }))
      .body;
    const other = (await officer.post<GroupView>('/api/groups', { orgId: d.orgs.streetA.id, name: '甲街道他人小组' }))
      .body;
    const me = await createDeputy(t.platform, d, { name: '本人代表', user: d.users.deputyA });
    expect((await officer.post(`/api/groups/${mine.id}/members`, { deputyId: me.id })).status).toBe(200);

    const deputy = await as('deputyA');
    const ids = (await deputy.get<{ items: GroupView[] }>('/api/groups')).body.items.map((g) => g.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(other.id);
    // `mine=true`: only one's own groups, also for someone who may read every group of the street.
    const own = await deputy.get<{ items: GroupView[] }>('/api/groups?mine=true');
    expect(own.body.items.map((g) => g.id)).toEqual([mine.id]);
    expect((await officer.get<{ items: GroupView[] }>('/api/groups?mine=true')).body.items).toEqual([]);
    const one = await deputy.get<GroupView>(`/api/groups/${mine.id}`);
    expect(one.status).toBe(200);
    expect(one.body.members.map((m) => m.name)).toEqual(['本人代表']);
    expect((await deputy.get(`/api/groups/${other.id}`)).status).toBe(404);
    expect((await deputy.request('PATCH', `/api/groups/${mine.id}`, { name: '改名' })).status).toBe(403);
  });

  it('belong to a working committee or presidium; refuse ended deputies; name the fields', async () => {
    const officer = await as('streetOfficerA');
    const wrong = await officer.post<Fields>('/api/groups', { orgId: d.orgs.officeA.id, name: '办事处小组' });
    expect(wrong.body.error.fields[0]!.path).toBe('body.orgId');
    const empty = await officer.post<Fields>('/api/groups', { orgId: d.orgs.streetA.id, name: '' });
    expect(empty.body.error.fields[0]!.path).toBe('body.name');
    const g = (await officer.post<GroupView>('/api/groups', { orgId: d.orgs.streetA.id, name: '甲街道第二代表小组' }))
      .body;
    const ended = await newDeputy('streetOfficerA', d.orgs.streetA.id, '离任者', { status: 'ended' });
    const refused = await officer.post<Fields>(`/api/groups/${g.id}/members`, { deputyId: ended.id });
    expect(refused.body.error.fields[0]!.path).toBe('body.deputyId');
  });

  it("street A's officer cannot see or change street B's groups (404); readers cannot change them", async () => {
    const b = await as('streetOfficerB');
    const g = (await b.post<GroupView>('/api/groups', { orgId: d.orgs.streetB.id, name: '乙街道代表小组' })).body;
    const depB = await newDeputy('streetOfficerB', d.orgs.streetB.id, '乙街代表');
    await b.post(`/api/groups/${g.id}/members`, { deputyId: depB.id });
    const a = await as('streetOfficerA');
    expect((await a.get(`/api/groups/${g.id}`)).status).toBe(404);
    expect((await a.request('PATCH', `/api/groups/${g.id}`, { name: 'x' })).status).toBe(404);
    expect((await a.post(`/api/groups/${g.id}/members`, { deputyId: depB.id })).status).toBe(404);
    expect((await a.delete(`/api/groups/${g.id}/members/${depB.id}`)).status).toBe(404);
    expect((await a.post('/api/groups', { orgId: d.orgs.streetB.id, name: 'x' })).status).toBe(404);
    const list = await a.get<{ items: GroupView[] }>('/api/groups?limit=100');
    expect(list.body.items.map((x) => x.id)).not.toContain(g.id);
    // A deputy of street A cannot be put into B's group by B either: B cannot see them.
    const depA = await newDeputy('streetOfficerA', d.orgs.streetA.id, '甲街代表');
    const cross = await b.post<Fields>(`/api/groups/${g.id}/members`, { deputyId: depA.id });
    expect(cross.body.error.fields[0]!.path).toBe('body.deputyId');
    // The district sees it; a liaison officer of B's station reads but does not change.
    expect((await (await as('districtOfficer')).get(`/api/groups/${g.id}`)).status).toBe(200);
    expect((await (await as('liaisonOfficerB')).get(`/api/groups/${g.id}`)).status).toBe(404);
  });
});

describe('terms (届次)', () => {
  it('a deputy serves several terms; the profile lists them', async () => {
    const dep = await newDeputy('streetOfficerA', d.orgs.streetA.id, '连任代表', { terms: ['第十七届', '第十八届'] });
    expect(dep.terms).toEqual(['第十七届', '第十八届']);
    const officer = await as('streetOfficerA');
    const changed = await officer.request<DeputyView>('PATCH', `/api/deputies/${dep.id}`, { terms: ['第十八届'] });
    expect(changed.body.terms).toEqual(['第十八届']);
    const tooMany = await officer.request<Fields>('PATCH', `/api/deputies/${dep.id}`, {
      terms: Array(11).fill('第十届'),
    });
    expect(tooMany.body.error.fields[0]!.path).toBe('body.terms');
  });
});
