import { fork } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { loadConfig } from '../src/server/config.js';
import { APP_ROLE, ensureAppRole, migrateToLatest, withCredentials } from '../src/server/db/database.js';
import { ensureDatabase, startEmbedded, type EmbeddedCluster } from '../src/server/db/embedded.js';
import { buildApp } from '../src/server/app.js';
import type { Platform } from '../src/server/platform/context.js';
import { openPlatform } from '../src/server/runtime.js';
import { seedDemo, type DemoAccount } from '../src/server/seed/demo.js';
import { generateOpinions, type GenerationReport } from './generate-opinions.js';
import type { LoadJob, LoadReply, LoadRequest, WindowResult } from './protocol.js';

export const HOST = '127.0.0.1';

export interface Settings {
  connections: number;
  /** Measured seconds per target, over all rounds. */
  durationSec: number;
  /** Windows per target, taken in turns with the other targets (see `compare`). */
  rounds: number;
  /** Before a target's first window only. */
  warmupSec: number;
  /** Per request; autocannon counts a request still unanswered after this as a timeout (an error). */
  timeoutSec: number;
}

/**
 * Things to undo, undone last-first. Held in one place so that a failure half-way (or Ctrl-C)
 * still stops PostgreSQL and removes the temporary folder instead of leaving them behind.
 */
export class Cleanup {
  private readonly steps: { label: string; fn: () => unknown }[] = [];
  private running: Promise<void> | null = null;

  /** Registers an undo step; the returned function runs it early (and only once). */
  add(label: string, fn: () => unknown): () => Promise<void> {
    const step = { label, fn };
    this.steps.push(step);
    return async () => {
      const i = this.steps.indexOf(step);
      if (i < 0) return;
      this.steps.splice(i, 1);
      await step.fn();
    };
  }

