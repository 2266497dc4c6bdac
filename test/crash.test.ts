import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/server/seed/demo.js';

// kill -9: of Liaison alone (its embedded PostgreSQL lives on as an orphan), and of the database
// under a running Liaison. Both must come back without anyone's hand, with acknowledged work kept.
const bin = path.resolve(import.meta.dirname, '../bin/liaison.mjs');

function serve(dataDir: string) {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--log-level', 'info', '--data-dir', dataDir], {
    env: {
      ...process.env,
      DATABASE_URL: '',
      NODE_ENV: 'development',
      LIAISON_SECRET: '',
      // A receipt SMS goes out at once, whatever the hour.
      LIAISON_NOTIFY_QUIET_HOURS: 'off',
      LIAISON_JOBS_POLL_SECONDS: '1',
      LIAISON_LOG_FORMAT: 'json',
    },
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 150 s:\n${out}`)), 150_000);
    child.stdout!.on('data', () => {
      const m = /listening at (http:\/\/\S+)\/console\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${out}`)));
  });
  return { child, url, output: () => out };
}

const exited = (child: ChildProcess) => new Promise((resolve) => child.once('exit', resolve));
const postmasterPid = (dataDir: string) =>
  Number(fs.readFileSync(path.join(dataDir, 'postgres/pg/postmaster.pid'), 'utf8').split('\n')[0]);
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** A signed-in staff client over fetch (session and CSRF cookies kept). */
async function staff(url: string, username: string) {
  const cookies = new Map<string, string>();
  const call = async (method: string, p: string, body?: unknown) => {
    const res = await fetch(`${url}${p}`, {
      method,
      headers: {
        cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(cookies.get('liaison_csrf') ? { 'x-csrf-token': cookies.get('liaison_csrf')! } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, v] = pair!.split('=');
      cookies.set(k!, v!);
    }
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  await call('GET', '/api/auth/session');
  expect((await call('POST', '/api/auth/login', { username, password: DEMO_PASSWORD })).status).toBe(200);
  return call;
}

/** A query run as the database superuser (the server's own view is not trusted here). */
async function asSuperuser<R extends object>(dataDir: string, text: string, values: unknown[]) {
  const pidLines = fs.readFileSync(path.join(dataDir, 'postgres/pg/postmaster.pid'), 'utf8').split('\n');
  const password = fs.readFileSync(path.join(dataDir, 'postgres/.superuser-password'), 'utf8').trim();
  const client = new pg.Client({
    host: '127.0.0.1',
    port: Number(pidLines[3]),
    user: 'postgres',
    password,
    database: 'liaison',
  });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** Opinions stored with the test's content. */
async function storedCount(dataDir: string, prefix: string) {
  const rows = await asSuperuser<{ n: number }>(
    dataDir,
    'SELECT count(*)::int AS n FROM opinion WHERE content LIKE $1',
    [`${prefix}%`],
  );
  return rows[0]!.n;
}

describe('crash recovery', () => {
  it('starts again after kill -9 of the server (the orphaned database is shut down safely), and restarts a killed database by itself', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-crash-'));
    fs.chmodSync(dataDir, 0o755);
    const children: ChildProcess[] = [];
    try {
      const first = serve(dataDir);
      const firstExited = exited(first.child);
      children.push(first.child);
      const url1 = await first.url;
      expect(await (await fetch(`${url1}/api/ready`)).json()).toEqual({ status: 'ready' });
      const orphan = postmasterPid(dataDir);

      // Registrations going on (5 at a time) when the server is killed.
      const officer = await staff(url1, 'xinqi.officer');
      const stations = (await officer('GET', '/api/stations?limit=100')).body.items as { id: number; name: string }[];
      const station = stations.find((x) => x.name === '新碶街道人大代表联络站')!;
      const PREFIX = 'crash-test';
      const body = (i: number) => ({
        orgId: station.id,
        channel: 'phone',
        content: `${PREFIX} ${i}：小区路灯不亮，请尽快维修。`,
        constituent: { anonymous: true },
        idempotencyKey: `crash-key-${i}`,
      });
      const acknowledged = new Map<number, number>();
      let killed = false;
      let attempted = 0;
      const worker = async (start: number) => {
        for (let i = start; i < 400 && !killed; i += 5) {
          attempted = Math.max(attempted, i + 1);
          const r = await officer('POST', '/api/opinions', body(i)).catch(() => null);
          if (r?.status === 201) acknowledged.set(i, r.body.id as number);
          if (acknowledged.size >= 40 && !killed) {
            killed = true;
            first.child.kill('SIGKILL');
          }
        }
      };
      await Promise.all([0, 1, 2, 3, 4].map(worker));
      expect(killed).toBe(true);
      await firstExited;
      const sent = attempted;
      expect(alive(orphan)).toBe(true); // what used to need a hand

      const second = serve(dataDir);
      children.push(second.child);
      const url2 = await second.url;
      expect(await (await fetch(`${url2}/api/ready`)).json()).toEqual({ status: 'ready' });
      expect(alive(orphan)).toBe(false);
      expect(second.output()).toContain('shutting it down');

      // Every acknowledged registration is there; retrying every key sent gives the same opinion
      // for the acknowledged ones and never a second row.
      const again = await staff(url2, 'xinqi.officer');
      for (const [i, id] of acknowledged) {
        const r = await again('POST', '/api/opinions', body(i));
        expect([i, r.status, r.body.id]).toEqual([i, 201, id]);
      }
      for (let i = 0; i < sent; i++) if (!acknowledged.has(i)) await again('POST', '/api/opinions', body(i));
      expect(await storedCount(dataDir, PREFIX)).toBe(sent);

      // The database killed under the running server: not ready meanwhile, then ready again by itself.
      const db = postmasterPid(dataDir);
      process.kill(db, 'SIGKILL');
      // The server must live through it: its output is shown if it does not come back.
      let serverExit: number | null | undefined;
      second.child.once('exit', (code) => (serverExit = code));
      try {
        await expect
          .poll(async () => (await fetch(`${url2}/api/ready`).catch(() => null))?.status, {
            timeout: 150_000,
            interval: 500,
          })
          .toBe(200);
      } catch (err) {
        throw new Error(`not ready again (server exit: ${serverExit}):\n${second.output()}`, { cause: err });
      }
      expect(postmasterPid(dataDir)).not.toBe(db);
      expect((await fetch(`${url2}/api/public/stations`)).status).toBe(200);

      // Jobs still run: a receipt SMS queued after the database came back is sent by the job runner
      // (the registration is retried with its key while the pool replaces its cut connections).
      let smsOpinion = 0;
      await expect
        .poll(
          async () => {
            const r = await again('POST', '/api/opinions', {
              ...body(10_000),
              constituent: { anonymous: false, name: '王女士', phone: '13900002222' },
              idempotencyKey: 'crash-key-sms',
            });
            smsOpinion = r.body.id as number;
            return r.status;
          },
          { timeout: 30_000, interval: 500 },
        )
        .toBe(201);
      const smsStatus = async () =>
        (
          await asSuperuser<{ status: string }>(
            dataDir,
            `SELECT d.status FROM notify_delivery d JOIN notify_message m ON m.id = d.message_id
              WHERE m.dedupe_key = $1 AND d.channel = 'sms'`,
            [`opinion.receipt:${smsOpinion}`],
          )
        )[0]?.status;
      try {
        await expect.poll(smsStatus, { timeout: 90_000, interval: 500 }).toBe('sent');
      } catch (err) {
        throw new Error(`receipt SMS not sent (status ${await smsStatus()}):\n${second.output()}`, { cause: err });
      }

      // Stopped just after its database died: the server still stops by itself, says so, and
      // leaves no database running behind it (the supervisor does not bring one back meanwhile).
      process.kill(postmasterPid(dataDir), 'SIGKILL');
      const stopping = exited(second.child);
      second.child.kill('SIGTERM');
      expect(await stopping, second.output()).toBe(0);
      expect(second.output()).toMatch(/"msg":"stopped"/);
      const left = fs.existsSync(path.join(dataDir, 'postgres/pg/postmaster.pid')) ? postmasterPid(dataDir) : 0;
      expect(left === 0 || !alive(left), `a database left running (${left})`).toBe(true);
    } finally {
      for (const c of children) c.kill('SIGKILL');
      // Whatever still runs on the data dir is stopped before it is removed.
      try {
        process.kill(postmasterPid(dataDir), 'SIGINT');
      } catch {
        /* none */
      }
      for (let i = 0; i < 100; i++) {
        if (!fs.existsSync(path.join(dataDir, 'postgres/pg/postmaster.pid'))) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 420_000);
});
