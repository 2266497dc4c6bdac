import cluster from 'node:cluster';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import client from 'prom-client';
import type { Config } from './config.js';
import { poolOf } from './db/database.js';
import { rollupAsOf } from './modules/statistics/rollup.js';
import type { Platform } from './platform/context.js';
import { safeEqual } from './platform/crypto/keys.js';
import type { Jobs } from './platform/jobs/jobs.js';

/** Database figures are read at most this often, however many scrapers and workers ask. */
const PROBE_MS = 5_000;

interface Probe {
  ok: boolean;
  outboxMessages: number;
  outboxDeliveries: number;
  outboxOldestSeconds: number;
  rollupAgeSeconds: number | null;
  jobs: { queue: string; state: string; count: number }[];
}

/**
 * The Prometheus metrics of one server process (prom-client, its own registry):
 *
 * - `liaison_http_request_duration_seconds{method,route,status_code}`: a histogram by route
 *   pattern (`/api/opinions/:id`, never the URL); its `_count` gives the request rate.
 * - `liaison_db_pool_*`: the application pool's connections (total, idle) and waiting queries.
 * - `liaison_jobs{queue,state}`: pg-boss jobs not finished (created, retry, active).
 * - `liaison_outbox_*`: messages not yet expanded, deliveries not yet sent, the oldest's age.
 * - `liaison_statistics_rollup_age_seconds`: since the statistics rollups were last brought up to date.
 * - `liaison_database_up`: whether the last probe of these figures reached the database.
 * - Node's own (`process_*`, `nodejs_*`: memory, CPU, event-loop delay, GC).
 *
 * With `--workers N` every worker keeps its own and the primary adds them up on each scrape
 * (prom-client's AggregatorRegistry): counts and pools summed, database figures (the same in
 * every worker) taken once (`max`).
 */
export class Metrics {
  readonly registry = new client.Registry();
  private readonly duration: client.Histogram<'method' | 'route' | 'status_code'>;
  private probed: { at: number; value: Promise<Probe> } | null = null;

