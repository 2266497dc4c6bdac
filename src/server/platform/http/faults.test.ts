import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, superQuery } from '../../../../test/support/db.js';
import { createDistrict, PASSWORD } from '../../../../test/support/factories.js';
import { TestClient, createApp } from '../../../../test/support/http.js';
import { MAX_DEPTH } from './pipeline.js';

// Input no client should be able to turn into a 500, and a database outage in the middle of work.
let t: Awaited<ReturnType<typeof createTestPlatform>>;
let app: FastifyInstance;
let admin: TestClient;

interface ErrorBody {
  error: { code: string; message: string; fields?: { path: string; message: string }[] };
}

beforeAll(async () => {
  t = await createTestPlatform();
  app = await createApp(t.platform);
  const d = await createDistrict(t.platform);
  admin = new TestClient(app);
  await admin.login(d.users.admin.username, PASSWORD);
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('pathological input', () => {
  it('very deep nesting → 400 naming where, without recursion, also anonymously', async () => {
    const deep = `{"username":${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
    const signed = await admin.post<ErrorBody>('/api/users', undefined, { raw: deep });
    expect(signed.status).toBe(400);
    expect(signed.body.error.fields?.[0]?.message).toContain('嵌套');
    const anonymous = await new TestClient(app).post<ErrorBody>('/api/public/opinions/follow', undefined, {
      raw: `{"receiptCode":${'{"a":'.repeat(MAX_DEPTH + 5)}1${'}'.repeat(MAX_DEPTH + 5)}}`,
    });
    expect(anonymous.status).toBe(400);
  });

  it('unpaired UTF-16 surrogates → 400 naming the field (never stored, never turned into U+FFFD)', async () => {
    const before = await t.platform.db.selectFrom('app_user').select('id').execute();
    const res = await admin.post<ErrorBody>('/api/users', undefined, {
      raw: '{"username":"ok.name","displayName":"王\\ud800五","orgId":1,"roles":[]}',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields?.map((f) => f.path)).toEqual(['body.displayName']);
    expect(await t.platform.db.selectFrom('app_user').select('id').execute()).toHaveLength(before.length);
    // A pair is a character like any other.
    const pair = await admin.post<ErrorBody>('/api/users', undefined, {
      raw: '{"username":"","displayName":"王\\ud83d\\ude00五"}',
    });
    expect(pair.body.error.fields?.map((f) => f.path)).not.toContain('body.displayName');
  });

  it('odd ids in public paths (huge, fractional, exponent, Infinity) → 400, never 500', async () => {
    const c = new TestClient(app);
    for (const id of ['1e300', '1.5', 'Infinity', '-1', '99999999999999999999', '0x10', '%20'])
      for (const path of [`/api/public/stations/${id}/photos/1`, `/api/public/stations/1/photos/${id}`]) {
        const r = await c.get<ErrorBody>(path);
        expect([path, r.status]).toEqual([path, 400]);
      }
  });
});

describe('anonymous routes', () => {
  it('share one limit per client address across every public route (429 with Retry-After), in the database', async () => {
    const limited = await createTestPlatform({ LIAISON_PUBLIC_PER_MINUTE: '5' });
    const small = await createApp(limited.platform);
    try {
      const c = new TestClient(small, { ip: '10.7.0.1' });
      const paths = ['/api/public/suggestions', '/api/public/stations', '/api/public/categories'];
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await c.get(paths[i % 3]!)).status);
      expect(statuses.slice(0, 5).every((s) => s !== 429)).toBe(true);
      const refused = await c.get<ErrorBody>(paths[0]!);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      // Another address is counted apart.
      expect((await new TestClient(small, { ip: '10.7.0.2' }).get(paths[0]!)).status).toBe(200);
      // Liveness is not counted (a load balancer asks every second); it answers even when refused elsewhere.
      const probe = new TestClient(small, { ip: '10.7.0.4' });
      for (let i = 0; i < 8; i++) expect((await probe.get('/api/health')).status).toBe(200);
      expect((await probe.get(paths[0]!)).status).toBe(200);
    } finally {
      await small.close();
      await limited.close();
    }
  });
});

describe('anonymous requests in progress', () => {
  it('are bounded per client address: slow uploads hold their slots until they end, other addresses go on', async () => {
    const limited = await createTestPlatform({ LIAISON_PUBLIC_CONCURRENT: '2' });
    const small = await createApp(limited.platform);
    try {
      const ip = '10.7.0.3';
      const c = new TestClient(small, { ip });
      await c.get('/api/auth/session');
      const [head, tail] = ['{"receiptCode":', '"ABCDE-FGHJK","phoneLast4":"1234"}'];
      // (inject sends when its answer is awaited: an async function does that at once)
      const upload = async (payload: PassThrough) =>
        small.inject({
          method: 'POST',
          url: '/api/public/opinions/follow',
          remoteAddress: ip,
          headers: {
            cookie: `liaison_csrf=${c.csrf}`,
            'x-csrf-token': c.csrf!,
            'content-type': 'application/json',
            'content-length': String(head.length + tail.length),
          },
          payload,
        });
      // Two bodies that trickle in and are not finished yet.
      const bodies = [new PassThrough(), new PassThrough()];
      const slow = bodies.map(upload);
      for (const b of bodies) b.write(head);
      const probe = () => c.get<ErrorBody>('/api/public/categories');
      await expect.poll(async () => (await probe()).status, { timeout: 10_000 }).toBe(429);
      const refused = await probe();
      expect(refused.body.error.code).toBe('RATE_LIMITED');
      expect(refused.headers['retry-after']).toBe('1');
      expect((await new TestClient(small, { ip: '10.7.0.4' }).get('/api/public/categories')).status).toBe(200);
      // The uploads end: their slots are given back.
      for (const b of bodies) b.end(tail);
      for (const r of await Promise.all(slow)) expect(r.statusCode).toBeLessThan(500);
      expect((await probe()).status).toBe(200);
      // A client that goes away mid-upload gives its slot back too.
      const gone = new PassThrough();
      const aborted = upload(gone).catch(() => null);
      gone.write(head);
      gone.destroy(new Error('client went away'));
      await aborted;
      for (let i = 0; i < 3; i++) expect((await probe()).status).toBe(200);
    } finally {
      await small.close();
      await limited.close();
    }
  });
});

describe('connections', () => {
  it('idle, slow and half-sent connections are closed by the server', () => {
    expect(app.server.headersTimeout).toBe(20_000);
    expect(app.server.requestTimeout).toBe(120_000);
    expect(app.server.keepAliveTimeout).toBe(10_000);
    expect(app.server.timeout).toBe(120_000);
  });
});

describe('a database outage', () => {
  it('answers 503 with Retry-After and a message in both languages while the database refuses, and recovers by itself', async () => {
    const c = new TestClient(app);
    const url = '/api/public/suggestions';
    expect((await c.get(url)).status).toBe(200);
    const name = t.database.name;
    // New connections refused (as a full or restarting server would), the open ones cut.
    await superQuery(t.database.ownerUrl.replace(`/${name}`, '/postgres'), `ALTER DATABASE ${name} CONNECTION LIMIT 0`);
    try {
      await superQuery(
        t.database.ownerUrl.replace(`/${name}`, '/postgres'),
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
        [name],
      );
      for (const lang of ['zh-CN', 'en']) {
        const r = await c.request<ErrorBody>('GET', url, undefined, { headers: { 'accept-language': lang } });
        expect(r.status).toBe(503);
        expect(r.headers['retry-after']).toBe('5');
        expect(r.body.error.code).toBe('DATABASE_UNAVAILABLE');
        expect(r.body.error.message).toEqual(
          lang === 'en' ? expect.stringContaining('try again') : '暂时无法连接，请稍后重试',
        );
      }
    } finally {
      await superQuery(
        t.database.ownerUrl.replace(`/${name}`, '/postgres'),
        `ALTER DATABASE ${name} CONNECTION LIMIT -1`,
      );
    }
    // Back without a restart: the pool opens new connections.
    await expect.poll(async () => (await c.get(url)).status, { timeout: 10_000 }).toBe(200);
  });
});
