import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, superQuery, TEST_SECRET } from '../../../../test/support/db.js';
import { createDistrict, createOpinion, PASSWORD } from '../../../../test/support/factories.js';
import { download } from '../../../../test/support/files.js';
import { formatReceiptCode } from '../../modules/opinions/receipt.js';
import { readTable } from '../files/table-file.js';
import { TestClient, createApp } from '../../../../test/support/http.js';
import { inTransaction } from '../../db/database.js';

const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, '../../../../bin/liaison.mjs');

let t: Awaited<ReturnType<typeof createTestPlatform>>;
let app: FastifyInstance;
let d: Awaited<ReturnType<typeof createDistrict>>;

beforeAll(async () => {
  t = await createTestPlatform();
  app = await createApp(t.platform);
  d = await createDistrict(t.platform);
});
afterAll(async () => {
  await app.close();
  await t.close();
});

async function verifyCli(args: string[] = [], on = t) {
  return run(process.execPath, [bin, 'audit', 'verify', ...args], {
    env: {
      ...process.env,
      DATABASE_URL: on.database.ownerUrl,
      LIAISON_SECRET: TEST_SECRET,
      LIAISON_DATA_DIR: on.platform.config.dataDir,
    },
  }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );
}

/**
 * A platform of its own with the demo district, its app and the auditor signed in: for tests that
 * need an intact trail (the shared one has a row edited by a test below, which may be a chain's
 * noted head: the chains are picked at random).
 */
async function withAuditor(
  fn: (o: {
    own: Awaited<ReturnType<typeof createTestPlatform>>;
    app: FastifyInstance;
    district: Awaited<ReturnType<typeof createDistrict>>;
    c: TestClient;
  }) => Promise<void>,
) {
  const own = await createTestPlatform();
  const ownApp = await createApp(own.platform);
  try {
    const district = await createDistrict(own.platform);
    const c = new TestClient(ownApp);
    await c.login(district.users.auditor.username, PASSWORD);
    await fn({ own, app: ownApp, district, c });
  } finally {
    await ownApp.close();
    await own.close();
  }
}