  constructor(
    private readonly p: Platform,
    private readonly jobs: () => Jobs | null = () => null,
  ) {
    const registers = [this.registry];
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the gauges' collect() has its own `this`
    const self = this;
    client.collectDefaultMetrics({ register: this.registry });
    this.duration = new client.Histogram({
      name: 'liaison_http_request_duration_seconds',
      help: 'HTTP requests by route pattern, method and status, with their duration',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    const pool = poolOf(p.db);
    const poolGauge = (name: string, help: string, read: (pl: NonNullable<typeof pool>) => number) =>
      new client.Gauge({
        name,
        help,
        registers,
        aggregator: 'sum',
        collect() {
          if (pool) this.set(read(pool));
        },
      });
    poolGauge('liaison_db_pool_connections', 'Connections of the application pool', (pl) => pl.totalCount);
    poolGauge('liaison_db_pool_idle_connections', 'Idle connections of the application pool', (pl) => pl.idleCount);
    poolGauge('liaison_db_pool_waiting_queries', 'Queries waiting for a pool connection', (pl) => pl.waitingCount);

    const probed = (name: string, help: string, read: (pr: Probe) => number | null, labelNames: string[] = []) =>
      new client.Gauge({
        name,
        help,
        registers,
        labelNames,
        aggregator: 'max',
        async collect() {
          this.reset();
          const pr = await self.probe();
          const v = pr.ok ? read(pr) : null;
          if (v !== null) this.set(v);
        },
      });
    new client.Gauge({
      name: 'liaison_database_up',
      help: 'Whether the last probe reached the database (1) or not (0)',
      registers,
      aggregator: 'max',
      async collect() {
        this.set((await self.probe()).ok ? 1 : 0);
      },
    });
    probed(
      'liaison_outbox_pending_messages',
      'Outbox messages not yet expanded into deliveries',
      (pr) => pr.outboxMessages,
    );
    probed(
      'liaison_outbox_pending_deliveries',
      'Deliveries waiting, retrying or being sent',
      (pr) => pr.outboxDeliveries,
    );
    probed(
      'liaison_outbox_oldest_pending_seconds',
      'Age of the oldest message or delivery not yet sent (0: none)',
      (pr) => pr.outboxOldestSeconds,
    );
    probed(
      'liaison_statistics_rollup_age_seconds',
      'Seconds since the statistics rollups were last brought up to date',
      (pr) => pr.rollupAgeSeconds,
    );
    new client.Gauge({
      name: 'liaison_jobs',
      help: 'pg-boss jobs not finished, by queue and state (created, retry, active)',
      labelNames: ['queue', 'state'],
      registers,
      aggregator: 'max',
      async collect() {
        this.reset();
        const pr = await self.probe();
        for (const j of pr.jobs) this.set({ queue: j.queue, state: j.state }, j.count);
      },
    });
  }

  /** Times every request of the app (by its route pattern; `(unmatched)` for unknown URLs). */
  instrument(app: FastifyInstance) {
    const duration = this.duration;
    app.addHook('onResponse', (req, reply, done) => {
      duration.observe(
        { method: req.method, route: req.routeOptions.url ?? '(unmatched)', status_code: reply.statusCode },
        reply.elapsedTime / 1000,
      );
      done();
    });
  }

  /** The database figures, read once per PROBE_MS and shared by every gauge. */
  private probe(): Promise<Probe> {
    const now = Date.now();
    if (this.probed && now - this.probed.at < PROBE_MS) return this.probed.value;
    const value = this.read().catch((): Probe => ({
      ok: false,
      outboxMessages: 0,
      outboxDeliveries: 0,
      outboxOldestSeconds: 0,
      rollupAgeSeconds: null,
      jobs: [],
    }));
    this.probed = { at: now, value };
    return value;
  }

  private async read(): Promise<Probe> {
    const { rows } = await sql<{ messages: number; deliveries: number; oldest: number | null }>`
      SELECT (SELECT count(*) FROM notify_message WHERE state = 'pending')::int AS messages,
             (SELECT count(*) FROM notify_delivery WHERE status IN ('pending','retrying','sending'))::int AS deliveries,
             extract(epoch FROM now() - LEAST(
               (SELECT min(created_at) FROM notify_message WHERE state = 'pending'),
               (SELECT min(created_at) FROM notify_delivery WHERE status IN ('pending','retrying','sending'))
             ))::float8 AS oldest`.execute(this.p.db);
    const asOf = await rollupAsOf(this.p.db);
    const boss = this.jobs()?.boss;
    const jobs = boss
      ? (
          await boss
            .getDb()
            .executeSql(
              `SELECT name, state::text, count(*)::int AS n FROM pgboss.job WHERE state < 'completed' GROUP BY 1, 2`,
              [],
            )
        ).rows.map((r: { name: string; state: string; n: number }) => ({ queue: r.name, state: r.state, count: r.n }))
      : [];
    const r = rows[0]!;
    return {
      ok: true,
      outboxMessages: r.messages,
      outboxDeliveries: r.deliveries,
      outboxOldestSeconds: Math.max(0, r.oldest ?? 0),
      rollupAgeSeconds: asOf ? Math.max(0, (Date.now() - asOf.getTime()) / 1000) : null,
      jobs,
    };
  }

  /** Lets the primary of `--workers N` collect this worker's metrics. */
  shareWithPrimary() {
    if (!cluster.isWorker) return;
    // Constructing one is what makes a worker answer the primary's requests (prom-client).
    new client.AggregatorRegistry();
    client.AggregatorRegistry.setRegistries([this.registry]);
  }
}

/** What a scrape answers: this process's registry, or in a cluster's primary all workers' summed. */
export type MetricsSource = () => Promise<string>;

export function processMetrics(m: Metrics): MetricsSource {
  return () => m.registry.metrics();
}

export function clusterMetrics(): MetricsSource {
  const aggregator = new client.AggregatorRegistry();
  return () => aggregator.clusterMetrics();
}

/**
 * The metrics endpoint: `GET /metrics` on its own port (LIAISON_METRICS_PORT, bound to
 * LIAISON_METRICS_HOST, 127.0.0.1 by default), so that it is never reachable through the public
 * proxy; with LIAISON_METRICS_TOKEN a scrape must send `Authorization: Bearer <token>`.
 */
export async function serveMetrics(
  config: Config['metrics'],
  source: MetricsSource,
): Promise<{ server: http.Server; url: string }> {
  const expected = config.token ? `Bearer ${config.token}` : null;
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    if (expected && !safeEqual(req.headers.authorization ?? '', expected)) {
      res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' }).end('unauthorized\n');
      return;
    }
    source().then(
      (body) => res.writeHead(200, { 'content-type': client.Registry.PROMETHEUS_CONTENT_TYPE }).end(body),
      (err: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics failed: ${err.message}\n`),
    );
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port ?? 0, config.host, () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return { server, url: `http://${host}:${port}/metrics` };
}
