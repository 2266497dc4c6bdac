import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform } from '../../../../test/support/db.js';
import { createDistrict, createUser, PASSWORD } from '../../../../test/support/factories.js';
import { TestClient, createApp } from '../../../../test/support/http.js';

let t: Awaited<ReturnType<typeof createTestPlatform>>;
let app: FastifyInstance;
let district: Awaited<ReturnType<typeof createDistrict>>;

beforeAll(async () => {
  // As in production: the cache on (the other test files switch it off).
  t = await createTestPlatform({ LIAISON_SESSION_CACHE: 'on' });
  app = await createApp(t.platform);
  await app.ready();
  district = await createDistrict(t.platform);
});
afterAll(async () => {
  await app.close();
  await t.close();
});

/** SQL as another server process or an operator would run it, on its own connection. */
async function elsewhere(text: string, values: unknown[] = [], opts: { silent?: boolean } = {}) {
  const client = new pg.Client({ connectionString: t.database.ownerUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    // A change the triggers do not hear about: what the cache would miss without its rules.
    if (opts.silent) await client.query('SET LOCAL session_replication_role = replica');
    await client.query(text, values);
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}

async function signedInClient() {
  const u = await createUser(t.platform, district.orgs.stationA, 'liaisonOfficer');
  const c = new TestClient(app);
  expect((await c.login(u.username, PASSWORD)).status).toBe(200);
  expect((await c.get(station())).status).toBe(200);
  return { u, c };
}

const cache = () => t.platform.sessionCache!;
/** A page for anyone signed in. */
const station = () => '/api/opinions?limit=1';

describe('the session cache', () => {
  it('keeps a copy, and drops it when the database says the session was revoked elsewhere', async () => {
    const { u, c } = await signedInClient();
    expect(cache().active).toBe(true);
    // Revoked without a word to the listeners: the copy still answers. This is what the
    // triggers are for, and what the test below relies on being the copy and not the database.
    await elsewhere(`UPDATE user_session SET revoked_at = now() WHERE user_id = $1`, [u.id], { silent: true });
    expect((await c.get(station())).status).toBe(200);
    // The same revocation as any process makes it: the triggers tell every listener.
    await elsewhere(`UPDATE user_session SET revoked_at = now() WHERE user_id = $1`, [u.id]);
    await expect.poll(async () => (await c.get(station())).status, { timeout: 3000 }).toBe(401);
  });

  it('a role taken away in another process no longer counts within moments', async () => {
    const { u, c } = await signedInClient();
    const made = await c.post<{ id: number }>('/api/opinions', {
      orgId: district.orgs.stationA.id,
      channel: 'reception',
      content: '小区门口的路灯坏了，晚上出行不安全。',
      constituent: { anonymous: true },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const opinion = `/api/opinions/${made.body.id}`;
    expect((await c.get(opinion)).status).toBe(200);
    await elsewhere(`DELETE FROM user_role WHERE user_id = $1`, [u.id]);
    await expect.poll(async () => (await c.get(opinion)).status, { timeout: 3000 }).toBe(404);
  });

  it('a forced sign-out through this server ends the session for the very next request', async () => {
    const { u, c } = await signedInClient();
    const admin = new TestClient(app);
    expect((await admin.login(district.users.securityAdmin.username, PASSWORD)).status).toBe(200);
    expect((await admin.post(`/api/users/${u.id}/sessions/revoke`)).status).toBe(200);
    expect((await c.get(station())).status).toBe(401);
  });

  it('keeps no copies while it cannot listen, and listens again', async () => {
    const { u, c } = await signedInClient();
    await elsewhere(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE application_name = 'liaison-auth-listen' AND datname = current_database()`,
    );
    await expect.poll(() => cache().active, { timeout: 3000 }).toBe(false);
    // Even a change nobody hears about is seen: without a listener every request reads the database.
    await elsewhere(`UPDATE user_session SET revoked_at = now() WHERE user_id = $1`, [u.id], { silent: true });
    expect((await c.get(station())).status).toBe(401);
    await expect.poll(() => cache().active, { timeout: 5000 }).toBe(true);
    const again = await signedInClient();
    expect((await again.c.get(station())).status).toBe(200);
  });
});