describe('audit trail', () => {
  it('records each change with actor, request id, address and user agent', async () => {
    const admin = new TestClient(app);
    await admin.login(d.users.admin.username, PASSWORD);
    const res = await admin.request(
      'POST',
      '/api/users',
      { username: 'audited.one', displayName: '某某', orgId: d.orgs.stationA.id },
      {
        headers: { 'x-request-id': 'req-audit-1', 'user-agent': 'vitest-agent' },
      },
    );
    expect(res.status).toBe(201);
    const row = await t.platform.db
      .selectFrom('audit_log')
      .selectAll()
      .where('request_id', '=', 'req-audit-1')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      action: 'user.create',
      actor_name: d.users.admin.username,
      user_agent: 'vitest-agent',
      subject_type: 'user',
    });
    expect(row.summary).toMatchObject({ username: 'audited.one' });
    expect(JSON.stringify(row.summary)).not.toMatch(/password/i);
  });

  it('the application role cannot update or delete audit rows', async () => {
    await expect(t.platform.db.updateTable('audit_log').set({ action: 'x' }).execute()).rejects.toThrow();
    await expect(t.platform.db.deleteFrom('audit_log').execute()).rejects.toThrow();
  });

  it('the auditor finds rows by actor and action prefix', async () => {
    const c = new TestClient(app);
    await c.login(d.users.auditor.username, PASSWORD);
    const res = await c.get<{ items: { action: string; actorName: string }[] }>(
      `/api/audit?actor=${d.users.admin.username}&action=auth.`,
    );
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    for (const r of res.body.items) {
      expect(r.actorName).toBe(d.users.admin.username);
      expect(r.action.startsWith('auth.')).toBe(true);
    }
  });

  it("pages newest first by time, a transaction's rows by id, none lost or repeated; a prefix is exactly its actions", async () => {
    const ctx = { actor: null, requestId: 'req-paging', ip: null, userAgent: null };
    // Five rows in one transaction share their time; two more come after it.
    await inTransaction(t.platform.db, (trx) =>
      t.platform.audit.recordMany(
        trx,
        ctx,
        ['paging.a', 'paging.b', 'paging.c', 'paging.d', 'paging.e'].map((action) => ({ action })),
      ),
    );
    for (const action of ['pagingx.f', 'paging.g'])
      await inTransaction(t.platform.db, (trx) => t.platform.audit.record(trx, ctx, { action }));
    const c = new TestClient(app);
    await c.login(d.users.auditor.username, PASSWORD);
    const seen: string[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const res: { status: number; body: { items: { action: string }[]; nextCursor: string | null } } = await c.get(
        `/api/audit?action=paging.&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((r) => r.action));
      cursor = res.body.nextCursor;
      pages++;
    }
    // `pagingx.f` is not under the prefix `paging.`; the rest come newest first, ties by id.
    expect(seen).toEqual(['paging.g', 'paging.e', 'paging.d', 'paging.c', 'paging.b', 'paging.a']);
    expect(pages).toBe(3);
    const exact = await c.get<{ items: { action: string }[] }>('/api/audit?action=paging.c');
    expect(exact.body.items.map((r) => r.action)).toEqual(['paging.c']);
  });

  it('names the subjects (a user by name, an opinion by receipt code) and exports the search in words', async () => {
    const c = new TestClient(app);
    await c.login(d.users.auditor.username, PASSWORD);
    const opinion = await createOpinion(t.platform, d, 'registered');
    await inTransaction(t.platform.db, (trx) =>
      t.platform.audit.record(
        trx,
        { actor: null, requestId: 'req-words', ip: null, userAgent: null },
        { action: 'opinion.assign', subjectType: 'opinion', subjectId: opinion.id, summary: { unitId: 1 } },
      ),
    );
    const receipt = await t.platform.db
      .selectFrom('opinion')
      .select('receipt_code')
      .where('id', '=', opinion.id)
      .executeTakeFirstOrThrow();
    const found = await c.get<{ items: { subjectName: string | null }[] }>(
      `/api/audit?action=opinion.assign&subjectType=opinion&subjectId=${opinion.id}`,
    );
    expect(found.body.items.map((r) => r.subjectName)).toEqual([formatReceiptCode(receipt.receipt_code)]);
    const users = await c.get<{ items: { subjectName: string | null }[] }>('/api/audit?action=user.create');
    expect(users.body.items[0]?.subjectName).toMatch(/（[a-z0-9._-]+）$/);

    const file = await download(app, c, `/api/audit/export.xlsx?action=opinion.assign`);
    expect(file.status).toBe(200);
    const sheet = await readTable(file.bytes);
    expect(sheet[0]).toEqual(expect.arrayContaining(['时间', '操作人', '操作', '对象', '对象名称']));
    const line = sheet.find((r) => r.includes(formatReceiptCode(receipt.receipt_code)))!;
    expect(line).toEqual(expect.arrayContaining(['交办', 'opinion.assign', '意见', '系统']));
    // The export is on the trail too; the page of a non-auditor is refused.
    const exported = await c.get<{ items: unknown[] }>('/api/audit?action=audit.export');
    expect(exported.body.items.length).toBe(1);
    const admin = new TestClient(app);
    await admin.login(d.users.admin.username, PASSWORD);
    expect((await download(app, admin, '/api/audit/export.xlsx')).status).toBe(403);
  });

  it('rows appended many at once chain on in order, after the others, and verify', async () => {
    const ctx = { actor: null, requestId: 'batch-test', ip: null, userAgent: null };
    await inTransaction(t.platform.db, (trx) =>
      t.platform.audit.recordMany(
        trx,
        ctx,
        Array.from({ length: 1203 }, (_, i) => ({ action: 'test.batch', subjectType: 'test', subjectId: i })),
      ),
    );
    await inTransaction(t.platform.db, (trx) => t.platform.audit.record(trx, ctx, { action: 'test.after' }));
    const rows = await t.platform.db
      .selectFrom('audit_log')
      .select(['id', 'subject_id', 'action'])
      .where('request_id', '=', 'batch-test')
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.subject_id)).toEqual([...Array.from({ length: 1203 }, (_, i) => String(i)), null]);
    expect(rows.at(-1)!.action).toBe('test.after');
    expect(await t.platform.audit.verify(t.platform.db)).toMatchObject({ ok: true });
  });

  it('verifies an intact chain, from the API and from `liaison audit verify`', async () => {
    const c = new TestClient(app);
    await c.login(d.users.auditor.username, PASSWORD);
    expect((await c.post('/api/audit/verify')).body).toMatchObject({ ok: true });
    const cli = await verifyCli();
    expect(cli.out).toMatch(/intact/);
    expect(cli.code).toBe(0);
  });

  it('an edited row breaks the chain at that row', async () => {
    const { rows } = await superQuery(
      t.database.ownerUrl,
      `SELECT id FROM audit_log WHERE action = 'user.create' ORDER BY id LIMIT 1`,
    );
    const id = rows[0].id as string;
    // A tamperer with the owner's rights has to switch the append-only trigger off first.
    await superQuery(
      t.database.ownerUrl,
      `ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;
       UPDATE audit_log SET summary = '{"username":"someone-else"}' WHERE id = ${Number(id)};
       ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;`,
    );
    const result = await t.platform.audit.verify(t.platform.db);
    expect(result).toMatchObject({ ok: false, brokenAt: Number(id), reason: 'hash' });
    const cli = await verifyCli();
    expect(cli.code).toBe(3);
    expect(cli.out).toMatch(new RegExp(`BROKEN.*${id}`));
  });

  it('a forged row appended without the key breaks the chain', async () => {
    const other = await createTestPlatform();
    try {
      const last = await other.platform.db
        .selectFrom('audit_log')
        .select('hash')
        .orderBy('id', 'desc')
        .executeTakeFirst();
      await superQuery(
        other.database.ownerUrl,
        `INSERT INTO audit_log (id, at, action, summary, prev_hash, hash)
         VALUES (nextval('audit_log_id_seq'), now(), 'user.create', '{}', $1, repeat('a', 64))`,
        [last?.hash ?? '0'.repeat(64)],
      );
      expect(await other.platform.audit.verify(other.platform.db)).toMatchObject({ ok: false, reason: 'hash' });
    } finally {
      await other.close();
    }
  });
});

describe('the witness outside the database', () => {
  it('shows newest rows deleted, which the chain alone cannot', async () => {
    const own = await createTestPlatform();
    try {
      const ctx = { actor: null, requestId: 'witness-test', ip: null, userAgent: null };
      const add = (action: string) =>
        inTransaction(own.platform.db, (trx) => own.platform.audit.record(trx, ctx, { action }));
      await add('test.one');
      await add('test.two');
      const head = await own.platform.audit.witness(own.platform.db);
      expect(head).not.toBeNull();
      await add('test.three');
      expect(await own.platform.audit.verify(own.platform.db)).toMatchObject({ ok: true });
      // Someone with the database's keys removes the last rows: what is left still links up.
      // (As the superuser, past the append-only trigger.)
      await superQuery(
        own.database.ownerUrl,
        `SET session_replication_role = replica; DELETE FROM audit_log WHERE id >= ${Number(head!.id)}`,
      );
      expect(await own.platform.audit.verify(own.platform.db)).toMatchObject({
        ok: false,
        brokenAt: head!.id,
        reason: 'truncated',
      });
      // A witness line edited to match the cut chain is refused too.
      const file = path.join(own.platform.config.dataDir, 'audit-witness.jsonl');
      const line = JSON.parse(fs.readFileSync(file, 'utf8').trim()) as { id: number };
      fs.writeFileSync(file, `${JSON.stringify({ ...line, id: line.id - 1 })}\n`);
      expect(await own.platform.audit.verify(own.platform.db)).toMatchObject({ ok: false, reason: 'witness' });
    } finally {
      await own.close();
    }
  });
});

describe('checking only the rows written since a moment', () => {
  it('reads from the witness line before it, each chain from its noted head; an edit after it is found, one before it only by the whole walk', async () => {
    const own = await createTestPlatform();
    try {
      const ctx = { actor: null, requestId: 'since-test', ip: null, userAgent: null };
      const audit = own.platform.audit;
      const db = own.platform.db;
      // Rows in several chains: each transaction picks one at random.
      const write = (tag: string, n: number) =>
        Promise.all(
          Array.from({ length: n }, (_, i) =>
            inTransaction(db, (trx) => audit.record(trx, ctx, { action: `test.${tag}${i}`, summary: { i } })),
          ),
        );
      const lines = () =>
        fs
          .readFileSync(path.join(own.platform.config.dataDir, 'audit-witness.jsonl'), 'utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as { id: number; at: string; heads: [number, number, string][] });
      await write('old', 30);
      await audit.witness(db);
      const first = lines().at(-1)!;
      await write('new', 30);
      const idOf = async (action: string) =>
        Number(
          (await db.selectFrom('audit_log').select('id').where('action', '=', action).executeTakeFirstOrThrow()).id,
        );
      const whole = await audit.verify(db);
      expect(whole).toMatchObject({ ok: true, rows: 60 });
      expect(whole.since).toBeUndefined();

      // Since a moment after the line: the 30 new rows (each chain's noted head is read again, not counted).
      const since = new Date(Date.parse(first.at) + 1);
      const recent = await audit.verify(db, { since });
      expect(recent).toMatchObject({ ok: true, rows: 30, since: { id: first.id, at: first.at } });
      // Before any line: the whole walk.
      expect(await audit.verify(db, { since: new Date(Date.parse(first.at) - 60_000) })).toMatchObject({
        ok: true,
        rows: 60,
      });

      // A row written after the line, edited: found by both, at that row.
      const edited = await idOf('test.new7');
      await superQuery(
        own.database.ownerUrl,
        `SET session_replication_role = replica; UPDATE audit_log SET summary = '{"i": 70}' WHERE id = ${edited}`,
      );
      expect(await audit.verify(db, { since })).toMatchObject({ ok: false, brokenAt: edited, reason: 'hash' });
      expect(await audit.verify(db)).toMatchObject({ ok: false, brokenAt: edited, reason: 'hash' });
      await superQuery(
        own.database.ownerUrl,
        `SET session_replication_role = replica; UPDATE audit_log SET summary = '{"i": 7}' WHERE id = ${edited}`,
      );
      expect(await audit.verify(db, { since })).toMatchObject({ ok: true });

      // A row written before the line, edited: not read by the check since (it says where it began);
      // the whole walk finds it.
      const noted = new Set(first.heads.map(([, id]) => id));
      const untouched = (await db.selectFrom('audit_log').select('id').where('action', 'like', 'test.old%').execute())
        .map((r) => Number(r.id))
        .find((id) => !noted.has(id))!;
      await superQuery(
        own.database.ownerUrl,
        `SET session_replication_role = replica; UPDATE audit_log SET summary = '{"i": 99}' WHERE id = ${untouched}`,
      );
      expect(await audit.verify(db, { since })).toMatchObject({ ok: true, since: { id: first.id } });
      expect(await audit.verify(db)).toMatchObject({ ok: false, brokenAt: untouched, reason: 'hash' });

      // A chain's noted head removed: the check since finds the chain cut back past its start.
      const [, headId] = first.heads[0]!;
      await superQuery(
        own.database.ownerUrl,
        `SET session_replication_role = replica; DELETE FROM audit_log WHERE id = ${headId}`,
      );
      expect(await audit.verify(db, { since })).toMatchObject({ ok: false, brokenAt: headId, reason: 'truncated' });
    } finally {
      await own.close();
    }
  });

  it('the auditor asks for it by the API; a moment that is not one is refused, naming the field', async () => {
    await withAuditor(async ({ own, c }) => {
      await own.platform.audit.witness(own.platform.db);
      const res = await c.post<{ ok: boolean; since?: { id: number } }>(
        `/api/audit/verify?since=${encodeURIComponent(new Date().toISOString())}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.ok).toBe(true);
      expect(res.body.since?.id).toBeGreaterThan(0);
      const bad = await c.post<{ error: { fields: { path: string }[] } }>('/api/audit/verify?since=yesterday');
      expect(bad.status).toBe(400);
      expect(bad.body.error.fields.map((f) => f.path)).toContain('query.since');
      // And from the command line.
      const cli = await verifyCli(['--since', new Date().toISOString()], own);
      expect(cli.code).toBe(0);
      expect(cli.out).toMatch(/intact 审计链完整: \d+ rows written after the witness line of /);
      const wrong = await verifyCli(['--since', 'yesterday'], own);
      expect(wrong.code).not.toBe(0);
      expect(wrong.out).toContain('--since: not a date and time: yesterday');
    });
  });
});