  run(): Promise<void> {
    this.running ??= (async () => {
      while (this.steps.length) {
        const step = this.steps.pop()!;
        try {
          await step.fn();
        } catch (err) {
          // Keep going: one stuck step must not leave the rest (the database above all) running.
          console.error(`cleanup: ${step.label} failed: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    })();
    return this.running;
  }
}

/** Our server on a fresh embedded PostgreSQL with the demo district loaded. */
export interface Liaison {
  url: string;
  platform: Platform;
  /** What the server itself connects with: the restricted application role. */
  appUrl: string;
  /** The database owner (ANALYZE and other maintenance the application role may not do). */
  ownerUrl: string;
  accounts: DemoAccount[];
  /** The generated opinions (null: none asked for); from the cache when `cached`. */
  generation: GenerationReport | null;
  cached: boolean;
}

/** How many opinions the scenarios at scale run against (BENCH_OPINIONS, default 1 M). */
export const OPINIONS = Number(process.env.BENCH_OPINIONS ?? 1_000_000);
/** The share of them that lands in the demo district, whose accounts the bench signs in with. */
export const HOME_SHARE = Number(process.env.BENCH_HOME_SHARE ?? 0.2);

/** What a cached database was made with; written last, so a folder without it is incomplete. */
interface CacheMeta {
  key: string;
  secret: string;
  appPassword: string;
  accounts: DemoAccount[];
  generation: GenerationReport;
  createdAt: string;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The cache key: the migrations, the demo seed and the generator (their contents), the count and
 * the share. Any change to one of them makes a new database instead of reusing a stale one.
 */
export function cacheKey(count: number, homeShare: number): string {
  const h = crypto.createHash('sha256');
  const migrations = path.join(root, 'src/server/db/migrations');
  const files = [
    ...fs
      .readdirSync(migrations)
      .sort()
      .map((f) => path.join(migrations, f)),
    path.join(root, 'src/server/seed/demo.ts'),
    fileURLToPath(new URL('./generate-opinions.ts', import.meta.url)),
  ];
  for (const f of files) h.update(path.basename(f)).update(fs.readFileSync(f));
  h.update(`${count}/${homeShare}`);
  return `${count}-${h.digest('hex').slice(0, 12)}`;
}

function configFor(dbUrl: string, secret: string, dataDir: string) {
  return loadConfig(benchEnv(dbUrl, secret, dataDir));
}

/** The settings a benched server runs with (as environment variables, for a server run as a process). */
export function benchEnv(dbUrl: string, secret: string, dataDir: string): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LIAISON_SECRET: secret,
    LIAISON_DATA_DIR: dataDir,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
    DATABASE_URL: dbUrl,
    // The load generator is one client address: the per-address limit of the anonymous routes
    // would measure the limiter, not the route.
    LIAISON_PUBLIC_PER_MINUTE: '10000000',
    LIAISON_PUBLIC_CONCURRENT: '10000',
  };
}

/** Migrates `dbName`, loads the demo district and, when asked, the opinions at scale. */
async function prepareDatabase(
  cluster: EmbeddedCluster,
  dbName: string,
  secret: string,
  appPassword: string,
  dataDir: string,
  opinions: number | null,
) {
  const adminUrl = cluster.url('postgres');
  // The role first: migrating grants it its rights only if it already exists.
  await ensureAppRole(adminUrl, appPassword);
  await ensureDatabase(adminUrl, dbName);
  const ownerUrl = cluster.url(dbName);
  await migrateToLatest(ownerUrl);
  const appUrl = withCredentials(ownerUrl, APP_ROLE, appPassword);
  const platform = openPlatform(configFor(appUrl, secret, dataDir), { appUrl });
  try {
    const accounts = await seedDemo(platform);
    if (accounts.length === 0) throw new Error('the demo seed created no accounts on a fresh database');
    let generation: GenerationReport | null = null;
    if (opinions !== null) {
      if (!Number.isInteger(opinions) || opinions < 1000)
        throw new Error('BENCH_OPINIONS must be a whole number ≥ 1000');
      if (!(HOME_SHARE > 0 && HOME_SHARE <= 1)) throw new Error('BENCH_HOME_SHARE must be in (0, 1]');
      console.error(`bench: generating ${opinions} opinions (${HOME_SHARE} of them in the demo district)…`);
      generation = await generateOpinions(platform, ownerUrl, {
        count: opinions,
        homeShare: HOME_SHARE,
        log: (s) => console.error(s),
      });
    }
    return { accounts, generation };
  } finally {
    await platform.close();
  }
}

/**
 * Starts our server. With `opinions` and BENCH_CACHE_DIR set, the database comes from the cache:
 * `<BENCH_CACHE_DIR>/<count>-<key>/` keeps an embedded PostgreSQL whose `liaison_template` holds
 * the migrated, seeded and generated database; each run copies it (CREATE DATABASE … TEMPLATE,
 * file copy) into `liaison_bench` and drops the copy at the end, so the template never sees the
 * bench's writes. Without a cache, everything is made in a temporary folder and removed.
 */
export async function startLiaison(cleanup: Cleanup, opinions: number | null = null): Promise<Liaison> {
  const { appUrl, ownerUrl, secret, dataDir, accounts, generation, cached } = await openBenchDatabase(
    cleanup,
    opinions,
  );
  const platform = openPlatform(configFor(appUrl, secret, dataDir), { appUrl });
  cleanup.add('platform', () => platform.close());

  const app = await buildApp(platform, { logger: false });
  cleanup.add('Liaison server', () => app.close());
  const url = await app.listen({ host: HOST, port: 0 });
  return { url, platform, appUrl, ownerUrl, accounts, generation, cached };
}

/** A migrated, seeded database (with the opinions at scale when asked) on its own embedded PostgreSQL. */
export interface BenchDatabase {
  appUrl: string;
  ownerUrl: string;
  /** The master secret the seed's encrypted fields were sealed with: a server on it needs the same. */
  secret: string;
  dataDir: string;
  accounts: DemoAccount[];
  generation: GenerationReport | null;
  cached: boolean;
}

/**
 * The database `startLiaison` serves (see there for the cache), for a caller that runs the server
 * itself, e.g. as the production process (`bench/soak.ts`).
 */
export async function openBenchDatabase(cleanup: Cleanup, opinions: number | null = null): Promise<BenchDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-bench-'));
  cleanup.add('temporary folder', () => fs.rmSync(dir, { recursive: true, force: true }));
  // mkdtemp makes it 0700; when we are root PostgreSQL runs as its own user and must get in.
  fs.chmodSync(dir, 0o755);
  const cacheRoot = process.env.BENCH_CACHE_DIR;

  let cluster: EmbeddedCluster;
  let secret: string;
  let appPassword: string;
  let accounts: DemoAccount[];
  let generation: GenerationReport | null;
  let dataDir = path.join(dir, 'data');
  let cached = false;
  const dbName = 'liaison_bench';
  if (cacheRoot && opinions !== null) {
    const current = cacheKey(opinions, HOME_SHARE);
    // BENCH_CACHE_KEY pins a cache made before a migration was added or edited: its copy is then
    // migrated to the latest below (an additive migration fills what it adds, as on a live database).
    const key = process.env.BENCH_CACHE_KEY || current;
    const home = path.resolve(cacheRoot, key);
    if (key !== current) {
      if (!fs.existsSync(path.join(home, 'meta.json'))) throw new Error(`BENCH_CACHE_KEY: no cache at ${home}`);
      console.error(`bench: cache pinned to ${key} (today's sources would make ${current}); migrating its copy`);
    }
    const metaFile = path.join(home, 'meta.json');
    let meta: CacheMeta | null = fs.existsSync(metaFile)
      ? (JSON.parse(fs.readFileSync(metaFile, 'utf8')) as CacheMeta)
      : null;
    if (!meta) {
      // Half-made by a run that was stopped: start again.
      fs.rmSync(home, { recursive: true, force: true });
    }
    fs.mkdirSync(home, { recursive: true });
    for (let d = home; d !== path.dirname(d) && d.startsWith(path.resolve(cacheRoot)); d = path.dirname(d))
      fs.chmodSync(d, 0o755);
    dataDir = path.join(home, 'data');
    cluster = await startEmbedded(path.join(home, 'cluster'));
    cleanup.add('embedded PostgreSQL', () => cluster.stop());
    if (meta) {
      console.error(`bench: database from the cache ${home}`);
      cached = true;
    } else {
      const t0 = Date.now();
      secret = crypto.randomBytes(30).toString('base64url');
      appPassword = crypto.randomBytes(18).toString('base64url');
      const made = await prepareDatabase(cluster, 'liaison_template', secret, appPassword, dataDir, opinions);
      meta = {
        key,
        secret,
        appPassword,
        accounts: made.accounts,
        generation: made.generation!,
        createdAt: new Date().toISOString(),
      };
      fs.writeFileSync(metaFile, `${JSON.stringify(meta, null, 2)}\n`, { mode: 0o600 });
      console.error(`bench: cached in ${home} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
    }
    ({ secret, appPassword, accounts, generation } = meta);
    const admin = new pg.Client({ connectionString: cluster.url('postgres') });
    await admin.connect();
    try {
      const t0 = Date.now();
      // A copy left by a run that was killed goes first.
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${dbName} TEMPLATE liaison_template STRATEGY FILE_COPY`);
      console.error(`bench: copied the cached database in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    } finally {
      await admin.end();
    }
    cleanup.add('the database copy', async () => {
      const c = new pg.Client({ connectionString: cluster.url('postgres') });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    });
    await ensureAppRole(cluster.url('postgres'), appPassword);
    await migrateToLatest(cluster.url(dbName));
  } else {
    cluster = await startEmbedded(path.join(dir, 'postgres'));
    cleanup.add('embedded PostgreSQL', () => cluster.stop());
    secret = crypto.randomBytes(30).toString('base64url');
    appPassword = crypto.randomBytes(18).toString('base64url');
    ({ accounts, generation } = await prepareDatabase(cluster, dbName, secret, appPassword, dataDir, opinions));
  }
  const ownerUrl = cluster.url(dbName);
  const appUrl = withCredentials(ownerUrl, APP_ROLE, appPassword);
  return { appUrl, ownerUrl, secret, dataDir, accounts, generation, cached };
}

/** Starts a Fastify baseline on a free local port; closed by the returned function or by the cleanup. */
export async function listenFastify(cleanup: Cleanup, label: string, app: FastifyInstance) {
  const close = cleanup.add(label, () => app.close());
  const url = await app.listen({ host: HOST, port: 0 });
  return { url, close };
}

/** Starts a `node:http` baseline on a free local port. */
export async function listenHttp(cleanup: Cleanup, label: string, server: http.Server) {
  const close = cleanup.add(label, () => {
    // Keep-alive sockets would otherwise hold close() open until they time out.
    server.closeAllConnections();
    return new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, () => resolve());
  });
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error(`${label}: no TCP address`);
  return { url: `http://${HOST}:${addr.port}`, close };
}

const loadgen = fileURLToPath(new URL('./loadgen.ts', import.meta.url));

/** Runs one window in a child process; killed if it overruns or the bench stops. */
function measureWindow(cleanup: Cleanup, job: LoadJob): Promise<WindowResult> {
  if (new URL(job.url).hostname !== HOST) throw new Error(`refusing to load anything but ${HOST}: ${job.url}`);
  const limitMs = (job.warmupSec + job.durationSec + job.timeoutSec + 30) * 1000;
  return new Promise((resolve, reject) => {
    const child = fork(loadgen, [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      // The latencies come back as a Float64Array; JSON would turn it into an object of strings.
      serialization: 'advanced',
    });
    const kill = () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    };
    const release = cleanup.add('load generator', kill);
    let settled = false;
    const settle = (err: Error | null, window?: WindowResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void release();
      if (err) reject(err);
      else resolve(window!);
    };
    const timer = setTimeout(() => {
      kill();
      settle(new Error(`load generator overran ${limitMs / 1000} s against ${job.url}`));
    }, limitMs);
    child.once('message', (message) => {
      const reply = message as LoadReply;
      settle(reply.ok ? null : new Error(`load generator failed: ${reply.error}`), reply.ok ? reply.window : undefined);
    });
    child.once('error', (err) => settle(err));
    child.once('exit', (code, signal) =>
      settle(new Error(`load generator exited (${code ?? signal}) without a result`)),
    );
    child.send(job);
  });
}

/** Whole seconds per window: `durationSec` split over the rounds, at least 1. */
export function windowSec(settings: Settings): number {
  return Math.max(1, Math.round(settings.durationSec / settings.rounds));
}

export interface Target {
  label: string;
  kind: 'ours' | 'baseline';
  url: string;
}

export interface LoadStats {
  /** 2xx responses in the measured windows. */
  ok: number;
  warmupOk: number;
  /** 2xx responses per second: failures do not count as throughput. */
  rps: number;
  seconds: number;
  windows: number;
  /** Of 2xx responses only, so a fast stream of errors cannot flatter the figures. */
  latencyMs: { p50: number; p95: number; p99: number };
  non2xx: number;
  /** Socket errors, timeouts included. */
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  // Nearest rank: a latency that some request really had, not an interpolation between two.
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

function combine(windows: WindowResult[]): LoadStats {
  const sum = (f: (w: WindowResult) => number) => windows.reduce((n, w) => n + f(w), 0);
  const latencies = new Float64Array(sum((w) => w.latencies.length));
  let at = 0;
  for (const w of windows) {
    latencies.set(w.latencies, at);
    at += w.latencies.length;
  }
  latencies.sort();
  const statusCodes: Record<string, number> = {};
  for (const w of windows) {
    for (const [code, n] of Object.entries(w.statusCodes)) statusCodes[code] = (statusCodes[code] ?? 0) + n;
  }
  const ok = sum((w) => w.ok);
  const seconds = sum((w) => w.seconds);
  return {
    ok,
    warmupOk: sum((w) => w.warmupOk),
    rps: seconds > 0 ? ok / seconds : 0,
    seconds,
    windows: windows.length,
    latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99) },
    non2xx: sum((w) => w.non2xx),
    errors: sum((w) => w.errors),
    timeouts: sum((w) => w.timeouts),
    statusCodes,
  };
}

/**
 * Measures the targets in turns, A B C then C B A and so on, one window each per turn. On a
 * shared machine the load from elsewhere drifts within seconds; taken one after the other, ours
 * and its baseline would see different machines. In turns (mirrored, so a steady drift evens
 * out) they see about the same one, which is what keeps the ratio meaningful.
 */
export async function compare(
  cleanup: Cleanup,
  settings: Settings,
  targets: Target[],
  requests: LoadRequest[],
): Promise<Run[]> {
  const windows = new Map<Target, WindowResult[]>(targets.map((t) => [t, []]));
  for (let round = 0; round < settings.rounds; round++) {
    const order = round % 2 === 0 ? targets : [...targets].reverse();
    for (const target of order) {
      const done = windows.get(target)!;
      const warmupSec = done.length === 0 ? settings.warmupSec : 0;
      console.error(
        `  round ${round + 1}/${settings.rounds} ${target.label}: ` +
          `${warmupSec ? `${warmupSec} s warm-up + ` : ''}${windowSec(settings)} s`,
      );
      done.push(
        await measureWindow(cleanup, {
          url: target.url,
          connections: settings.connections,
          durationSec: windowSec(settings),
          warmupSec,
          timeoutSec: settings.timeoutSec,
          requests,
        }),
      );
    }
  }
  return targets.map((t) => ({ label: t.label, kind: t.kind, stats: combine(windows.get(t)!) }));
}

export interface Run {
  label: string;
  kind: 'ours' | 'baseline';
  stats: LoadStats;
}

export interface ScenarioResult {
  name: string;
  title: string;
  runs: Run[];
  notes: string[];
  /** Facts checked after the run (e.g. that every sign-in was a real, successful one). */
  checks: Record<string, number>;
}

export interface BenchContext {
  liaison: Liaison;
  settings: Settings;
  cleanup: Cleanup;
  /** `compare` with this run's cleanup and settings. */
  compare(targets: Target[], requests: LoadRequest[]): Promise<Run[]>;
}

export interface Scenario {
  name: string;
  title: string;
  /** Runs against the generated opinions (BENCH_OPINIONS), made before the first scenario. */
  needsOpinions?: boolean;
  run(ctx: BenchContext): Promise<ScenarioResult>;
}

export function errorCount(s: LoadStats): number {
  return s.non2xx + s.errors;
}

/** Ours ÷ that baseline, of 2xx requests per second; null when the baseline served nothing. */
export function ratio(result: ScenarioResult, baseline: Run): number | null {
  const ours = result.runs.find((r) => r.kind === 'ours');
  if (!ours || baseline.stats.rps === 0) return null;
  return ours.stats.rps / baseline.stats.rps;
}

function fmtRate(n: number): string {
  return n >= 100 ? n.toFixed(0) : n.toFixed(1);
}

function fmtMs(n: number): string {
  if (Number.isNaN(n)) return '—';
  return n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
}

/** The results as a plain-text table, notes and checks underneath. */
export function formatTable(results: ScenarioResult[]): string {
  const head = ['scenario', 'server', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'ours ÷ this'];
  const rows: string[][] = [];
  for (const r of results) {
    for (const run of r.runs) {
      const q = run.kind === 'baseline' ? ratio(r, run) : null;
      rows.push([
        r.name,
        run.label,
        fmtRate(run.stats.rps),
        fmtMs(run.stats.latencyMs.p50),
        fmtMs(run.stats.latencyMs.p95),
        fmtMs(run.stats.latencyMs.p99),
        String(errorCount(run.stats)),
        run.kind === 'ours' ? '—' : q === null ? 'n/a' : q.toFixed(3),
      ]);
    }
  }
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  // Text columns left, figures right, so the digits line up.
  const cell = (s: string, i: number) => (i < 2 ? s.padEnd(widths[i]!) : s.padStart(widths[i]!));
  const line = (cells: string[]) => cells.map(cell).join('  ');
  const out = [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  for (const r of results) {
    for (const note of r.notes) out.push(`note (${r.name}): ${note}`);
    const checks = Object.entries(r.checks);
    if (checks.length) out.push(`checks (${r.name}): ${checks.map(([k, v]) => `${k}=${v}`).join(', ')}`);
  }
  return out.join('\n');
}

/** The results with what a later reader needs to judge them: machine, load, settings. */
export function toJson(results: ScenarioResult[], settings: Settings, startedAt: Date, loadBefore: number[]) {
  return {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: {
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      loadAverageBefore: loadBefore,
    },
    settings,
    scenarios: results.map((r) => ({
      name: r.name,
      title: r.title,
      runs: r.runs.map((run) => ({
        label: run.label,
        kind: run.kind,
        ...run.stats,
        errorsTotal: errorCount(run.stats),
        oursOverThis: run.kind === 'baseline' ? ratio(r, run) : null,
      })),
      notes: r.notes,
      checks: r.checks,
    })),
  };
}

/**
 * With BENCH_PROFILE set, one more window of ours alone after the measured ones, profiled: where a
 * request's time goes (see `profiled`). Without it, nothing.
 */
export async function profileOurs(label: string, ctx: BenchContext, requests: LoadRequest[]): Promise<void> {
  if (!process.env.BENCH_PROFILE) return;
  await profiled(label, () => ctx.compare([{ label: 'Liaison', kind: 'ours', url: ctx.liaison.url }], requests));
}

/**
 * With BENCH_PROFILE set, runs `fn` under V8's CPU profiler (this process: our server runs in it)
 * and prints the functions with the most self time; the whole profile goes to
 * `bench/results/<label>.cpuprofile` (Chrome DevTools opens it). Without it, just runs `fn`.
 */
export async function profiled<T>(label: string, fn: () => Promise<T>): Promise<T> {
  if (!process.env.BENCH_PROFILE) return fn();
  const inspector = await import('node:inspector/promises');
  const session = new inspector.Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    const file = path.join(root, 'bench/results', `${label}.cpuprofile`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(profile));
    const self = new Map<string, number>();
    const byPart = new Map<string, number>();
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    // The inspector's own work (answering `Profiler.stop`) is not the scenario's.
    const inspectorOwn = new Set(
      profile.nodes
        .filter((n) => n.callFrame.url === 'node:inspector')
        .flatMap((n) => n.children ?? [])
        .filter((c) => byId.get(c)?.callFrame.functionName === 'dispatch'),
    );
    const dt = profile.timeDeltas ?? [];
    (profile.samples ?? []).forEach((id, i) => {
      // The first delta runs from the profiler's start to the first sample: not time spent in it.
      if (i === 0 || inspectorOwn.has(id)) return;
      const n = byId.get(id)!;
      const f = n.callFrame;
      const where = f.url
        ? `${f.url.replace(/^.*\/node_modules\//, '').replace(`file://${root}/`, '')}:${f.lineNumber + 1}`
        : '';
      const key = `${f.functionName || '(anonymous)'} ${where}`.trim();
      self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0));
      const part = partOf(f.url, f.functionName);
      byPart.set(part, (byPart.get(part) ?? 0) + (dt[i] ?? 0));
    });
    const total = [...self.values()].reduce((a, b) => a + b, 0);
    console.error(`profile ${label}: ${(total / 1000).toFixed(0)} ms sampled; most self time:`);
    for (const [k, us] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20))
      console.error(`  ${((100 * us) / total).toFixed(1).padStart(5)} %  ${k}`);
    console.error(
      `  by part: ${[...byPart.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 14)
        .map(([k, us]) => `${k} ${((100 * us) / total).toFixed(1)} %`)
        .join(', ')}`,
    );
    console.error(`  (whole profile: ${file})`);
  }
}

/** Where a profile's sample was: an npm package, Node's own code, ours, or V8 (GC, idle, native). */
function partOf(url: string, functionName: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  if (url.includes(`${root}/src/`) || url.includes(`${root}/bench/`)) return 'ours';
  return url ? 'other' : functionName.startsWith('(') ? functionName : 'native';
}

/**
 * For the scale benches (`bench:events`, `bench:audit`): an embedded PostgreSQL in a temporary
 * folder (under BENCH_DIR if set) with database `name` migrated to our schema, and `table`'s
 * indexes (all but its primary key) dropped for a fast fill; `rebuild` makes the primary key and
 * the indexes again as the migrations made them. `close` stops it and removes the folder.
 */
export async function scratchDatabase(name: string, table: string) {
  const dir = fs.mkdtempSync(path.join(process.env.BENCH_DIR ?? os.tmpdir(), `liaison-${name}-`));
  // mkdtemp makes it 0700; when we are root PostgreSQL runs as its own user and must get in.
  fs.chmodSync(dir, 0o755);
  const cluster = await startEmbedded(path.join(dir, 'postgres'));
  const close = async () => {
    await cluster.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const url = cluster.url(name);
    await ensureDatabase(cluster.url('postgres'), name);
    await migrateToLatest(url);
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // An idle client told by the stopping server that it is going is no failure of the run.
    pool.on('error', () => {});
    const { rows } = await pool.query<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = $1 AND indexname <> $1 || '_pkey'`,
      [table],
    );
    for (const { indexname } of rows) await pool.query(`DROP INDEX ${indexname}`);
    /** After the fill: the primary key `(id)`, the indexes as they were, VACUUM (ANALYZE); each timed into `steps`. */
    const rebuild = async (steps: Record<string, number>) => {
      const c = await pool.connect();
      try {
        let t0 = performance.now();
        await c.query(`SET maintenance_work_mem = '2GB'`);
        await c.query(`ALTER TABLE ${table} ADD PRIMARY KEY (id)`);
        steps.primaryKeySeconds = (performance.now() - t0) / 1000;
        t0 = performance.now();
        for (const { indexdef } of rows) await c.query(indexdef);
        steps.otherIndexesSeconds = (performance.now() - t0) / 1000;
        t0 = performance.now();
        await c.query(`VACUUM (ANALYZE) ${table}`);
        steps.vacuumSeconds = (performance.now() - t0) / 1000;
      } finally {
        c.release();
      }
    };
    return { url, pool, rebuild, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Prints a scale bench's steps (seconds and counts) on one line and writes its figures to bench/results/`name`.json. */
export function reportScaleRun(name: string, steps: Record<string, number>, figures: Record<string, unknown>) {
  console.log(
    '\nsteps:',
    Object.entries(steps)
      .map(([k, v]) => `${k}=${Number.isInteger(v) ? v : v.toFixed(1)}`)
      .join(' '),
  );
  fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  fs.writeFileSync(
    path.join(root, 'bench/results', `${name}.json`),
    JSON.stringify({ at: new Date().toISOString(), ...figures, steps }, null, 2),
  );
}
