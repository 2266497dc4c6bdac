import http from 'node:http';
import pg from 'pg';
import { poolOf } from '../src/server/db/database.js';
import { listenHttp, type Cleanup, type Liaison } from './harness.js';
import type { LoadRequest } from './protocol.js';

/** One statement our server ran, with its parameters, its rows, when it started and when it ended. */
export interface Statement {
  sql: string;
  params: unknown[];
  rows?: Record<string, unknown>[];
  /** Which of the pool's connections ran it (numbered as they were first handed out). */
  client?: number;
  start: bigint;
  end: bigint;
}

/** One statement of a plan, with the rows it returned when it was captured. */
export type PlannedStatement = { sql: string; params: unknown[]; rows?: Record<string, unknown>[] };

/** The statements of one request: groups run one after the other, the statements of a group at once. */
export type Plan = PlannedStatement[][];

/**
 * Runs `fn` and records every statement `pool` ran meanwhile, in the order they ended.
 *
 * It wraps the pool's `connect` (Kysely takes a client per query) and the clients it hands out,
 * and puts both back afterwards: nothing of the recording stays on the measured path.
 */
export async function recordStatements(pool: pg.Pool, fn: () => Promise<void>): Promise<Statement[]> {
  const seen: Statement[] = [];
  const originalConnect = pool.connect;
  const originals = new Map<pg.PoolClient, pg.PoolClient['query']>();
  const wrap = (client: pg.PoolClient) => {
    if (originals.has(client)) return;
    const query = client.query;
    const id = originals.size;
    originals.set(client, query);
    client.query = function (this: pg.PoolClient, ...args: unknown[]) {
      const start = process.hrtime.bigint();
      const result = (query as (...a: unknown[]) => unknown).apply(this, args);
      const [text, params] = args;
      if (typeof text === 'string' && result instanceof Promise) {
        result.then(
          (r: { rows?: Record<string, unknown>[] } | undefined) =>
            seen.push({
              sql: text,
              params: Array.isArray(params) ? params : [],
              rows: r?.rows,
              client: id,
              start,
              end: process.hrtime.bigint(),
            }),
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
  return seen;
}

/** In the order they started; a statement that started before the group's last end joins it. */
export function groupStatements(seen: Statement[]): Plan {
  const sorted = [...seen].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const plan: Plan = [];
  let groupEnd = -1n;
  for (const s of sorted) {
    const planned = { sql: s.sql, params: s.params, rows: s.rows };
    if (plan.length && s.start < groupEnd) plan[plan.length - 1]!.push(planned);
    else plan.push([planned]);
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
export async function capturePlans(
  liaison: Liaison,
  requests: LoadRequest[],
  opts: { beforeRecording?: () => Promise<unknown> } = {},
): Promise<Map<string, Plan>> {
  const plans = new Map<string, Plan>();
  for (const r of requests) {
    const send = async () => {
      const res = await fetch(`${liaison.url}${r.path}`, { method: r.method, headers: r.headers, body: r.body });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`capture: ${r.method} ${r.path} answered ${res.status}`);
    };
    await send();
    // E.g. a catch-up, so that a route keeping its answers (the dashboard) computes it again.
    await opts.beforeRecording?.();
    const pool = poolOf(liaison.platform.db);
    if (!pool) throw new Error('capture: the platform has no pg pool');
    // Statements that overlapped in time (a `Promise.all` in the route) form one group, so the
    // replay keeps the route's own concurrency.
    const seen = await recordStatements(pool, send);
    if (process.env.BENCH_PROFILE) printSlowest(`${r.method} ${r.path}`, seen);
    const plan = groupStatements(seen);
    if (statements(plan) === 0) throw new Error(`capture: ${r.path} ran no SQL`);
    plans.set(r.path, plan);
  }
  return plans;
}

/** With BENCH_PROFILE: how long the statements of one request took, in all and the slowest. */
export function printSlowest(what: string, seen: Statement[], top = 8) {
  const ms = (st: Statement) => Number(st.end - st.start) / 1e6;
  const total = seen.reduce((n, st) => n + ms(st), 0);
  console.error(`statements of ${what}: ${seen.length}, ${total.toFixed(0)} ms in all; the slowest:`);
  for (const st of [...seen].sort((a, b) => ms(b) - ms(a)).slice(0, top))
    console.error(`  ${ms(st).toFixed(1).padStart(7)} ms  ${st.sql.replace(/\s+/g, ' ').slice(0, 140)}`);
}

/** How the captured plans look, for the notes: statements and groups per request. */
export function describePlans(plans: Map<string, Plan>): string {
  const shapes = [...plans.values()].map((p) => `${statements(p)} in ${p.length}`);
  const first = [...plans.values()][0]?.flat()[0]?.sql.replace(/\s+/g, ' ').slice(0, 60);
  return `statements in sequential groups per request: ${shapes.join(', ')}; the first begins "${first}…"`;
}

/**
 * What a write needs to be replayed many times: values made afresh by the route on each request
 * (a receipt code, a key, a pick at random) that must not repeat. Given a captured parameter, the
 * values learnt so far (captured → replayed, see `Replay`), where the parameter is and a scratch
 * object of this replay's own, it returns the parameter to send instead, or the same. A new value
 * is learnt: later parameters equal to the captured one get it too. A `Placed` value is sent only
 * there and learnt nowhere: for a small number (the audit chain's) that other parameters (a user's
 * id, a count) may equal by chance.
 */
export type Fresh = (
  value: unknown,
  learnt: ReadonlyMap<string, unknown>,
  at: { sql: string; index: number },
  scratch: Record<string, unknown>,
) => unknown;

/** A `Fresh` answer for this parameter alone (see `Fresh`). */
export class Placed {
  constructor(readonly value: unknown) {}
}

/**
 * One replay of a plan. A value a statement returned when captured (an id from a sequence, a
 * RETURNING id, the audit chain's last hash, also inside a json value) and that differs now is
 * learnt, and later parameters equal to it get the new value: the replayed rows point at the
 * replayed rows, as ours do.
 */
class Replay {
  private readonly learnt = new Map<string, unknown>();
  private readonly scratch: Record<string, unknown> = {};

  constructor(private readonly fresh?: Fresh) {}

  params(sql: string, params: unknown[]): unknown[] {
    return params.map((v, index) => this.param(v, { sql, index }));
  }

  private param(v: unknown, at: { sql: string; index: number }): unknown {
    if (Array.isArray(v)) return v.map((x) => this.param(x, at));
    const made = this.fresh ? this.fresh(v, this.learnt, at, this.scratch) : v;
    if (made instanceof Placed) return made.value;
    const key = keyOf(v);
    if (key !== null && this.learnt.has(key)) return this.learnt.get(key);
    if (made !== v && key !== null) this.learnt.set(key, made);
    return made;
  }

  learn(captured: Record<string, unknown>[] | undefined, replayed: Record<string, unknown>[]) {
    if (!captured) return;
    captured.forEach((row, i) => {
      const now = replayed[i];
      if (!now) return;
      for (const [column, was] of Object.entries(row)) this.learnValue(was, now[column]);
    });
  }

  private learnValue(was: unknown, now: unknown) {
    if (Array.isArray(was) && Array.isArray(now)) {
      was.forEach((w, i) => this.learnValue(w, now[i]));
      return;
    }
    // A json column's object (the audit chain's reservation: its ids and last hash).
    if (was && now && typeof was === 'object' && typeof now === 'object') {
      for (const [k, w] of Object.entries(was)) this.learnValue(w, (now as Record<string, unknown>)[k]);
      return;
    }
    const key = keyOf(was);
    if (key !== null && keyOf(now) !== key) this.learnt.set(key, now);
  }
}

/** Numbers and strings as they travel as parameters (a bigint id comes back as a string). */
function keyOf(v: unknown): string | null {
  return typeof v === 'number' || typeof v === 'string' || typeof v === 'bigint' ? String(v) : null;
}

const BEGIN = /^\s*(begin|start transaction)\b/i;
const END = /^\s*(commit|rollback)\b/i;

/** Runs one plan: a transaction's statements on one client of the pool, the others on any. */
async function replay(pool: pg.Pool, plan: Plan, fresh?: Fresh): Promise<pg.QueryResult[]> {
  const r = new Replay(fresh);
  let client: pg.PoolClient | null = null;
  let last: pg.QueryResult[] = [];
  try {
    for (const group of plan) {
      if (!client && BEGIN.test(group[0]!.sql)) client = await pool.connect();
      const on: pg.Pool | pg.PoolClient = client ?? pool;
      last = await Promise.all(group.map((s) => on.query(s.sql, r.params(s.sql, s.params))));
      group.forEach((s, i) => r.learn(s.rows, last[i]!.rows as Record<string, unknown>[]));
      if (client && END.test(group[group.length - 1]!.sql)) {
        client.release();
        client = null;
      }
    }
  } catch (err) {
    if (client) {
      await client.query('rollback').catch(() => {});
      client.release();
    }
    throw err;
  }
  return last;
}

/**
 * The same-SQL baseline: a bare `node:http` server with its own `pg` pool (as big as ours, as the
 * application role) that answers each request of the load by running the statements our route
 * ran for it, with the same parameters and the same concurrency, and sends the last rows as JSON.
 * What is left between it and ours is our overhead: routing, session, validation, authorisation,
 * building the query, shaping and serialising the answer. A write's transaction is replayed on one
 * connection, with `fresh` values where ours makes new ones (see `Fresh`, `Replay`).
 */
export async function listenSameSql(
  cleanup: Cleanup,
  liaison: Liaison,
  plans: Map<string, Plan>,
  options: { fresh?: Fresh } = {},
) {
  const max = poolOf(liaison.platform.db)?.options.max ?? 10;
  const pool = new pg.Pool({ connectionString: liaison.appUrl, max });
  cleanup.add('same-SQL pool', () => pool.end());
  const failures = new Set<string>();
  const server = http.createServer((req, res) => {
    const plan = plans.get(req.url ?? '');
    if (!plan) {
      res.writeHead(404).end();
      return;
    }
    void (async () => {
      const last = await replay(pool, plan, options.fresh);
      const body = JSON.stringify({ items: last[last.length - 1]?.rows ?? [] });
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(body);
    })().catch((err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      // Each kind of failure once on the console: the run is invalid, and this says why.
      if (!failures.has(message)) {
        failures.add(message);
        console.error(`same-SQL replay failed: ${message}`);
      }
      res.writeHead(500).end(message);
    });
  });
  return listenHttp(cleanup, 'same-SQL baseline', server);
}