describe('several chains', () => {
  /** A platform with rows in several chains, each from a transaction of its own, and a witness line. */
  async function withChains() {
    const own = await createTestPlatform();
    const ctx = { actor: null, requestId: 'chains-test', ip: null, userAgent: null };
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        inTransaction(own.platform.db, (trx) => own.platform.audit.record(trx, ctx, { action: `test.${i}` })),
      ),
    );
    await own.platform.audit.witness(own.platform.db);
    const { rows } = await superQuery(
      own.database.ownerUrl,
      `SELECT chain, array_agg(id ORDER BY id)::bigint[] AS ids FROM audit_log GROUP BY chain ORDER BY max(id)`,
    );
    expect(rows.length).toBeGreaterThan(2);
    expect(await own.platform.audit.verify(own.platform.db)).toMatchObject({ ok: true });
    const chains = rows.map((r) => (r.ids as string[]).map(Number));
    const cut = (id: number) =>
      superQuery(
        own.database.ownerUrl,
        `SET session_replication_role = replica; DELETE FROM audit_log WHERE id = ${id}`,
      );
    return { own, chains, cut };
  }

  it('a row removed from within a chain breaks the link of the next row of that chain', async () => {
    const { own, chains, cut } = await withChains();
    try {
      const chain = chains.find((ids) => ids.length >= 3)!;
      await cut(chain[1]!);
      expect(await own.platform.audit.verify(own.platform.db)).toMatchObject({
        ok: false,
        brokenAt: chain[2],
        reason: 'link',
      });
    } finally {
      await own.close();
    }
  });

  it('the witness notes every chain’s head: one chain cut short is found while the others moved on', async () => {
    const { own, chains, cut } = await withChains();
    try {
      // The chain whose newest row is the oldest head: the trail's newest row is in another one.
      const head = chains[0]!.at(-1)!;
      await cut(head);
      expect(await own.platform.audit.verify(own.platform.db)).toMatchObject({
        ok: false,
        brokenAt: head,
        reason: 'truncated',
      });
    } finally {
      await own.close();
    }
  });
});

