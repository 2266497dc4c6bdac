import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageTypeNames } from '../src/contracts/notify.js';
import { connect, inTransaction, type Db } from '../src/server/db/database.js';
import { enqueue } from '../src/server/platform/notify/outbox.js';
import { DEMO_PASSWORD } from '../src/server/seed/demo.js';
import { createTestDatabase, TEST_SECRET, type TestDatabase } from './support/db.js';
import { startFakeS3, type FakeS3 } from './support/fakes/s3.js';
import { startFakeSms, type FakeSms } from './support/fakes/sms.js';
import { multipartBody } from './support/files.js';

// Two Liaison servers (two `liaison serve`, the first with --workers 2) on one PostgreSQL and one
// S3-compatible bucket, each with a data dir of its own, the way two nodes run behind nginx:
// whatever one of them does, the other sees.
const bin = path.resolve(import.meta.dirname, '../bin/liaison.mjs');
const PUBLIC_PER_MINUTE = 12;

interface Server {
  child: ChildProcess;
  url: string;
  metricsUrl: string | null;
  output: () => string;
}

/** Starts a server; `seeded` resolves once its database is migrated and loaded (before it listens). */
function serve(name: string, env: Record<string, string>, args: string[]) {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--log-level', 'warn', ...args], {
    env: { ...process.env, ...env },
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  servers.push(child);
  const seeded = new Promise<void>((resolve) =>
    child.stdout!.on('data', () => /Demo accounts|listening at/.test(out) && resolve()),
  );
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name}: no start within 120 s:\n${out}`)), 120_000);
    child.stdout!.on('data', () => {
      const m = /listening at (http:\/\/\S+)\/console\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!.replace('localhost', '127.0.0.1'));
      }
    });
    child.on('exit', (code) => reject(new Error(`${name} exited with ${code}:\n${out}`)));
  });
  const server = url.then((u): Server => ({
    child,
    url: u,
    metricsUrl: /metrics \S+ at (http:\/\/\S+\/metrics)/.exec(out)?.[1] ?? null,
    output: () => out,
  }));
  return { seeded, server };
}

/**
 * A browser behind the proxy: one cookie jar for both servers (one site), its own client address
 * (X-Forwarded-For, trusted), so that each client's anonymous calls count against its own limit.
 */
class Browser {
  cookies = new Map<string, string>();
  constructor(private readonly ip: string) {}

  async call(server: Server, method: string, p: string, body?: unknown, extra: { raw?: Buffer; type?: string } = {}) {
    const csrf = this.cookies.get('liaison_csrf');
    const res = await fetch(`${server.url}${p}`, {
      method,
      headers: {
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'x-forwarded-for': this.ip,
        ...(csrf && method !== 'GET' ? { 'x-csrf-token': csrf } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(extra.type ? { 'content-type': extra.type } : {}),
      },
      body: extra.raw ? new Uint8Array(extra.raw) : body !== undefined ? JSON.stringify(body) : undefined,
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, v] = pair!.split('=');
      if (v) this.cookies.set(k!, v);
      else this.cookies.delete(k!);
    }
    const bytes = Buffer.from(await res.arrayBuffer());
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(bytes.toString()) as Record<string, unknown>;
    } catch {
      /* a file */
    }
    return { status: res.status, body: json, bytes };
  }

  async login(server: Server, username: string, password = DEMO_PASSWORD) {
    await this.call(server, 'GET', '/api/auth/session');
    return this.call(server, 'POST', '/api/auth/login', { username, password });
  }
}

const servers: ChildProcess[] = [];
let database: TestDatabase;
let dataDirs: string[] = [];
let s3: FakeS3;
let sms: FakeSms;
let db: Db;
let a: Server;
let b: Server;
let ipCount = 0;
const browser = () => new Browser(`10.1.0.${++ipCount}`);

async function signedIn(server: Server, username: string) {
  const br = browser();
  expect((await br.login(server, username)).status).toBe(200);
  return br;
}

/** The demo's 新碶 station, as its street officer sees it. */
async function xinqiStation(officer: Browser) {
  const stations = (await officer.call(a, 'GET', '/api/stations?limit=100')).body.items as {
    id: number;
    name: string;
  }[];
  return stations.find((s) => s.name === '新碶街道人大代表联络站')!;
}

beforeAll(async () => {
  database = await createTestDatabase({ empty: true });
  dataDirs = ['A', 'B'].map((n) => fs.mkdtempSync(path.join(os.tmpdir(), `liaison-node-${n}-`)));
  s3 = await startFakeS3();
  sms = await startFakeSms({ provider: 'aliyun', keyId: 'LTAI5tNodesKey', secret: 'nodes-secret-of-aliyun' });
  const env = {
    NODE_ENV: 'development',
    // As in production on a managed PostgreSQL: the server as `liaison_app` (no UPDATE or DELETE
    // on the audit trail), migrations and the job queue's schema as the owner.
    DATABASE_URL: database.appUrl,
    DATABASE_OWNER_URL: database.ownerUrl,
    LIAISON_S3_URL: s3.settings.url,
    LIAISON_S3_BUCKET: s3.settings.bucket,
    LIAISON_S3_ACCESS_KEY: s3.settings.accessKey,
    LIAISON_S3_SECRET_KEY: s3.settings.secretKey,
    LIAISON_SECRET: TEST_SECRET,
    LIAISON_TRUST_PROXY: '1',
    LIAISON_PUBLIC_PER_MINUTE: String(PUBLIC_PER_MINUTE),
    LIAISON_POW_MAX_NUMBER: '1000',
    LIAISON_SMS_PROVIDER: 'aliyun',
    LIAISON_SMS_ENDPOINT: sms.url,
    LIAISON_SMS_KEY_ID: 'LTAI5tNodesKey',
    LIAISON_SMS_KEY_SECRET: 'nodes-secret-of-aliyun',
    LIAISON_SMS_SIGN_NAME: '北仑区人大',
    LIAISON_SMS_TEMPLATES: messageTypeNames.map((type, i) => `${type}=SMS_20000${i}`).join(','),
    LIAISON_NOTIFY_QUIET_HOURS: 'off',
    LIAISON_JOBS_POLL_SECONDS: '1',
    LIAISON_API_DOCS: 'off',
  };
  // The first migrates and loads the demo district; the second finds the schema current.
  const first = serve('A', { ...env, LIAISON_DATA_DIR: dataDirs[0]! }, [
    '--workers',
    '2',
    '--demo',
    '--metrics-port',
    '0',
  ]);
  // B boots while A forks its workers.
  await Promise.race([first.seeded, first.server]);
  [a, b] = await Promise.all([first.server, serve('B', { ...env, LIAISON_DATA_DIR: dataDirs[1]! }, []).server]);
  db = connect(database.ownerUrl, 2);
}, 240_000);

afterAll(async () => {
  for (const c of servers) c.kill('SIGTERM');
  await Promise.all(
    servers.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null) return resolve();
          const t = setTimeout(() => (c.kill('SIGKILL'), resolve()), 10_000);
          c.once('exit', () => (clearTimeout(t), resolve()));
        }),
    ),
  );
  await db?.destroy();
  await sms?.close();
  await database?.drop();
  await s3?.close();
  for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('two servers on one database', () => {
  it('a session opened on one is valid on the other; a logout on one ends it on the other at once', async () => {
    const officer = await signedIn(a, 'xinqi.officer');
    const session = await officer.call(b, 'GET', '/api/auth/session');
    expect(session.body).toMatchObject({ authenticated: true, me: { username: 'xinqi.officer' } });
    // B now holds the session in its cache (LISTEN/NOTIFY keeps it in step).
    expect((await officer.call(b, 'GET', '/api/opinions?limit=1')).status).toBe(200);
    expect((await officer.call(b, 'GET', '/api/opinions?limit=1')).status).toBe(200);
    const stolen = new Browser('10.1.9.1');
    stolen.cookies = new Map(officer.cookies);
    expect((await officer.call(a, 'POST', '/api/auth/logout')).status).toBeLessThan(300);
    await expect
      .poll(async () => (await stolen.call(b, 'GET', '/api/opinions?limit=1')).status, { timeout: 5_000 })
      .toBe(401);
  });

  it('an account disabled on one server is signed out on the other; a lockout on one holds on the other', async () => {
    const liaison = await signedIn(a, 'xinqi.liaison');
    expect((await liaison.call(a, 'GET', '/api/opinions?limit=1')).status).toBe(200);
    const admin = await signedIn(b, 'admin');
    const found = await admin.call(b, 'GET', '/api/users?q=xinqi.liaison');
    const id = (found.body.items as { id: number; username: string }[]).find((u) => u.username === 'xinqi.liaison')!.id;
    expect((await admin.call(b, 'POST', `/api/users/${id}/status`, { status: 'disabled' })).status).toBe(200);
    // Both workers of A (requests go to either) refuse it.
    await expect
      .poll(
        async () => {
          const r = await Promise.all([1, 2, 3, 4].map(() => liaison.call(a, 'GET', '/api/opinions?limit=1')));
          return r.map((x) => x.status);
        },
        { timeout: 5_000 },
      )
      .toEqual([401, 401, 401, 401]);

    const attacker = browser();
    await attacker.call(a, 'GET', '/api/auth/session');
    for (let i = 0; i < 5; i++) await attacker.login(a, 'daqi.officer', 'wrong-password');
    const locked = await browser().login(b, 'daqi.officer');
    expect([locked.status, (locked.body.error as { code: string }).code]).toEqual([423, 'ACCOUNT_LOCKED']);
  });

  it('the anonymous routes’ limit per client address is one count across both servers', async () => {
    for (let attempt = 0; ; attempt++) {
      const client = browser();
      const minute = Math.floor(Date.now() / 60_000);
      const statuses: number[] = [];
      for (let i = 0; i < PUBLIC_PER_MINUTE + 4; i++)
        statuses.push((await client.call(i % 2 ? b : a, 'GET', '/api/public/stations')).status);
      // A minute's window that ended in the middle splits the count: try again in the next one.
      if (Math.floor(Date.now() / 60_000) !== minute && attempt < 2) continue;
      expect(statuses.filter((s) => s === 200)).toHaveLength(PUBLIC_PER_MINUTE);
      expect(statuses.slice(PUBLIC_PER_MINUTE)).toEqual([429, 429, 429, 429]);
      break;
    }
  });

  it('each outbox message is sent once, whichever server registered it and both running the jobs', async () => {
    const officer = await signedIn(a, 'xinqi.officer');
    const station = await xinqiStation(officer);
    const phones = Array.from({ length: 8 }, (_, i) => `1390000${String(1000 + i)}`);
    await Promise.all(
      phones.map(async (phone, i) => {
        const r = await officer.call(i % 2 ? b : a, 'POST', '/api/opinions', {
          orgId: station.id,
          channel: 'phone',
          content: `多节点测试 ${i}：小区路灯不亮，请尽快维修。`,
          constituent: { name: '测试', phone },
          idempotencyKey: `multi-node-key-${i}`,
        });
        expect(r.status, JSON.stringify(r.body)).toBe(201);
      }),
    );
    const ours = () => sms.accepted.filter((m) => phones.includes(m.phone)).map((m) => m.phone);
    await expect.poll(() => ours().length, { timeout: 30_000, interval: 200 }).toBe(phones.length);
    // A second server's workers had time to pick any of them up again: none did.
    await new Promise((r) => setTimeout(r, 2_500));
    expect(ours().sort()).toEqual([...phones].sort());
    // Nor any other message (the demo district's own): one request per message, one attempt per delivery.
    expect(new Set(sms.accepted.map((m) => m.outId)).size).toBe(sms.accepted.length);
    const perDelivery = await db
      .selectFrom('notify_attempt')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .groupBy('delivery_id')
      .execute();
    expect(Math.max(...perDelivery.map((r) => Number(r.n)))).toBe(1);
  }, 60_000);

  it('an in-app message written anywhere reaches its user on the other server', async () => {
    const office = await signedIn(b, 'xinqi.office');
    const before = (await office.call(b, 'GET', '/api/notify/inbox/unread')).body.unread as number;
    const user = await db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', 'xinqi.office')
      .executeTakeFirstOrThrow();
    // As a use case on A would: in its transaction; A's or B's jobs expand it.
    await inTransaction(db, (trx) =>
      enqueue(trx, {
        type: 'opinion.assigned',
        to: { userId: user.id },
        vars: { receiptCode: 'R-NODES', title: '路灯', deadline: '2026-12-31' },
        dedupeKey: 'nodes-inbox',
      }),
    );
    await expect
      .poll(async () => (await office.call(b, 'GET', '/api/notify/inbox/unread')).body.unread, { timeout: 30_000 })
      .toBe(before + 1);
  }, 60_000);

  it('a check of the audit chain started on one server is followed on the other to its result', async () => {
    const auditor = await signedIn(a, 'auditor');
    const started = await auditor.call(a, 'POST', '/api/audit/verify-runs', {});
    expect(started.status).toBe(202);
    const id = started.body.id as number;
    // B reads A's progress and result from the database; asking B while A's runs answers with A's.
    await expect
      .poll(async () => (await auditor.call(b, 'GET', `/api/audit/verify-runs/${id}`)).body.status, { timeout: 30_000 })
      .toBe('done');
    const seen = await auditor.call(b, 'GET', '/api/audit/verify-runs/latest');
    expect(seen.body.run).toMatchObject({ id, status: 'done', result: { ok: true } });
    expect((seen.body.run as { rows: number }).rows).toBeGreaterThan(0);
  }, 60_000);

  it('a file uploaded through one server is served by the other (from the S3-compatible bucket)', async () => {
    const head = await signedIn(a, 'xinqi.officer');
    const station = await xinqiStation(head);
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c0392b' } })
      .png()
      .toBuffer();
    const { body, contentType } = multipartBody(png, 'photo.png', 'image/png');
    const up = await head.call(a, 'POST', `/api/stations/${station.id}/photos?caption=nodes`, undefined, {
      raw: body,
      type: contentType,
    });
    expect(up.status).toBe(200);
    const photo = (up.body.photos as { id: number; caption: string | null }[]).find((p) => p.caption === 'nodes')!;
    const fromA = await head.call(a, 'GET', `/api/stations/${station.id}/photos/${photo.id}`);
    const fromB = await head.call(b, 'GET', `/api/stations/${station.id}/photos/${photo.id}`);
    expect([fromA.status, fromB.status]).toEqual([200, 200]);
    expect(fromB.bytes.equals(fromA.bytes)).toBe(true);
    expect(fromB.bytes.length).toBeGreaterThan(50);
    // The bytes are in the bucket, not in either node's data dir.
    const sha = crypto.createHash('sha256').update(fromA.bytes).digest('hex');
    expect(
      fs.readdirSync(path.join(s3.dir, s3.settings.bucket, 'files', sha.slice(0, 2))).some((f) => f.startsWith(sha)),
    ).toBe(true);
    for (const dir of dataDirs) expect(fs.existsSync(path.join(dir, 'files', sha.slice(0, 2)))).toBe(false);
  });

  it('the metrics of --workers 2 add up both workers', async () => {
    expect(a.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const before = await healthCount();
    const n = 8; // from 127.0.0.1, under the anonymous limit
    for (let i = 0; i < n; i++) expect((await fetch(`${a.url}/api/health`)).status).toBe(200);
    expect((await healthCount()) - before).toBe(n);
    const text = await (await fetch(a.metricsUrl!)).text();
    expect(text).toMatch(/^liaison_db_pool_connections \d+/m);
    expect(text).toContain('# TYPE liaison_jobs gauge');
    expect(text).toMatch(/^liaison_database_up 1$/m);
  });
});

async function healthCount() {
  const text = await (await fetch(a.metricsUrl!)).text();
  const line = text
    .split('\n')
    .find(
      (l) =>
        l.startsWith('liaison_http_request_duration_seconds_count{') &&
        l.includes('route="/api/health"') &&
        l.includes('status_code="200"'),
    );
  return line ? Number(line.split(' ').pop()) : 0;
}
