import { verify } from '@node-rs/argon2';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { DEMO_PASSWORD } from '../../src/server/seed/demo.js';
import { listenFastify, type Liaison, type Run, type Scenario } from '../harness.js';
import type { LoadRequest } from '../protocol.js';

/** The one statement every sign-in needs, exactly as the service runs it. */
const CORE_SQL = 'SELECT id, password_hash, status, totp_enabled FROM app_user WHERE username = $1';

const TITLE = 'POST /api/auth/login: sign-ins per second (every one correct)';

/** The CSRF token a browser would get before signing in: the cookie and the JSON must agree. */
async function fetchCsrf(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/session`);
  const body = (await res.json()) as { csrfToken?: unknown };
  const fromCookie = res.headers
    .getSetCookie()
    .map((c) => /^liaison_csrf=([^;]*)/.exec(c)?.[1])
    .find((v) => v !== undefined);
  if (!res.ok || typeof body.csrfToken !== 'string' || decodeURIComponent(fromCookie ?? '') !== body.csrfToken) {
    throw new Error(`GET /api/auth/session gave no usable CSRF token (status ${res.status})`);
  }
  return body.csrfToken;
}

/**
 * One request per demo account, each connection cycling through them: sign-ins spread over
 * several users instead of twelve thousand in a row on one user row, which no office would see.
 */
function loginRequests(liaison: Liaison, csrf: string): LoadRequest[] {
  return liaison.accounts.map((a) => ({
    method: 'POST',
    path: '/api/auth/login',
    headers: {
      'content-type': 'application/json',
      cookie: `liaison_csrf=${csrf}`,
      'x-csrf-token': csrf,
    },
    body: JSON.stringify({ username: a.username, password: DEMO_PASSWORD }),
  }));
}

/**
 * Tries each request once before the load. Five failed sign-ins lock the account and the address,
 * after which every request would be a cheap refusal and the figures a lie; so a bad request
 * stops the run at its first failure, well below that.
 */
async function preflight(url: string, requests: LoadRequest[]) {
  for (const r of requests) {
    const res = await fetch(`${url}${r.path}`, { method: r.method, headers: r.headers, body: r.body });
    const body = (await res.json()) as { authenticated?: unknown };
    if (res.status !== 200 || body.authenticated !== true) {
      throw new Error(`sign-in check failed (${res.status}) for ${r.body}: ${JSON.stringify(body)}`);
    }
  }
}

/** A bare Fastify route with the core statement through `pg` and, optionally, the password check. */
function bareLogin(appUrl: string, withArgon2: boolean): FastifyInstance {
  // As many connections as the platform's own pool, so the database side is matched.
  const pool = new pg.Pool({ connectionString: appUrl, max: 20 });
  const app = Fastify({ logger: false });
  app.addHook('onClose', () => pool.end());
  app.post<{ Body: { username: string; password: string } }>('/api/auth/login', async (req, reply) => {
    const { rows } = await pool.query<{ id: number; password_hash: string; status: string; totp_enabled: boolean }>(
      CORE_SQL,
      [req.body.username.trim().toLowerCase()],
    );
    const user = rows[0];
    if (!user) return reply.status(401).send({ ok: false });
    if (withArgon2 && !(await verify(user.password_hash, req.body.password))) {
      return reply.status(401).send({ ok: false });
    }
    return { ok: true, id: user.id };
  });
  return app;
}

async function count(liaison: Liaison, table: 'user_session' | 'login_failure'): Promise<number> {
  const row = await liaison.platform.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function failedSignIns(liaison: Liaison): Promise<number> {
  const row = await liaison.platform.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('action', 'in', ['auth.login.failed', 'auth.lockout', 'auth.login.refusedLocked', 'security.csrfRejected'])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Sign-ins per second through the real route: CSRF check, lockout lookup, argon2id verify, the
 * session row, the audit rows (one chain, so their commits take turns). Two baselines split the
 * cost: the bare SQL alone, then the SQL plus the same argon2 verify.
 */
export const login: Scenario = {
  name: 'login',
  title: TITLE,
  async run({ liaison, settings, cleanup, compare }) {
    const csrf = await fetchCsrf(liaison.url);
    const requests = loginRequests(liaison, csrf);
    const sessionsBefore = await count(liaison, 'user_session');
    await preflight(liaison.url, requests);

    const bareSql = await listenFastify(cleanup, 'bare SQL baseline', bareLogin(liaison.appUrl, false));
    const bareArgon = await listenFastify(cleanup, 'bare SQL + argon2 baseline', bareLogin(liaison.appUrl, true));
    let runs: Run[];
    try {
      runs = await compare(
        [
          { label: 'Liaison', kind: 'ours', url: liaison.url },
          { label: 'bare SQL', kind: 'baseline', url: bareSql.url },
          { label: 'bare SQL + argon2 verify', kind: 'baseline', url: bareArgon.url },
        ],
        requests,
      );
    } finally {
      await bareSql.close();
      await bareArgon.close();
    }

    const ours = runs.find((r) => r.kind === 'ours')!.stats;
    const sessionsCreated = (await count(liaison, 'user_session')) - sessionsBefore;
    const counted = requests.length + ours.warmupOk + ours.ok;
    const checks = {
      countedSignIns: counted,
      sessionsCreated,
      failuresRecorded: await count(liaison, 'login_failure'),
      failureAuditRows: await failedSignIns(liaison),
    };
    // autocannon stops a window without waiting for requests in flight; the server still completes
    // them, so up to one per connection per window (warm-up included) has a session but no count.
    const inFlight = (ours.windows + 1) * settings.connections;
    if (
      sessionsCreated < counted ||
      sessionsCreated > counted + inFlight ||
      checks.failuresRecorded !== 0 ||
      checks.failureAuditRows !== 0
    ) {
      throw new Error(`the sign-ins were not all real and successful: ${JSON.stringify(checks)}`);
    }

    return {
      name: 'login',
      title: TITLE,
      runs,
      notes: [
        'argon2id verify dominates a sign-in, on purpose (it is what makes guessing slow); against the bare SQL ' +
          'the ratio is low by design. Compare with "bare SQL + argon2 verify" for what the rest of our sign-in costs.',
        `every sign-in was correct: ${sessionsCreated} sessions created for ${counted} counted 2xx sign-ins ` +
          `(the rest were in flight when a window closed), no failure recorded, so the lockout never engaged.`,
      ],
      checks,
    };
  },
};