describe('a check in the background', () => {
  it('tells its progress batch by batch, and stops between batches when told', async () => {
    // A trail of its own: the shared one is broken by a test above.
    const own = await createTestPlatform();
    const p = own.platform;
    try {
      const ctx = { actor: null, requestId: 'progress-test', ip: null, userAgent: null };
      for (let i = 0; i < 30; i++)
        await inTransaction(p.db, (trx) => p.audit.record(trx, ctx, { action: `progress.${i}` }));
      const seen: [number, number][] = [];
      const result = await p.audit.verify(p.db, {
        batchSize: 7,
        onProgress: (rows, expected) => void seen.push([rows, expected]),
      });
      expect(result.rows).toBeGreaterThan(20);
      // Before every batch but the first: rows so far, never fewer than before, never more than expected.
      expect(seen.length).toBe(Math.ceil(result.rows / 7));
      for (const [i, [rows, expected]] of seen.entries()) {
        expect(rows).toBe(Math.min(7 * (i + 1), result.rows));
        expect(expected).toBeGreaterThanOrEqual(rows);
      }
      const stop = new AbortController();
      const stopped = await p.audit
        .verify(p.db, {
          batchSize: 7,
          signal: stop.signal,
          onProgress: (rows) => {
            if (rows >= 14) stop.abort(new Error('stop here'));
          },
        })
        .catch((e: unknown) => e);
      expect((stopped as Error).message).toBe('stop here');
    } finally {
      await own.close();
    }
  });

  it('a server that closes stops its run between batches, and the run then reads interrupted', async () => {
    const own = await createTestPlatform();
    const ownApp = await createApp(own.platform);
    try {
      const district = await createDistrict(own.platform);
      // Six batches of 5,000 rows and more: the run cannot be over before the server closes.
      const ctx = { actor: null, requestId: 'closing-test', ip: null, userAgent: null };
      await inTransaction(own.platform.db, (trx) =>
        own.platform.audit.recordMany(
          trx,
          ctx,
          Array.from({ length: 30_000 }, (_, i) => ({ action: 'test.bulk', subjectType: 'test', subjectId: i })),
        ),
      );
      const c = new TestClient(ownApp);
      await c.login(district.users.auditor.username, PASSWORD);
      const started = await c.post<{ id: number; status: string }>('/api/audit/verify-runs', {});
      expect(started.body.status).toBe('running');
      await ownApp.close();
      const run = await own.platform.db
        .selectFrom('audit_verify_run')
        .select(['status', 'finished_at', 'result'])
        .where('id', '=', started.body.id)
        .executeTakeFirstOrThrow();
      expect(run).toMatchObject({ status: 'interrupted', result: null });
      expect(run.finished_at).not.toBeNull();
      const said = await own.platform.db
        .selectFrom('audit_log')
        .select('summary')
        .where('action', '=', 'audit.verify')
        .where('subject_id', '=', String(started.body.id))
        .executeTakeFirstOrThrow();
      expect(said.summary).toMatchObject({ ok: false, failed: 'interrupted' });
    } finally {
      await own.close();
    }
  });

  it('the auditor starts one and follows it to its result; one at a time; a silent one is interrupted; others may not', async () => {
    await withAuditor(async ({ own, app: ownApp, district, c }) => {
      type Run = {
        id: number;
        status: string;
        rows: number;
        requestedBy: string;
        since: string | null;
        result: { ok: boolean; rows: number; since?: unknown } | null;
      };
      const untilEnded = async (id: number) => {
        for (;;) {
          const r = await c.get<Run>(`/api/audit/verify-runs/${id}`);
          expect(r.status).toBe(200);
          if (r.body.status !== 'running') return r.body;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      };
      expect((await c.get<{ run: Run | null }>('/api/audit/verify-runs/latest')).body.run).toBeNull();

      const started = await c.post<Run>('/api/audit/verify-runs', {});
      expect(started.status).toBe(202);
      const { display_name } = await own.platform.db
        .selectFrom('app_user')
        .select('display_name')
        .where('id', '=', district.users.auditor.id)
        .executeTakeFirstOrThrow();
      expect(started.body).toMatchObject({ requestedBy: display_name, since: null });
      const ended = await untilEnded(started.body.id);
      const direct = await own.platform.audit.verify(own.platform.db);
      expect(ended).toMatchObject({ status: 'done', result: { ok: true } });
      // The run's own audit row comes after it: the direct walk reads one more.
      expect(ended.result!.rows).toBeGreaterThan(0);
      expect(ended.result!.rows).toBeLessThan(direct.rows);
      expect(ended.rows).toBe(ended.result!.rows);
      expect((await c.get<{ run: Run }>('/api/audit/verify-runs/latest')).body.run.id).toBe(started.body.id);
      const recorded = await own.platform.db
        .selectFrom('audit_log')
        .select(['actor_name', 'summary'])
        .where('action', '=', 'audit.verify')
        .where('subject_type', '=', 'auditVerifyRun')
        .where('subject_id', '=', String(started.body.id))
        .execute();
      expect(recorded).toHaveLength(1);
      expect(recorded[0]!.actor_name).toBe(district.users.auditor.username);

      // One running (on another node, say, still beating): asking again answers with that one.
      const { id: elsewhere } = await own.platform.db
        .insertInto('audit_verify_run')
        .values({ requested_name: '别的审计员', process: 'other-node:1' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const again = await c.post<Run>('/api/audit/verify-runs', {
        since: new Date(Date.now() - 86_400_000).toISOString(),
      });
      expect(again.status).toBe(202);
      expect(again.body).toMatchObject({ id: elsewhere, status: 'running', requestedBy: '别的审计员' });
      // Its process went silent: shown as interrupted, and no longer in the way of a new check.
      await own.platform.db
        .updateTable('audit_verify_run')
        .set({ heartbeat_at: new Date(Date.now() - 120_000) })
        .where('id', '=', elsewhere)
        .execute();
      expect((await c.get<Run>(`/api/audit/verify-runs/${elsewhere}`)).body.status).toBe('interrupted');
      const since = new Date().toISOString();
      await own.platform.audit.witness(own.platform.db);
      const fresh = await c.post<Run>('/api/audit/verify-runs', { since });
      expect(fresh.body.id).not.toBe(elsewhere);
      expect(fresh.body.since).toBe(since);
      expect(await untilEnded(fresh.body.id)).toMatchObject({ status: 'done', result: { ok: true } });

      const bad = await c.post<{ error: { fields: { path: string }[] } }>('/api/audit/verify-runs', {
        since: 'yesterday',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.fields.map((f) => f.path)).toContain('body.since');
      expect((await c.get('/api/audit/verify-runs/999999')).status).toBe(404);

      const officer = new TestClient(ownApp);
      await officer.login(district.users.streetOfficerA.username, PASSWORD);
      expect((await officer.post('/api/audit/verify-runs', {})).status).toBe(403);
      expect((await officer.get('/api/audit/verify-runs/latest')).status).toBe(403);
      expect((await officer.get(`/api/audit/verify-runs/${started.body.id}`)).status).toBe(403);
    });
  });
});
