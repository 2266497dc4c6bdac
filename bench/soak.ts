/**
 * `npm run bench:soak [-- --minutes 30] [--writes 50] [--reads 160] [--dashboard 2] [--workers 1] [--one-station]
 *   [--server-node-options="--max-semi-space-size=4"]`
 *
 * The mixed soak: the production server (`liaison serve`, a process of its own, with its jobs) on
 * the bench's database at scale (BENCH_OPINIONS, cached with BENCH_CACHE_DIR as for `npm run
 * bench`), loaded at fixed rates for the whole time by three streams, each an autocannon child:
 * registrations spread over the demo district's stations (by the district's account, as many
 * stations' desks would; `--one-station`: all by 新碶's liaison officer into its one station), reads
 * of the work queue, searches and opinion pages by a street officer, and the district's dashboard. Every minute it prints each stream's figures, the
 * resident memory of every server process and, from the server's own `/metrics`, the statistics
 * rollups' age, the outbox backlog and the pool's waiting queries. At the end: the targets (p99 <
 * 300 ms, no errors, RSS < 250 MB per process and not growing) and whether every acknowledged
 * registration is stored. Figures also in `bench/results/soak-latest.json`.
 */
import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { benchEnv, Cleanup, HOST, OPINIONS, openBenchDatabase, percentile } from './harness.js';
import type { LoadRequest, SoakJob, SoakMessage, SoakMinute } from './protocol.js';
import { contents, session } from './scenarios/opinions.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

function parse(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      minutes: { type: 'string', default: '30' },
      writes: { type: 'string', default: '50' },
      reads: { type: 'string', default: '160' },
      dashboard: { type: 'string', default: '2' },
      workers: { type: 'string', default: '1' },
      'one-station': { type: 'boolean', default: false },
      'server-node-options': { type: 'string', default: '' },
    },
  });
  const int = (name: keyof typeof values, min: number, max: number) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < min || n > max) {
      console.error(`bench:soak: --${name} must be an integer from ${min} to ${max}`);
      process.exit(2);
    }
    return n;
  };
  return {
    minutes: int('minutes', 1, 240),
    writes: int('writes', 0, 1000),
    reads: int('reads', 0, 5000),
    dashboard: int('dashboard', 0, 100),
    workers: int('workers', 1, 16),
    oneStation: values['one-station'],
    serverNodeOptions: values['server-node-options'],
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, HOST, () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Resident memory (MB) of the server's processes: the one started and, with --workers, its children. */
function serverRss(pid: number): Record<string, number> {
  const rss = (p: number) => {
    const status = fs.readFileSync(`/proc/${p}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  };
  const out: Record<string, number> = {};
  try {
    out[`pid ${pid}`] = rss(pid);
    const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    for (const c of children) out[`pid ${c}`] = rss(Number(c));
  } catch {
    // A process gone between the listing and the read: the next minute lists it no more.
  }
  return out;
}

async function scrape(url: string): Promise<Record<string, number>> {
  try {
    const text = await (await fetch(url)).text();
    const pick = (name: string) => {
      const m = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+|NaN)$`, 'm').exec(text);
      return m ? Number(m[1]) : Number.NaN;
    };
    return {
      rollupAgeSec: pick('liaison_statistics_rollup_age_seconds'),
      outboxPendingDeliveries: pick('liaison_outbox_pending_deliveries'),
      outboxOldestSec: pick('liaison_outbox_oldest_pending_seconds'),
      poolWaiting: pick('liaison_db_pool_waiting_queries'),
      // Where the resident memory is: V8's heap in use, and memory outside it (buffers, native).
      heapUsedMb: pick('nodejs_heap_size_used_bytes') / 2 ** 20,
      externalMb: pick('nodejs_external_memory_bytes') / 2 ** 20,
    };
  } catch {
    return {};
  }
}

interface MinuteRow {
  minute: number;
  streams: Record<string, { ok: number; errors: number; p50: number; p95: number; p99: number; max: number }>;
  all: { ok: number; errors: number; p99: number };
  rssMb: Record<string, number>;
  server: Record<string, number>;
}

