import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { superQuery } from '../../../../test/support/db.js';
import { createTestPlatform } from '../../../../test/support/db.js';
import { createDistrict, createUser, PASSWORD } from '../../../../test/support/factories.js';
import { TestClient, createApp } from '../../../../test/support/http.js';
import { totpCode } from './totp.js';

type Ctx = Awaited<ReturnType<typeof createTestPlatform>>;
let t: Ctx;
let app: FastifyInstance;
let district: Awaited<ReturnType<typeof createDistrict>>;

beforeAll(async () => {
  t = await createTestPlatform();
  app = await createApp(t.platform);
  district = await createDistrict(t.platform);
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const auditActions = async (subjectId: number) =>
  (
    await t.platform.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_type', '=', 'user')
      .where('subject_id', '=', String(subjectId))
      .orderBy('id')
      .execute()
  ).map((r) => r.action);

describe('sign-in', () => {
  it('signs in with the right password and sets an HttpOnly, SameSite session cookie', async () => {
    const c = new TestClient(app);
    const res = await c.post('/api/auth/login', {
      username: district.users.streetOfficerA.username,
      password: PASSWORD,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ authenticated: true, me: { username: district.users.streetOfficerA.username } });
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((h) => h.startsWith('liaison_sid='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect((await c.get('/api/users')).status).toBe(200);
    expect(await auditActions(district.users.streetOfficerA.id)).toContain('auth.login');
  });

  it('locks the account after 5 wrong passwords and refuses the 6th, correct one', async () => {
    const u = await createUser(t.platform, district.orgs.stationA, 'liaisonOfficer');
    for (let i = 1; i <= 5; i++) {
      // Each attempt from its own address, so that only the per-user counter can lock.
      const res = await new TestClient(app, { ip: `10.9.0.${i}` }).login(u.username, 'Wrong#Pass1');
      expect(res.status).toBe(i < 5 ? 401 : 423);
    }
    const sixth = await new TestClient(app, { ip: '10.9.0.99' }).login(u.username, PASSWORD);
    expect(sixth.status).toBe(423);
    expect(sixth.body).toMatchObject({ error: { code: 'ACCOUNT_LOCKED' } });
    const actions = await auditActions(u.id);
    expect(actions.filter((a) => a === 'auth.login.failed')).toHaveLength(5);
    expect(actions).toContain('auth.lockout');
  });

  it('lets the account in again once the lock has run out', async () => {
    const u = await createUser(t.platform, district.orgs.stationA, 'liaisonOfficer');
    for (let i = 0; i < 5; i++) await new TestClient(app, { ip: `10.8.0.${i}` }).login(u.username, 'nope');
    await superQuery(
      t.database.ownerUrl,
      `UPDATE login_failure SET locked_until = now() - interval '1 second' WHERE key = $1`,
      [`user:${u.username}`],
    );
    expect((await new TestClient(app, { ip: '10.8.0.50' }).login(u.username, PASSWORD)).status).toBe(200);
  });

  it('locks a client address after its limit of consecutive failures, whatever usernames it tries', async () => {
    const ip = '10.7.0.1';
    const limit = t.platform.config.lockout.ipMaxFailures;
    for (let i = 0; i < limit; i++) await new TestClient(app, { ip }).login(`nobody-${i}`, 'x');
    const res = await new TestClient(app, { ip }).login(district.users.deputyA.username, PASSWORD);
    expect(res.status).toBe(423);
    expect(
      (await new TestClient(app, { ip: '10.7.0.2' }).login(district.users.deputyA.username, PASSWORD)).status,
    ).toBe(200);
  });

  it("a success does not reset the address's count (no laundering guesses through one's own account)", async () => {
    const ip = '10.7.1.1';
    const limit = t.platform.config.lockout.ipMaxFailures;
    for (let i = 0; i < limit - 1; i++) {
      await new TestClient(app, { ip }).login(`guess-${i}`, 'x');
      if (i % 3 === 0)
        expect((await new TestClient(app, { ip }).login(district.users.deputyA.username, PASSWORD)).status).toBe(200);
    }
    await new TestClient(app, { ip }).login('one-more', 'x');
    expect((await new TestClient(app, { ip }).login(district.users.deputyA.username, PASSWORD)).status).toBe(423);
  });

  it('signing in on a browser that holds a session ends the old one', async () => {
    const c = new TestClient(app);
    await c.login(district.users.deputyA.username, PASSWORD);
    const old = await t.platform.db
      .selectFrom('user_session')
      .select('id')
      .where('user_id', '=', district.users.deputyA.id)
      .where('revoked_at', 'is', null)
      .execute();
    await c.login(district.users.stationHeadA.username, PASSWORD);
    const after = await t.platform.db
      .selectFrom('user_session')
      .select(['id', 'revoked_reason'])
      .where(
        'id',
        'in',
        old.map((o) => o.id),
      )
      .execute();
    expect(after.some((s) => s.revoked_reason === 'replacedBySignIn')).toBe(true);
  });

  it('answers the same for an unknown user as for a wrong password', async () => {
    const a = await new TestClient(app, { ip: '10.6.0.1' }).login('no-such-user', 'Whatever#1');
    const b = await new TestClient(app, { ip: '10.6.0.2' }).login(district.users.deputyA.username, 'Whatever#1');
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(a.body).toMatchObject({ error: { code: 'INVALID_CREDENTIALS' } });
    expect(b.body).toMatchObject({ error: { code: 'INVALID_CREDENTIALS' } });
  });
});

describe('sessions', () => {
  it('expires a session idle longer than the idle timeout, and audits it', async () => {
    const u = await createUser(t.platform, district.orgs.stationA, 'liaisonOfficer');
    const c = new TestClient(app);
    expect((await c.login(u.username, PASSWORD)).status).toBe(200);
    expect((await c.get('/api/orgs')).status).toBe(200);
    await superQuery(
      t.database.ownerUrl,
      `UPDATE user_session SET last_seen_at = now() - interval '31 minutes' WHERE user_id = $1`,
      [u.id],
    );
    const res = await c.get('/api/orgs');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: { code: 'SESSION_EXPIRED' } });
    expect(await auditActions(u.id)).toContain('auth.session.expired');
    // Still refused afterwards: the session is revoked, not merely late.
    expect((await c.get('/api/orgs')).status).toBe(401);
  });

  it('expires a session past its absolute lifetime even when active', async () => {
    const u = await createUser(t.platform, district.orgs.stationA, 'liaisonOfficer');
    const c = new TestClient(app);
    await c.login(u.username, PASSWORD);
    await superQuery(
      t.database.ownerUrl,
      `UPDATE user_session SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
      [u.id],
    );
    expect((await c.get('/api/orgs')).body).toMatchObject({ error: { code: 'SESSION_EXPIRED' } });
  });

  it('signs out everywhere: every session of the user ends', async () => {
    const u = await createUser(t.platform, district.orgs.stationA, 'liaisonOfficer');
    const laptop = new TestClient(app);
    const phone = new TestClient(app);
    await laptop.login(u.username, PASSWORD);
    await phone.login(u.username, PASSWORD);
    const res = await laptop.post('/api/auth/logout-everywhere');
    expect(res.body).toEqual({ sessionsEnded: 2 });
    expect((await phone.get('/api/orgs')).status).toBe(401);
    expect((await laptop.get('/api/orgs')).status).toBe(401);
  });

  it('signs out of one session only', async () => {
    const u = await createUser(t.platform, district.orgs.stationA, 'liaisonOfficer');
    const a = new TestClient(app);
    const b = new TestClient(app);
    await a.login(u.username, PASSWORD);
    await b.login(u.username, PASSWORD);
    expect((await a.post('/api/auth/logout')).status).toBe(200);
    expect((await a.get('/api/orgs')).status).toBe(401);
    expect((await b.get('/api/orgs')).status).toBe(200);
  });
});

describe('CSRF', () => {
  it('refuses a state-changing request without the token and changes nothing', async () => {
    const c = new TestClient(app);
    await c.login(district.users.admin.username, PASSWORD);
    const res = await c.post(
      '/api/users',
      { username: 'csrf-victim', displayName: '某人', orgId: district.orgs.root.id },
      { csrf: false },
    );
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'CSRF_REJECTED' } });
    const row = await t.platform.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', 'csrf-victim')
      .executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it('refuses a token that does not match the session', async () => {
    const c = new TestClient(app);
    await c.login(district.users.admin.username, PASSWORD);
    const res = await c.post('/api/auth/logout', {}, { csrf: false, headers: { 'x-csrf-token': 'forged-token' } });
    expect(res.status).toBe(403);
  });

  it('refuses a sign-in without the token', async () => {
    const c = new TestClient(app);
    const res = await c.post(
      '/api/auth/login',
      { username: district.users.admin.username, password: PASSWORD },
      { csrf: false },
    );
    expect(res.status).toBe(403);
  });
});

describe('passwords', () => {
  it('requires a change at first sign-in, then lets the user work', async () => {
    const u = await createUser(t.platform, district.orgs.stationA, 'liaisonOfficer', { mustChangePassword: true });
    const c = new TestClient(app);
    const login = await c.login(u.username, PASSWORD);
    expect(login.body).toMatchObject({ me: { mustChangePassword: true } });
    expect((await c.get('/api/orgs')).body).toMatchObject({ error: { code: 'PASSWORD_CHANGE_REQUIRED' } });
    const changed = await c.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'Fresh#Start99' });
    expect(changed.status).toBe(200);
    expect((await c.get('/api/orgs')).status).toBe(200);
    expect((await new TestClient(app).login(u.username, 'Fresh#Start99')).status).toBe(200);
  });

  it.each([
    ['short', 'Ab#1', 'newPassword'],
    ['two classes', 'abcdefgh12', 'newPassword'],
    ['contains the username', 'USERNAME#x1', 'newPassword'],
  ])('refuses a weak password (%s), naming the field', async (_why, pw, field) => {
    const u = await createUser(t.platform, district.orgs.stationA, 'liaisonOfficer', { mustChangePassword: true });
    const c = new TestClient(app, { lang: 'en' });
    await c.login(u.username, PASSWORD);
    const res = await c.post<{ error: { code: string; fields: { path: string; message: string }[] } }>(
      '/api/auth/password',
      {
        currentPassword: PASSWORD,
        newPassword: pw.replace('USERNAME', u.username),
      },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('WEAK_PASSWORD');
    expect(res.body.error.fields.map((f) => f.path)).toContain(field);
    expect(res.body.error.fields[0]!.message).toMatch(/[A-Za-z]/);
    expect((await c.get('/api/orgs')).status).toBe(403);
  });

  it('ends other sessions when the password changes', async () => {
    const u = await createUser(t.platform, district.orgs.stationA, 'liaisonOfficer');
    const a = new TestClient(app);
    const b = new TestClient(app);
    await a.login(u.username, PASSWORD);
    await b.login(u.username, PASSWORD);
    expect(
      (await a.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'Other#Pass77' })).status,
    ).toBe(200);
    expect((await a.get('/api/orgs')).status).toBe(200);
    expect((await b.get('/api/orgs')).status).toBe(401);
  });
});

describe('second factor', () => {
  it('enrols TOTP, then asks for the code at sign-in', async () => {
    const u = await createUser(t.platform, district.orgs.stationA, 'liaisonOfficer');
    const c = new TestClient(app);
    await c.login(u.username, PASSWORD);
    const setup = await c.post<{ secret: string; uri: string }>('/api/auth/totp/setup');
    expect(setup.body.uri).toMatch(/^otpauth:\/\/totp\//);
    expect(
      (await c.post('/api/auth/totp/enable', { code: '000000' === totpCode(setup.body.secret) ? '111111' : '000000' }))
        .status,
    ).toBe(400);
    expect((await c.post('/api/auth/totp/enable', { code: totpCode(setup.body.secret) })).status).toBe(200);

    const d = new TestClient(app);
    const login = await d.login(u.username, PASSWORD);
    expect(login.body).toMatchObject({ authenticated: false, mfaRequired: true });
    expect((await d.get('/api/orgs')).body).toMatchObject({ error: { code: 'MFA_REQUIRED' } });
    const wrong = totpCode(setup.body.secret, Date.now() + 10 * 60_000);
    expect((await d.post('/api/auth/mfa', { code: wrong })).body).toMatchObject({
      error: { code: 'INVALID_MFA_CODE' },
    });
    // The code that confirmed enrolment is spent; the next one is accepted, once.
    expect((await d.post('/api/auth/mfa', { code: totpCode(setup.body.secret) })).body).toMatchObject({
      error: { code: 'INVALID_MFA_CODE' },
    });
    const next = totpCode(setup.body.secret, Date.now() + 30_000);
    expect((await d.post('/api/auth/mfa', { code: next })).body).toMatchObject({ authenticated: true });
    expect((await d.get('/api/orgs')).status).toBe(200);
    const e = new TestClient(app);
    await e.login(u.username, PASSWORD);
    expect((await e.post('/api/auth/mfa', { code: next })).body).toMatchObject({ error: { code: 'INVALID_MFA_CODE' } });
    // A second enrolment leaves the first factor in force until it is confirmed.
    await d.post('/api/auth/totp/setup');
    expect((await new TestClient(app).login(u.username, PASSWORD)).body).toMatchObject({ mfaRequired: true });
    expect(await auditActions(u.id)).toEqual(expect.arrayContaining(['auth.totp.enabled', 'auth.mfa.failed']));
  });
});
