import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountCandidates, DeputyView, MyDuty } from '../../../contracts/deputies.js';
import type { ReceptionView } from '../../../contracts/receptions.js';
import { createTestPlatform } from '../../../../test/support/db.js';
import { createDistrict, createUser, PASSWORD } from '../../../../test/support/factories.js';
import { createApp, signedIn, TestClient } from '../../../../test/support/http.js';

let t: Awaited<ReturnType<typeof createTestPlatform>>;
let app: FastifyInstance;
let d: Awaited<ReturnType<typeof createDistrict>>;
const as = signedIn(
  () => app,
  () => d.users,
  PASSWORD,
);
type Err = { error: { code: string; fields?: { path: string; message: string }[] } };

const future = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);

async function newDeputy(name: string, orgId = d.orgs.streetA.id) {
  const res = await (
    await as('streetOfficerA')
  ).post<DeputyView>('/api/deputies', {
    orgId,
    name,
    levels: ['county'],
    election: 'direct',
    privatePhone: '13900001111',
  });
  expect(res.status).toBe(201);
  await t.platform.db
    .insertInto('station_member')
    .values({ station_id: d.orgs.stationA.id, deputy_id: res.body.id })
    .execute();
  return res.body;
}

const link = async (who: 'streetOfficerA' | 'streetOfficerB', id: number, userId: number | null) =>
  (await as(who)).request<DeputyView & Err>('PUT', `/api/deputies/${id}/account`, { userId });