function summarise(minute: number, parts: SoakMinute[], rssMb: Record<string, number>, server: Record<string, number>) {
  const row: MinuteRow = { minute, streams: {}, all: { ok: 0, errors: 0, p99: 0 }, rssMb, server };
  const all: number[] = [];
  for (const p of parts) {
    const sorted = Float64Array.from(p.latencies).sort();
    row.streams[p.stream] = {
      ok: p.ok,
      errors: p.non2xx + p.errors,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
    };
    row.all.ok += p.ok;
    row.all.errors += p.non2xx + p.errors;
    all.push(...p.latencies);
  }
  row.all.p99 = percentile(Float64Array.from(all).sort(), 99);
  return row;
}

const fmt = (n: number | undefined, d = 0) => (n === undefined || Number.isNaN(n) ? '—' : n.toFixed(d));

function formatRow(r: MinuteRow, streams: string[]) {
  const cells = streams.map((s) => {
    const x = r.streams[s];
    return x ? `${x.ok} ok ${x.errors} err p95 ${fmt(x.p95)} p99 ${fmt(x.p99)}` : '—';
  });
  const rss = Object.values(r.rssMb)
    .map((v) => fmt(v))
    .join('/');
  return `| ${r.minute + 1} | ${cells.join(' | ')} | ${fmt(r.all.p99)} | ${r.all.errors} | ${rss} | ${fmt(r.server.rollupAgeSec)} | ${fmt(r.server.outboxPendingDeliveries)} | ${fmt(r.server.poolWaiting)} | ${fmt(r.server.heapUsedMb)}/${fmt(r.server.externalMb)} |`;
}

/** Least-squares slope of y over x (MB per minute). */
function slope(points: [number, number][]) {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const mx = points.reduce((a, p) => a + p[0], 0) / n;
  const my = points.reduce((a, p) => a + p[1], 0) / n;
  const num = points.reduce((a, p) => a + (p[0] - mx) * (p[1] - my), 0);
  const den = points.reduce((a, p) => a + (p[0] - mx) ** 2, 0);
  return num / den;
}

