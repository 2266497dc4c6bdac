import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform } from '../../../../test/support/db.js';
import { createDistrict, PASSWORD } from '../../../../test/support/factories.js';
import { TestClient, createApp } from '../../../../test/support/http.js';
import { apiHeaders, securityHeaders } from './security-headers.js';

let t: Awaited<ReturnType<typeof createTestPlatform>>;
let app: FastifyInstance;
let admin: TestClient;
let d: Awaited<ReturnType<typeof createDistrict>>;

beforeAll(async () => {
  t = await createTestPlatform({ LIAISON_BODY_LIMIT_KB: '16' });
  app = await createApp(t.platform);
  d = await createDistrict(t.platform);
  admin = new TestClient(app);
  await admin.login(d.users.admin.username, PASSWORD);
});
afterAll(async () => {
  await app.close();
  await t.close();
});

interface ErrorBody {
  error: { code: string; message: string; requestId: string; fields?: { path: string; message: string }[] };
}

const countUsers = async () =>
  Number(
    (
      await t.platform.db
        .selectFrom('app_user')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('bad input', () => {
  it('invalid JSON → 400 INVALID_JSON, nothing changed', async () => {
    const before = await countUsers();
    const res = await admin.post<ErrorBody>('/api/users', undefined, { raw: '{"username": "x",' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_JSON');
    expect(await countUsers()).toBe(before);
  });

  it('wrong types → 400 VALIDATION_FAILED naming each field, in Chinese by default', async () => {
    const res = await admin.post<ErrorBody>('/api/users', { username: 42, displayName: '', orgId: 'abc' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.fields!.map((f) => f.path).sort()).toEqual([
      'body.displayName',
      'body.orgId',
      'body.username',
    ]);
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('answers in English when asked', async () => {
    const en = new TestClient(app, { lang: 'en-US,en;q=0.9' });
    await en.login(d.users.admin.username, PASSWORD);
    const res = await en.post<ErrorBody>('/api/users', { username: 'ok.name', displayName: 'x' });
    expect(res.body.error.message).toBe('Some fields are invalid');
    expect(res.body.error.fields).toEqual([{ path: 'body.orgId', message: 'Required' }]);
  });

  it('an oversize body → 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await admin.post<ErrorBody>('/api/users', {
      username: 'big',
      displayName: 'x'.repeat(40_000),
      orgId: 1,
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('another content type → 415', async () => {
    const res = await admin.post<ErrorBody>('/api/users', undefined, {
      raw: 'username=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('bad path and query parameters → 400 naming them', async () => {
    expect((await admin.get<ErrorBody>('/api/users/abc')).body.error.fields![0]!.path).toBe('params.id');
    expect((await admin.get<ErrorBody>('/api/users?limit=100000')).body.error.fields![0]!.path).toBe('query.limit');
    expect((await admin.get<ErrorBody>('/api/users?cursor=zzz')).body.error.fields![0]!.path).toBe('query.cursor');
  });

  it('unknown keys in the body are ignored, never stored', async () => {
    const res = await admin.post<{ user: { id: number } }>('/api/users', {
      username: 'extra.keys',
      displayName: '多余',
      orgId: d.orgs.stationA.id,
      status: 'disabled',
    });
    expect(res.status).toBe(201);
    const row = await t.platform.db
      .selectFrom('app_user')
      .select('status')
      .where('id', '=', res.body.user.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('active');
  });

  it('control characters (NUL, bidi overrides) → 400 naming the field, never a 500', async () => {
    const a = await admin.get<ErrorBody>('/api/users?q=%00');
    expect(a.status).toBe(400);
    expect(a.body.error.fields![0]!.path).toBe('query.q');
    const b = await admin.post<ErrorBody>('/api/users', { username: 'ctl.user', displayName: '\u202eevil', orgId: 1 });
    expect(b.body.error.fields![0]!.path).toBe('body.displayName');
    const c = await new TestClient(app).post<ErrorBody>('/api/auth/login', { username: '\u0000', password: 'y' });
    expect(c.status).toBe(400);
  });

  it('ids are plain positive whole numbers', async () => {
    for (const id of ['0x1', '1e3', '-1', '0']) {
      expect((await admin.get<ErrorBody>(`/api/users/${id}`)).body.error.fields![0]!.path).toBe('params.id');
    }
  });

  it('an unknown route → 404 in the same JSON shape', async () => {
    const res = await admin.get<ErrorBody>('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('never leaks stack traces or SQL', async () => {
    const res = await admin.get('/api/users/999999999999999');
    expect(res.status).toBe(404);
    const bodies = [res, await admin.post('/api/users', undefined, { raw: '[' })].map((r) => JSON.stringify(r.body));
    for (const b of bodies) expect(b).not.toMatch(/at .*\.ts|SELECT|stack/i);
  });
});

describe('operations', () => {
  it('health and readiness', async () => {
    const c = new TestClient(app);
    expect((await c.get('/api/health')).body).toEqual({ status: 'ok' });
    expect((await c.get('/api/ready')).body).toEqual({ status: 'ready' });
  });

  it('every answer carries the security headers: a page the whole set, a JSON answer the API set, errors alike', async () => {
    const c = new TestClient(app);
    // A page (the stop link's, HTML even when the token is unknown) and the console (its page, or
    // the plain-text note that it is not built).
    const pages = [await c.request('GET', '/u/no-such-token'), await c.request('GET', '/console/')];
    for (const page of pages) {
      expect(page.headers['content-type']).toMatch(/^text\/(html|plain)/);
      expect(page.headers['content-security-policy']).toContain("default-src 'self'");
      expect(page.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
      expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(page.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      expect(page.headers['cross-origin-opener-policy']).toBe('same-origin');
    }
    expect(pages[0]!.headers['content-type']).toMatch(/^text\/html/);
    for (const path of ['/api/health', '/api/nothing-here', '/api/users']) {
      const res = await c.request('GET', path);
      expect(res.headers['content-type'], path).toMatch(/^application\/json/);
      // Nothing in a JSON answer may load or run, nor may it be framed or sniffed as a page.
      expect(res.headers['content-security-policy'], path).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(res.headers['x-frame-options'], path).toBe('DENY');
      expect(res.headers['cross-origin-resource-policy'], path).toBe('same-origin');
      expect(res.headers['cross-origin-opener-policy'], path).toBeUndefined();
    }
    for (const res of [...pages, await c.request('GET', '/api/health'), await c.request('GET', '/api/nothing-here')]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('HTTPS is remembered by pages and JSON answers alike where HSTS is on', async () => {
    const document = securityHeaders({ hsts: { maxAge: 31536000 } });
    expect(document['strict-transport-security']).toMatch(/^max-age=31536000/);
    expect(apiHeaders(document)['strict-transport-security']).toBe(document['strict-transport-security']);
    expect(apiHeaders(securityHeaders({ hsts: false }))['strict-transport-security']).toBeUndefined();
  });

  it('every response carries a request id, the given one when it is sane', async () => {
    const res = await new TestClient(app).request('GET', '/api/health', undefined, {
      headers: { 'x-request-id': 'abc-123' },
    });
    expect(res.headers['x-request-id']).toBe('abc-123');
    const odd = await new TestClient(app).request('GET', '/api/health', undefined, {
      headers: { 'x-request-id': 'bad id with spaces' },
    });
    expect(odd.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('publishes the OpenAPI document with the contracts', async () => {
    const res = await new TestClient(app).get<{ paths: Record<string, unknown> }>('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/users/', '/api/audit/']),
    );
  });

  it('the API needs a session by default', async () => {
    expect((await new TestClient(app).get<ErrorBody>('/api/users')).body.error.code).toBe('NOT_AUTHENTICATED');
  });
});
