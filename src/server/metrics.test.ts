import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform } from '../../test/support/db.js';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { Metrics, processMetrics, serveMetrics } from './metrics.js';
import { Jobs } from './platform/jobs/jobs.js';
import { enqueue } from './platform/notify/outbox.js';

let t: Awaited<ReturnType<typeof createTestPlatform>>;
let jobs: Jobs;
let metrics: Metrics;
let app: Awaited<ReturnType<typeof buildApp>>;
let scrape: Awaited<ReturnType<typeof serveMetrics>>;
const TOKEN = 'metrics-token-0123456789';

/** One sample's value from the exposition text (NaN when absent). */
function sample(text: string, name: string, labels: Record<string, string> = {}) {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) return Number(line.split(' ').pop());
  }
  return NaN;
}

beforeAll(async () => {
  t = await createTestPlatform({ LIAISON_METRICS_PORT: '0', LIAISON_METRICS_TOKEN: TOKEN });
  // A queue of our own with nothing working on it: its jobs stay `created`.
  jobs = await Jobs.start({
    url: t.database.ownerUrl,
    pollSeconds: 60,
    log: pino({ level: 'silent' }),
    queues: [],
  });
  await jobs.boss.createQueue('metrics.test');
  metrics = new Metrics(t.platform, () => jobs);
  app = await buildApp(t.platform, { logger: false, metrics });
  scrape = await serveMetrics(t.platform.config.metrics, processMetrics(metrics));
});

afterAll(async () => {
  scrape?.server.close();
  await app?.close();
  await jobs?.stop();
  await t?.close();
});

const get = (headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) => fetch(scrape.url, { headers });

describe('metrics', () => {
  it('counts requests by route pattern, not by URL, with their latency', async () => {
    for (const id of [1, 2, 3]) await app.inject({ method: 'GET', url: `/api/opinions/${id}` });
    await app.inject({ method: 'GET', url: '/api/health' });
    await app.inject({ method: 'GET', url: '/no/such/page/42' });
    const text = await (await get()).text();
    const route = { route: '/api/opinions/:id', method: 'GET', status_code: '401' };
    expect(sample(text, 'liaison_http_request_duration_seconds_count', route)).toBe(3);
    expect(sample(text, 'liaison_http_request_duration_seconds_bucket', { ...route, le: '+Inf' })).toBe(3);
    expect(sample(text, 'liaison_http_request_duration_seconds_count', { route: '/api/health' })).toBe(1);
    expect(sample(text, 'liaison_http_request_duration_seconds_count', { route: '(unmatched)' })).toBe(1);
    expect(text).not.toContain('/api/opinions/1"');
    expect(text).not.toContain('/no/such/page');
    expect(text).toContain('process_resident_memory_bytes');
  });

  it('shows the pool, the job queues, the outbox backlog and the rollups’ age', async () => {
    await jobs.send('metrics.test', { n: 1 });
    await jobs.send('metrics.test', { n: 2 });
    await enqueue(t.platform.db, {
      type: 'opinion.receipt',
      to: { phoneSealed: t.platform.fields.encrypt('13800000000') },
      vars: { receiptCode: 'R123456', followUrl: 'https://liaison.example/f/1' },
    });
    // Figures are read at most every 5 s: a fresh Metrics reads now.
    const fresh = new Metrics(t.platform, () => jobs);
    const text = await fresh.registry.metrics();
    expect(sample(text, 'liaison_database_up')).toBe(1);
    expect(sample(text, 'liaison_jobs', { queue: 'metrics.test', state: 'created' })).toBe(2);
    expect(sample(text, 'liaison_outbox_pending_messages')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'liaison_outbox_oldest_pending_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'liaison_db_pool_connections')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'liaison_db_pool_idle_connections')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'liaison_db_pool_waiting_queries')).toBe(0);
    expect(text).toContain('liaison_statistics_rollup_age_seconds');
  });

  it('answers only GET /metrics with the token', async () => {
    expect((await get({})).status).toBe(401);
    expect((await get({ authorization: 'Bearer wrong-token-0123456789' })).status).toBe(401);
    expect((await fetch(scrape.url.replace('/metrics', '/'))).status).toBe(404);
    const ok = await get();
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    // Not on the public port.
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).not.toBe(200);
  });

  it('refuses a metrics port open beyond this machine without a token', () => {
    expect(() => loadConfig({ LIAISON_METRICS_PORT: '9464', LIAISON_METRICS_HOST: '0.0.0.0' })).toThrow(
      /LIAISON_METRICS_TOKEN is required/,
    );
    expect(loadConfig({ LIAISON_METRICS_PORT: '9464' }).metrics).toEqual({
      port: 9464,
      host: '127.0.0.1',
      token: undefined,
    });
    expect(loadConfig({}).metrics.port).toBeUndefined();
  });
});