beforeAll(async () => {
  t = await createTestPlatform();
  app = await createApp(t.platform);
  d = await createDistrict(t.platform);
  await t.platform.db
    .insertInto('station')
    .values({ org_id: d.orgs.stationA.id, kind: 'workstation', address: '测试路 1 号' })
    .execute();
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe("a deputy's account", () => {
  it('is linked by whoever may edit the deputy; the view shows it and the audit trail keeps before/after', async () => {
    const dep = await newDeputy('账号甲');
    expect(dep.account).toBeNull();
    const candidates = await (
      await as('streetOfficerA')
    ).get<AccountCandidates>(`/api/deputies/${dep.id}/account-candidates`);
    expect(candidates.body.items.map((a) => a.id)).toContain(d.users.deputyA.id);
    expect(candidates.body.items.map((a) => a.id)).not.toContain(d.users.liaisonOfficerA.id);

    const res = await link('streetOfficerA', dep.id, d.users.deputyA.id);
    expect(res.status).toBe(200);
    expect(res.body.account).toEqual({
      id: d.users.deputyA.id,
      username: d.users.deputyA.username,
      displayName: `测试${d.users.deputyA.username.slice(0, 20)}`,
    });
    expect((await (await as('liaisonOfficerA')).get<DeputyView>(`/api/deputies/${dep.id}`)).body.account?.id).toBe(
      d.users.deputyA.id,
    );
    const audit = await t.platform.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'summary'])
      .where('subject_type', '=', 'deputy')
      .where('subject_id', '=', String(dep.id))
      .where('action', 'in', ['deputy.linkAccount', 'deputy.unlinkAccount'])
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      {
        action: 'deputy.linkAccount',
        actor_id: d.users.streetOfficerA.id,
        summary: {
          before: { userId: null, username: null },
          after: { userId: d.users.deputyA.id, username: d.users.deputyA.username },
        },
      },
    ]);

    // Linked elsewhere, the account is no longer offered for another deputy.
    const other = await newDeputy('账号乙');
    const offered = await (
      await as('streetOfficerA')
    ).get<AccountCandidates>(`/api/deputies/${other.id}/account-candidates`);
    expect(offered.body.items.map((a) => a.id)).not.toContain(d.users.deputyA.id);
    const again = await link('streetOfficerA', other.id, d.users.deputyA.id);
    expect(again.status).toBe(400);
    expect(again.body.error.fields).toEqual([{ path: 'body.userId', message: '该账号已关联其他代表' }]);

    const unlinked = await link('streetOfficerA', dep.id, null);
    expect(unlinked.status).toBe(200);
    expect(unlinked.body.account).toBeNull();
    const last = await t.platform.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('subject_type', '=', 'deputy')
      .where('subject_id', '=', String(dep.id))
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(last).toEqual({
      action: 'deputy.unlinkAccount',
      summary: {
        before: { userId: d.users.deputyA.id, username: d.users.deputyA.username },
        after: { userId: null, username: null },
      },
    });
  });

  it('must exist in scope, be active, hold the deputy role; another street edits nothing (404)', async () => {
    const dep = await newDeputy('账号丙');
    const fieldOf = async (userId: number) => {
      const res = await link('streetOfficerA', dep.id, userId);
      expect(res.status).toBe(400);
      return res.body.error.fields?.[0];
    };
    expect(await fieldOf(999_999_999)).toEqual({ path: 'body.userId', message: '账号不存在或不在您的管理范围内' });
    // A deputy account of another street is out of street A's sight.
    const elsewhere = await createUser(t.platform, d.orgs.stationB, 'deputy');
    expect((await fieldOf(elsewhere.id))?.message).toBe('账号不存在或不在您的管理范围内');
    expect((await fieldOf(d.users.liaisonOfficerA.id))?.message).toBe('该账号没有“人大代表”角色');
    const disabled = await createUser(t.platform, d.orgs.stationA, 'deputy');
    await t.platform.db.updateTable('app_user').set({ status: 'disabled' }).where('id', '=', disabled.id).execute();
    expect((await fieldOf(disabled.id))?.message).toBe('该账号已停用');

    const en = await (
      await as('streetOfficerA')
    ).request<Err>(
      'PUT',
      `/api/deputies/${dep.id}/account`,
      { userId: d.users.liaisonOfficerA.id },
      { headers: { 'accept-language': 'en' } },
    );
    expect(en.body.error.fields?.[0]?.message).toBe('This account does not hold the deputy role');

    expect((await link('streetOfficerB', dep.id, elsewhere.id)).status).toBe(404);
    expect((await (await as('streetOfficerB')).get(`/api/deputies/${dep.id}/account-candidates`)).status).toBe(404);
    // Readers who may not edit deputies are refused.
    const liaison = await (
      await as('liaisonOfficerA')
    ).request<Err>('PUT', `/api/deputies/${dep.id}/account`, {
      userId: null,
    });
    expect(liaison.status).toBe(403);
  });

  it('"my duty" shows the linked deputy with their receptions ahead; duty reminders reach their bell', async () => {
    const linked = await createUser(t.platform, d.orgs.stationA, 'deputy');
    const dep = await newDeputy('账号丁');
    expect((await link('streetOfficerA', dep.id, linked.id)).status).toBe(200);
    const liaison = await as('liaisonOfficerA');
    // One reading of the clock: the day is then compared with the one the server keeps.
    const day = future(6);
    const rec = await liaison.post<ReceptionView>('/api/receptions', {
      stationId: d.orgs.stationA.id,
      day,
      start: '09:00',
      end: '11:00',
      mode: 'regular',
      deputyIds: [dep.id],
    });
    expect(rec.status).toBe(201);
    const far = await liaison.post<ReceptionView>('/api/receptions', {
      stationId: d.orgs.stationA.id,
      day: future(90),
      start: '09:00',
      end: '11:00',
      mode: 'regular',
      deputyIds: [dep.id],
    });
    expect(far.status).toBe(201);

    const me = await signedInAs(linked.username);
    const duty = await me.get<MyDuty>('/api/deputies/me');
    expect(duty.status).toBe(200);
    expect(duty.body.deputy).toMatchObject({ id: dep.id, name: '账号丁', account: { id: linked.id } });
    expect(duty.body.deputy?.stations.map((s) => s.id)).toEqual([d.orgs.stationA.id]);
    expect(duty.body.receptions.map((r) => [r.id, r.day, r.stationName])).toEqual([
      [rec.body.id, day, d.orgs.stationA.name],
    ]);

    const none = await (await as('liaisonOfficerA')).get<MyDuty>('/api/deputies/me');
    expect(none.status).toBe(200);
    expect(none.body).toMatchObject({ deputy: null, receptions: [] });

    expect((await liaison.post(`/api/receptions/${rec.body.id}/publish`)).status).toBe(200);
    const messages = await t.platform.db
      .selectFrom('notify_message')
      .select(['to_user_id', 'to_org_id', 'to_phone_sealed'])
      .where('type', '=', 'reception.duty')
      .where('dedupe_key', 'like', `reception.duty:${rec.body.id}:%`)
      .execute();
    expect(messages.filter((m) => m.to_user_id === linked.id)).toHaveLength(1);
    expect(messages.filter((m) => m.to_phone_sealed)).toHaveLength(1);
    expect(messages.filter((m) => m.to_org_id === d.orgs.stationA.id)).toHaveLength(1);
  });
});

describe('the OpenAPI document', () => {
  it('documents "my duty" and the account link', async () => {
    const doc = (
      await new TestClient(app).get<{
        paths: Record<string, Record<string, unknown>>;
      }>('/api/openapi.json')
    ).body;
    expect(Object.keys(doc.paths['/api/deputies/me'] ?? {})).toEqual(['get']);
    expect(Object.keys(doc.paths['/api/deputies/{id}/account'] ?? {})).toEqual(['put']);
    expect(Object.keys(doc.paths['/api/deputies/{id}/account-candidates'] ?? {})).toEqual(['get']);
    expect(JSON.stringify(doc.paths['/api/deputies/me'])).toContain('receptions');
  });
});

async function signedInAs(username: string) {
  const c = new TestClient(app);
  expect((await c.login(username, PASSWORD)).status).toBe(200);
  return c;
}
