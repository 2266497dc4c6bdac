import http from 'node:http';
import pg from 'pg';
import { poolOf } from '../src/server/db/database.js';
import { listenHttp, type Cleanup, type Liaison } from './harness.js';
import type { LoadRequest } from './protocol.js';

/** One statement our server ran, with its parameters, when it started and when it ended. */
export interface Statement {
  sql: string;
  params: unknown[];
  start: bigint;
  end: bigint;
}

/** The statements of one request: groups run one after the other, the statements of a group at once. */
export type Plan = { sql: string; params: unknown[] }[][];

/**
 * Runs `fn` (one real request to our server) and records every statement our server's own pool
 * ran meanwhile, in the order they started. Statements that overlapped in time (a `Promise.all`
 * in the route) form one group, so the replay keeps the route's own concurrency.
 *
 * It wraps the pool's `connect` (Kysely takes a client per query) and the clients it hands out,
 * and puts both back afterwards: nothing of the capture stays on the measured path.
 */
export async function captureSql(liaison: Liaison, fn: () => Promise<void>): Promise<Plan> {
  const pool = poolOf(liaison.platform.db);
  if (!pool) throw new Error('captureSql: the platform has no pg pool');
  const seen: Statement[] = [];
  const originalConnect = pool.connect;
  const originals = new Map<pg.PoolClient, pg.PoolClient['query']>();
  const wrap = (client: pg.PoolClient) => {
    if (originals.has(client)) return;
    const query = client.query;
    originals.set(client, query);
    client.query = function (this: pg.PoolClient, ...args: unknown[]) {
      const start = process.hrtime.bigint();
      const result = (query as (...a: unknown[]) => unknown).apply(this, args);
      const [text, params] = args;
      if (typeof text === 'string' && result instanceof Promise) {
        result.then(
          () =>
            seen.push({ sql: text, params: Array.isArray(params) ? params : [], start, end: process.hrtime.bigint() }),
          () => {},
        );
      }
      return result;
    } as pg.PoolClient['query'];
  };
  pool.connect = async function (this: pg.Pool, ...args: unknown[]) {
    // The callback form (pool.query inside pg) passes through untouched.
    if (args.length) return (originalConnect as (...a: unknown[]) => unknown).apply(this, args);
    const client = await (originalConnect as () => Promise<pg.PoolClient>).call(this);
    wrap(client);
    return client;
  } as pg.Pool['connect'];
  try {
    await fn();
    // The last statement's promise settles a tick after the response may have gone out.
    await new Promise((resolve) => setTimeout(resolve, 50));
  } finally {
    pool.connect = originalConnect;
    for (const [client, query] of originals) client.query = query;
  }
  return groupStatements(seen);
}

/** In the order they started; a statement that started before the group's last end joins it. */
export function groupStatements(seen: Statement[]): Plan {
  const sorted = [...seen].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const plan: Plan = [];
  let groupEnd = -1n;
  for (const s of sorted) {
    if (plan.length && s.start < groupEnd) plan[plan.length - 1]!.push({ sql: s.sql, params: s.params });
    else plan.push([{ sql: s.sql, params: s.params }]);
    groupEnd = s.end > groupEnd ? s.end : groupEnd;
  }
  return plan;
}

function statements(plan: Plan) {
  return plan.reduce((n, g) => n + g.length, 0);
}

/**
 * Captures, for each request of the load, the SQL our route runs: each request is sent twice and
 * the second one recorded, so that the session cache is warm, as it is under load.
 */
export async function capturePlans(liaison: Liaison, requests: LoadRequest[]): Promise<Map<string, Plan>> {
  const plans = new Map<string, Plan>();
  for (const r of requests) {
    const send = async () => {
      const res = await fetch(`${liaison.url}${r.path}`, { method: r.method, headers: r.headers, body: r.body });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`capture: ${r.method} ${r.path} answered ${res.status}`);
    };
    await send();
    const plan = await captureSql(liaison, send);
    if (statements(plan) === 0) throw new Error(`capture: ${r.path} ran no SQL`);
    plans.set(r.path, plan);
  }
  return plans;
}

/** How the captured plans look, for the notes: statements and groups per request. */
export function describePlans(plans: Map<string, Plan>): string {
  const shapes = [...plans.values()].map((p) => `${statements(p)} in ${p.length}`);
  const first = [...plans.values()][0]?.flat()[0]?.sql.replace(/\s+/g, ' ').slice(0, 60);
  return `statements in sequential groups per request: ${shapes.join(', ')}; the first begins "${first}…"`;
}

/**
 * The same-SQL baseline: a bare `node:http` server with its own `pg` pool (as big as ours, as the
 * application role) that answers each request of the load by running the statements our route
 * ran for it, with the same parameters and the same concurrency, and sends the last rows as JSON.
 * What is left between it and ours is our overhead: routing, session, validation, authorisation,
 * building the query, shaping and serialising the answer.
 */
export async function listenSameSql(cleanup: Cleanup, liaison: Liaison, plans: Map<string, Plan>) {
  const max = poolOf(liaison.platform.db)?.options.max ?? 10;
  const pool = new pg.Pool({ connectionString: liaison.appUrl, max });
  cleanup.add('same-SQL pool', () => pool.end());
  const server = http.createServer((req, res) => {
    const plan = plans.get(req.url ?? '');
    if (!plan) {
      res.writeHead(404).end();
      return;
    }
    void (async () => {
      let last: pg.QueryResult[] = [];
      for (const group of plan) last = await Promise.all(group.map((s) => pool.query(s.sql, s.params)));
      const body = JSON.stringify({ items: last[last.length - 1]?.rows ?? [] });
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(body);
    })().catch((err: unknown) => {
      res.writeHead(500).end(err instanceof Error ? err.message : String(err));
    });
  });
  return listenHttp(cleanup, 'same-SQL baseline', server);
}