async function waitReady(url: string, server: ChildProcess) {
  for (let i = 0; i < 600; i++) {
    if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode}) before it was ready`);
    try {
      if ((await fetch(`${url}/api/ready`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the server was not ready after 300 s');
}

async function main() {
  const opts = parse(process.argv.slice(2));
  const cleanup = new Cleanup();
  const onSignal = () => void cleanup.run().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const startedAt = new Date();
  const loadBefore = os.loadavg();
  try {
    console.error('soak: preparing the database…');
    const db = await openBenchDatabase(cleanup, OPINIONS);
    const [port, metricsPort] = [await freePort(), await freePort()];
    // The server runs as in production: compiled (built now, so never a stale build).
    console.error('soak: compiling the server (npm run build:server)…');
    const built = spawnSync('npm', ['run', '--silent', 'build:server'], { cwd: root, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('npm run build:server failed');
    const env = {
      ...process.env,
      ...benchEnv(db.appUrl, db.secret, db.dataDir),
      NODE_ENV: 'production',
      DATABASE_OWNER_URL: db.ownerUrl,
      HOST,
      PORT: String(port),
      LIAISON_METRICS_PORT: String(metricsPort),
      LOG_LEVEL: 'warn',
      // Receipts are sent whatever the hour: in the quiet hours (21:00–08:00 in Beijing by default)
      // they would wait for the morning, and the outbox's backlog would measure the clock.
      LIAISON_NOTIFY_QUIET_HOURS: 'off',
      // V8 settings of the server alone (e.g. "--max-semi-space-size=4"), for comparing memory.
      ...(opts.serverNodeOptions ? { NODE_OPTIONS: opts.serverNodeOptions } : {}),
    };
    console.error(
      `soak: starting liaison serve --workers ${opts.workers} (compiled, NODE_ENV=production${opts.serverNodeOptions ? `, NODE_OPTIONS=${opts.serverNodeOptions}` : ''})`,
    );
    const server = spawn(
      process.execPath,
      [path.join(root, 'bin/liaison.mjs'), 'serve', '--workers', String(opts.workers)],
      {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const logLines: string[] = [];
    let errorLines = 0;
    const onLog = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        const level = /"level":(\d+)/.exec(line);
        if (level && Number(level[1]) >= 50) {
          errorLines++;
          if (errorLines <= 20) console.error(`server: ${line}`);
        }
        if (logLines.length < 200) logLines.push(line);
      }
    };
    server.stdout.on('data', onLog);
    server.stderr.on('data', onLog);
    cleanup.add('Liaison server', async () => {
      if (server.exitCode !== null) return;
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
      if (server.exitCode === null) server.kill('SIGKILL');
    });
    const url = `http://${HOST}:${port}`;
    await waitReady(url, server).catch((err: unknown) => {
      console.error(logLines.join('\n'));
      throw err;
    });

    const owner = new pg.Client({ connectionString: db.ownerUrl });
    await owner.connect();
    cleanup.add('owner connection', () => owner.end());
    // The demo district's stations (the generated province lies outside the district's scope).
    const { rows: st } = await owner.query<{ id: number; name: string }>(
      `SELECT s.id, s.name FROM organization s JOIN station ON station.org_id = s.id
        WHERE s.kind = 'station' AND s.path <@ (SELECT path FROM organization WHERE name = '北仑区人大常委会')
        ORDER BY s.id`,
    );
    const xinqi = st.find((s) => s.name === '新碶街道人大代表联络站')!;
    const stations = opts.oneStation ? [xinqi] : st;
    const { rows: before } = await owner.query<{ n: string }>('SELECT count(*) AS n FROM opinion');

    const officer = await session(url, 'xinqi.officer');
    const district = await session(url, 'district');
    const writer = {
      ...(opts.oneStation ? await session(url, 'xinqi.liaison') : district),
      'content-type': 'application/json',
    };
    const page = (await (await fetch(`${url}/api/opinions?limit=50`, { headers: officer })).json()) as {
      items: { id: number }[];
    };
    if (!page.items?.length) throw new Error('the street officer sees no opinions');

    // Every station and every text at least once, in turns.
    const writes: LoadRequest[] = Array.from({ length: Math.max(contents.length, stations.length) }, (_, i) => ({
      method: 'POST',
      path: '/api/opinions',
      headers: writer,
      body: JSON.stringify({
        orgId: stations[i % stations.length]!.id,
        channel: 'reception',
        content: contents[i % contents.length]!,
        location: '新碶街道',
        constituent: { anonymous: false, name: `居民${i}`, phone: `1391234${String(5670 + i).padStart(4, '0')}` },
      }),
    }));
    const queue = ['state=assigned,inProgress', 'todo=toAssign', 'overdue=true', '', 'state=closed', 'todo=toFeedBack'];
    const words = ['路灯', '华山小区 电梯', '白峰码头 油烟', '工资'];
    const reads: LoadRequest[] = [];
    // Per cycle: 6 queue pages, 4 searches, 10 opinion pages (the pages a street officer opens most).
    for (let i = 0; i < 10; i++) {
      if (i < queue.length) reads.push({ method: 'GET', path: `/api/opinions?limit=20&${queue[i]}`, headers: officer });
      if (i < words.length)
        reads.push({
          method: 'GET',
          path: `/api/opinions?limit=20&q=${encodeURIComponent(words[i]!)}`,
          headers: officer,
        });
      const id = page.items[(i * 5) % page.items.length]!.id;
      reads.push({ method: 'GET', path: `/api/opinions/${id}`, headers: officer });
    }
    const today = new Date().toISOString().slice(0, 10);
    const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const dashboard: LoadRequest[] = [
      {
        method: 'GET',
        path: `/api/statistics/dashboard?from=${Number(today.slice(0, 4)) - 1}-01-01&to=${today}`,
        headers: district,
      },
      { method: 'GET', path: `/api/statistics/dashboard?from=${monthAgo}&to=${today}`, headers: district },
    ];
    for (const r of [...reads, ...dashboard]) {
      const res = await fetch(`${url}${r.path}`, { headers: r.headers });
      if (res.status !== 200) throw new Error(`check failed: GET ${r.path} → ${res.status}`);
    }

    const durationSec = opts.minutes * 60;
    const startAt = Date.now() + 3_000;
    const streams = [
      { stream: 'writes', rate: opts.writes, requests: writes },
      { stream: 'reads', rate: opts.reads, requests: reads },
      { stream: 'dashboard', rate: opts.dashboard, requests: dashboard },
    ].filter((s) => s.rate > 0);
    const names = streams.map((s) => s.stream);
    const pending = new Map<number, SoakMinute[]>();
    const rows: MinuteRow[] = [];
    const header =
      `| min | ${names.map((n) => `${n} (target ${streams.find((s) => s.stream === n)!.rate}/s)`).join(' | ')} | all p99 ms | errors | RSS MB | rollup age s | outbox pending | pool waiting | heap/external MB |\n` +
      `|---|${names.map(() => '---').join('|')}|---|---|---|---|---|---|---|`;
    console.error(`soak: ${opts.minutes} min from ${new Date(startAt).toISOString()}\n${header}`);

    const onMinute = async (m: SoakMinute) => {
      const parts = pending.get(m.minute) ?? [];
      parts.push(m);
      pending.set(m.minute, parts);
      if (parts.length < streams.length) return;
      pending.delete(m.minute);
      const row = summarise(
        m.minute,
        parts,
        serverRss(server.pid!),
        await scrape(`http://${HOST}:${metricsPort}/metrics`),
      );
      rows.push(row);
      console.error(formatRow(row, names));
    };
    const loadgen = path.join(here, 'soak-loadgen.ts');
    const sent: Record<string, number> = {};
    await Promise.all(
      streams.map(
        (s) =>
          new Promise<void>((resolve, reject) => {
            const child = fork(loadgen, [], {
              execArgv: ['--import', 'tsx'],
              stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
              serialization: 'advanced',
            });
            cleanup.add(`soak stream ${s.stream}`, () => {
              if (child.exitCode === null) child.kill('SIGKILL');
            });
            let done = false;
            child.on('message', (msg: SoakMessage) => {
              if (msg.kind === 'minute') void onMinute(msg.minute);
              else {
                sent[s.stream] = msg.sent;
                done = true;
                resolve();
              }
            });
            child.once('exit', (code) => (done ? resolve() : reject(new Error(`stream ${s.stream} exited (${code})`))));
            const job: SoakJob = {
              stream: s.stream,
              url,
              connections: Math.max(1, Math.min(s.rate, s.stream === 'writes' ? 10 : 20)),
              rate: s.rate,
              durationSec,
              timeoutSec: 10,
              startAt,
              requests: s.requests,
            };
            child.send(job);
          }),
      ),
    );
    // The last minute's scrape may still be on its way.
    await new Promise((r) => setTimeout(r, 1_000));
    rows.sort((a, b) => a.minute - b.minute);

    // Acknowledged = stored: every 2xx registration is a row (and nothing more).
    const { rows: after } = await owner.query<{ n: string }>('SELECT count(*) AS n FROM opinion');
    const acknowledged = rows.reduce((a, r) => a + (r.streams.writes?.ok ?? 0), 0);
    const stored = Number(after[0]!.n) - Number(before[0]!.n);

    const full = rows.filter((r) => r.minute < opts.minutes);
    const perStream: Record<
      string,
      { ok: number; errors: number; rate: number; p50: number; p95: number; p99: number; max: number }
    > = {};
    for (const n of names) {
      const ok = full.reduce((a, r) => a + (r.streams[n]?.ok ?? 0), 0);
      perStream[n] = {
        ok,
        errors: full.reduce((a, r) => a + (r.streams[n]?.errors ?? 0), 0),
        rate: ok / (full.length * 60),
        // Over the minutes' percentiles: the worst minute's p99 is the honest bound.
        p50: Math.max(...full.map((r) => r.streams[n]?.p50 ?? 0)),
        p95: Math.max(...full.map((r) => r.streams[n]?.p95 ?? 0)),
        p99: Math.max(...full.map((r) => r.streams[n]?.p99 ?? 0)),
        max: Math.max(...full.map((r) => r.streams[n]?.max ?? 0)),
      };
    }
    const worstP99 = Math.max(...full.map((r) => r.all.p99));
    const errors = full.reduce((a, r) => a + r.all.errors, 0);
    const pids = [...new Set(full.flatMap((r) => Object.keys(r.rssMb)))];
    const rss = pids.map((pid) => {
      const pts = full
        .filter((r) => r.rssMb[pid] !== undefined)
        .map((r) => [r.minute, r.rssMb[pid]!] as [number, number]);
      const settled = pts.filter(([m]) => m >= Math.min(5, Math.floor(opts.minutes / 3)));
      return {
        pid,
        maxMb: Math.max(...pts.map((p) => p[1])),
        firstMb: pts[0]?.[1] ?? Number.NaN,
        lastMb: pts.at(-1)?.[1] ?? Number.NaN,
        mbPerMinuteAfterWarmup: slope(settled),
      };
    });
    const verdict = {
      p99Under300: worstP99 < 300,
      noErrors: errors === 0 && errorLines === 0,
      rssUnder250: rss.every((r) => r.maxMb < 250),
      // Registrations still in flight when the load stopped may be stored without an answer counted;
      // an answer counted for a registration not stored would be a loss.
      acknowledgedStored: stored >= acknowledged,
    };
    console.log(
      `\nsoak: ${opts.minutes} min, ${os.cpus().length} CPUs, load before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}; ${OPINIONS} opinions; server --workers ${opts.workers}\n`,
    );
    console.log(header);
    for (const r of full) console.log(formatRow(r, names));
    console.log(
      '\n| stream | target /s | achieved /s | ok | errors | worst minute p50 | p95 | p99 | max ms |\n|---|---|---|---|---|---|---|---|---|',
    );
    for (const s of streams) {
      const x = perStream[s.stream]!;
      console.log(
        `| ${s.stream} | ${s.rate} | ${x.rate.toFixed(1)} | ${x.ok} | ${x.errors} | ${fmt(x.p50)} | ${fmt(x.p95)} | ${fmt(x.p99)} | ${fmt(x.max)} |`,
      );
    }
    console.log(
      `\nRSS per server process (MB): ${rss.map((r) => `${r.pid}: ${fmt(r.firstMb)} → ${fmt(r.lastMb)}, max ${fmt(r.maxMb)}, ${r.mbPerMinuteAfterWarmup.toFixed(2)} MB/min after warm-up`).join('; ')}`,
    );
    console.log(
      `error-level server log lines: ${errorLines}; registrations acknowledged ${acknowledged}, stored ${stored} ` +
        `(autocannon counted ${sent.writes ?? 0} sent; the difference was in flight when the load stopped)`,
    );
    console.log(
      `targets: ${Object.entries(verdict)
        .map(([k, v]) => `${k} ${v ? 'met' : 'NOT met'}`)
        .join(', ')}`,
    );
    const out = path.join(here, 'results', 'soak-latest.json');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(
      out,
      `${JSON.stringify({ startedAt, loadBefore, opinions: OPINIONS, options: opts, minutes: full, perStream, rss, errorLines, acknowledged, stored, verdict }, null, 2)}\n`,
    );
    console.log(`written: ${path.relative(process.cwd(), out)}`);
    if (!verdict.noErrors || !verdict.acknowledgedStored) process.exitCode = 1;
  } finally {
    await cleanup.run();
  }
}

main()
  .catch((err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exitCode = 1;
  })
  .finally(() => {
    if (process.exitCode) process.exit(process.exitCode);
  });
