import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform } from '../../../../test/support/db.js';
import { createDistrict, PASSWORD } from '../../../../test/support/factories.js';
import { TestClient, createApp, signedIn } from '../../../../test/support/http.js';

let t: Awaited<ReturnType<typeof createTestPlatform>>;
let app: FastifyInstance;
let d: Awaited<ReturnType<typeof createDistrict>>;

const as = signedIn(
  () => app,
  () => d.users,
  PASSWORD,
);

interface Page {
  items: { id: number; username: string; roles: { id: number; role: string }[] }[];
  nextCursor: string | null;
}

beforeAll(async () => {
  t = await createTestPlatform({ LIAISON_LOCKOUT_IP_FAILURES: '5' });
  app = await createApp(t.platform);
  d = await createDistrict(t.platform);
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('scopes', () => {
  it("a street officer cannot read another street's users: 404, as if they did not exist", async () => {
    const c = await as('streetOfficerA');
    const res = await c.get(`/api/users/${d.users.liaisonOfficerB.id}`);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect((await c.get(`/api/users/999999999`)).status).toBe(404);
    expect((await c.get(`/api/users/${d.users.liaisonOfficerA.id}`)).status).toBe(200);
  });

  it("lists only the users of the officer's own subtree", async () => {
    const c = await as('streetOfficerA');
    const res = await c.get<Page>('/api/users?limit=100');
    const names = res.body.items.map((u) => u.username);
    expect(names).toEqual(expect.arrayContaining([d.users.liaisonOfficerA.username, d.users.unitStaffA.username]));
    expect(names).not.toContain(d.users.liaisonOfficerB.username);
    expect(names).not.toContain(d.users.admin.username);
  });

  it('lets a district officer read both streets', async () => {
    const c = await as('districtOfficer');
    expect((await c.get(`/api/users/${d.users.liaisonOfficerB.id}`)).status).toBe(200);
    expect((await c.get(`/api/users/${d.users.liaisonOfficerA.id}`)).status).toBe(200);
  });

  it('pages with a cursor without repeating or skipping users', async () => {
    const c = await as('districtOfficer');
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: Page } = await c.get<Page>(`/api/users?limit=5${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.body.items.map((u) => u.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(Object.values(d.users).map((u) => u.id)));
  });

  it('shows organisations only within scope', async () => {
    const res = await (await as('streetOfficerA')).get<{ items: { id: number }[] }>('/api/orgs');
    const ids = res.body.items.map((o) => o.id);
    expect(ids).toEqual(expect.arrayContaining([d.orgs.streetA.id, d.orgs.stationA.id]));
    expect(ids).not.toContain(d.orgs.streetB.id);
    expect(ids).not.toContain(d.orgs.root.id);
  });
});

describe('what each role may do', () => {
  it.each([
    ['admin', 201],
    ['securityAdmin', 403],
    ['auditor', 403],
    ['streetOfficerA', 403],
    ['deputyA', 403],
  ] as const)('%s creating a user → %i', async (who, status) => {
    const res = await (
      await as(who)
    ).post('/api/users', { username: `new-${who}`.toLowerCase(), displayName: '新同志', orgId: d.orgs.stationA.id });
    expect(res.status).toBe(status);
  });

  it('the admin gets a one-time password; the new user must change it', async () => {
    const res = await (
      await as('admin')
    ).post<{ temporaryPassword: string; user: { mustChangePassword: boolean } }>('/api/users', {
      username: 'fresh.one',
      displayName: '新人',
      orgId: d.orgs.stationA.id,
    });
    expect(res.body.user.mustChangePassword).toBe(true);
    const c = new TestClient(app);
    expect((await c.login('fresh.one', res.body.temporaryPassword)).body).toMatchObject({
      me: { mustChangePassword: true },
    });
  });

  it('refuses a taken username naming the field', async () => {
    const res = await (
      await as('admin')
    ).post('/api/users', { username: d.users.deputyA.username, displayName: 'x', orgId: d.orgs.stationA.id });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: { code: 'USERNAME_TAKEN', fields: [{ path: 'body.username' }] } });
  });

  it.each([
    ['securityAdmin', 200],
    ['admin', 403],
    ['auditor', 403],
    ['districtOfficer', 403],
  ] as const)('%s granting a role → %i', async (who, status) => {
    const res = await (
      await as(who)
    ).post(`/api/users/${d.users.consultantA.id}/roles`, { role: 'liaisonOfficer', orgId: d.orgs.stationA.id });
    expect(res.status).toBe(status);
  });

  it('the three separated roles cannot meet in one person (三权分立)', async () => {
    const sec = await as('securityAdmin');
    const res = await sec.post(`/api/users/${d.users.admin.id}/roles`, { role: 'auditor', orgId: d.orgs.root.id });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: { code: 'SEPARATION_OF_DUTIES' } });
  });

  it("the administrator cannot reset or disable the security administrator's or auditor's accounts", async () => {
    const admin = await as('admin');
    for (const target of [d.users.securityAdmin.id, d.users.auditor.id]) {
      expect((await admin.post(`/api/users/${target}/reset-password`)).body).toMatchObject({
        error: { code: 'SEPARATION_OF_DUTIES' },
      });
      expect((await admin.post(`/api/users/${target}/status`, { status: 'disabled' })).status).toBe(409);
    }
    const refused = await t.platform.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'security.refused')
      .where('actor_name', '=', d.users.admin.username)
      .execute();
    expect(refused.length).toBeGreaterThanOrEqual(4);
  });

  it('one who held a separated role never receives another of the three', async () => {
    const sec = await as('securityAdmin');
    const ex = await (
      await as('admin')
    ).post<{ user: { id: number } }>('/api/users', {
      username: 'former.admin',
      displayName: '前管理员',
      orgId: d.orgs.root.id,
    });
    const id = ex.body.user.id;
    const granted = await sec.post<{ roles: { id: number; role: string }[] }>(`/api/users/${id}/roles`, {
      role: 'admin',
      orgId: d.orgs.root.id,
    });
    const roleId = granted.body.roles.find((r) => r.role === 'admin')!.id;
    expect((await sec.delete(`/api/users/${id}/roles/${roleId}`)).status).toBe(200);
    const res = await sec.post(`/api/users/${id}/roles`, { role: 'auditor', orgId: d.orgs.root.id });
    expect(res.body).toMatchObject({ error: { code: 'SEPARATION_OF_DUTIES' } });
  });

  it('search words are taken literally (no LIKE wildcards)', async () => {
    const res = await (await as('districtOfficer')).get<Page>('/api/users?q=%25');
    expect(res.body.items).toEqual([]);
  });

  it('nobody grants roles to themselves', async () => {
    const sec = await as('securityAdmin');
    const res = await sec.post(`/api/users/${d.users.securityAdmin.id}/roles`, {
      role: 'districtOfficer',
      orgId: d.orgs.root.id,
    });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'SELF_GRANT_FORBIDDEN' } });
  });

  it('a granted role widens scope at once, a revoked one narrows it', async () => {
    const sec = await as('securityAdmin');
    const granted = await sec.post<{ roles: { id: number; role: string }[] }>(
      `/api/users/${d.users.liaisonOfficerB.id}/roles`,
      {
        role: 'streetOfficer',
        orgId: d.orgs.streetB.id,
      },
    );
    const role = granted.body.roles.find((r) => r.role === 'streetOfficer')!;
    const c = new TestClient(app);
    await c.login(d.users.liaisonOfficerB.username, PASSWORD);
    expect((await c.get('/api/users')).status).toBe(200);
    expect((await sec.delete(`/api/users/${d.users.liaisonOfficerB.id}/roles/${role.id}`)).status).toBe(200);
    expect((await c.get('/api/users')).status).toBe(403);
  });

  it('only the auditor reads the audit trail', async () => {
    expect((await (await as('auditor')).get('/api/audit')).status).toBe(200);
    for (const who of ['admin', 'securityAdmin', 'districtOfficer'] as const) {
      expect((await (await as(who)).get('/api/audit')).status).toBe(403);
    }
  });

  it('a disabled account is signed out and cannot sign in', async () => {
    const target = new TestClient(app);
    await target.login(d.users.consultantA.username, PASSWORD);
    expect(
      (await (await as('admin')).post(`/api/users/${d.users.consultantA.id}/status`, { status: 'disabled' })).status,
    ).toBe(200);
    expect((await target.get('/api/orgs')).status).toBe(401);
    expect((await new TestClient(app).login(d.users.consultantA.username, PASSWORD)).body).toMatchObject({
      error: { code: 'ACCOUNT_DISABLED' },
    });
  });

  it('the security administrator lifts a lockout, of the account and of the address it failed from', async () => {
    const u = d.users.stationHeadA;
    for (let i = 0; i < 5; i++) await new TestClient(app, { ip: '10.5.0.1' }).login(u.username, 'bad');
    expect((await new TestClient(app, { ip: '10.5.1.1' }).login(u.username, PASSWORD)).status).toBe(423);
    expect((await new TestClient(app, { ip: '10.5.0.1' }).login(d.users.deputyA.username, PASSWORD)).status).toBe(423);
    expect((await (await as('securityAdmin')).post(`/api/users/${u.id}/unlock`)).status).toBe(200);
    expect((await new TestClient(app, { ip: '10.5.1.2' }).login(u.username, PASSWORD)).status).toBe(200);
    expect((await new TestClient(app, { ip: '10.5.0.1' }).login(d.users.deputyA.username, PASSWORD)).status).toBe(200);
  });
});

describe('abilities reach the console', () => {
  it.each([
    ['auditor', ['audit.read'], ['user.create', 'role.grant']],
    ['admin', ['user.create', 'user.resetPassword'], ['audit.read', 'role.grant']],
    ['securityAdmin', ['role.grant', 'user.unlock'], ['audit.read', 'user.create']],
    ['deputyA', ['org.read'], ['user.read']],
  ] as const)('%s', async (who, has, hasNot) => {
    const res = await (await as(who)).get<{ me: { abilities: string[] } }>('/api/auth/session');
    expect(res.body.me.abilities).toEqual(expect.arrayContaining([...has]));
    for (const a of hasNot) expect(res.body.me.abilities).not.toContain(a);
  });
});
