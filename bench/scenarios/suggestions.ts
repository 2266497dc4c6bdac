import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { listenFastify, type Liaison, type Run, type Scenario } from '../harness.js';
import type { LoadRequest } from '../protocol.js';
import { session } from './opinions.js';
import { poolOf } from '../../src/server/db/database.js';
import { printSlowest, recordStatements } from '../same-sql.js';

/** How many suggestions the list and the figures run against (BENCH_SUGGESTIONS, default 100,000). */
const COUNT = Number(process.env.BENCH_SUGGESTIONS ?? 100_000);
const generated = new WeakSet<Liaison>();

/**
 * 100,000 suggestions of the demo district in one statement per table, in the mix of a real term:
 * most closed with an answer class and ratings, some being handled (a few overdue), some waiting.
 */
async function ensureSuggestions(liaison: Liaison) {
  if (generated.has(liaison)) return;
  const client = new pg.Client({ connectionString: liaison.ownerUrl });
  await client.connect();
  try {
    const t0 = Date.now();
    await client.query(
      `
      INSERT INTO suggestion (org_id, org_path, session_id, number, lead_deputy_id, title, content, state, mode,
        assigned_on, answer_due, answer_class, first_answered_at, answered_on_time, consulted_before,
        first_rating_communication, first_rating_result, rating_communication, rating_result, redo_count, terms)
      SELECT cs.org_id, o.path, cs.id, 1000 + g, d.ids[1 + g % array_length(d.ids, 1)],
        '关于第' || g || '号事项的建议', '建议内容' || g,
        (ARRAY['closed','closed','closed','closed','closed','answered','assigned','assigned','accepted','submitted'])[1 + g % 10],
        'joint',
        current_date - (g % 400), current_date - (g % 400) + 90,
        CASE WHEN g % 10 < 6 THEN (ARRAY['A','A','B','C','D'])[1 + g % 5] END,
        CASE WHEN g % 10 < 6 THEN now() - make_interval(days => g % 400) END,
        CASE WHEN g % 10 < 6 THEN g % 7 <> 0 END,
        CASE WHEN g % 10 < 6 THEN g % 9 <> 0 END,
        CASE WHEN g % 10 < 5 THEN (ARRAY['satisfied','basicallySatisfied','satisfied','dissatisfied'])[1 + g % 4] END,
        CASE WHEN g % 10 < 5 THEN (ARRAY['satisfied','satisfied','basicallySatisfied','dissatisfied'])[1 + g % 4] END,
        CASE WHEN g % 10 < 5 THEN 'satisfied' END,
        CASE WHEN g % 10 < 5 THEN (ARRAY['satisfied','basicallySatisfied','satisfied','satisfied'])[1 + g % 4] END,
        CASE WHEN g % 10 < 5 AND g % 4 = 3 THEN 1 ELSE 0 END, '{}'
      FROM generate_series(1, $1::int) g
      CROSS JOIN (SELECT id, org_id FROM congress_session ORDER BY id LIMIT 1) cs
      JOIN organization o ON o.id = cs.org_id
      -- Lead deputies of the session's own congress (its organisation's subtree), as in a real session:
      -- not any of a generated province's 100,000.
      CROSS JOIN (SELECT array_agg(dp.id ORDER BY dp.id) AS ids FROM deputy dp
        JOIN organization od ON od.id = dp.org_id
        WHERE od.path <@ (SELECT so.path FROM congress_session s0 JOIN organization so ON so.id = s0.org_id
                           ORDER BY s0.id LIMIT 1)) d`,
      [COUNT],
    );
    await client.query(`
      INSERT INTO suggestion_unit (suggestion_id, unit_id, unit_path, role, state)
      SELECT s.id, u.ids[1 + s.id % array_length(u.ids, 1)],
        (SELECT path FROM organization WHERE id = u.ids[1 + s.id % array_length(u.ids, 1)]),
        'lead', CASE WHEN s.state IN ('assigned') THEN 'assigned' ELSE 'answered' END
      FROM suggestion s
      CROSS JOIN (SELECT array_agg(id ORDER BY id) AS ids FROM organization WHERE kind IN ('streetOffice', 'department')) u
      WHERE s.state IN ('closed', 'answered', 'assigned') AND s.number >= 1000`);
    await client.query('ANALYZE suggestion; ANALYZE suggestion_unit');
    console.error(`bench: ${COUNT} suggestions in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } finally {
    await client.end();
  }
  generated.add(liaison);
}

/** A bare node:http + pg server answering GET with one SQL statement (the baseline). */
async function bareServer(
  liaison: Liaison,
  cleanup: Parameters<Scenario['run']>[0]['cleanup'],
  label: string,
  sql: string,
  params: () => unknown[],
) {
  const pool = new pg.Pool({ connectionString: liaison.appUrl, max: 20 });
  const bare: FastifyInstance = Fastify({ logger: false });
  bare.addHook('onClose', () => pool.end());
  bare.get('/*', async () => ({ items: (await pool.query(sql, params())).rows }));
  return listenFastify(cleanup, label, bare);
}

/** The committee's handling queue: 20 newest being handled in its subtree. Baseline: the same page in one bare SELECT. */
export const suggestionList: Scenario = {
  name: 'suggestion-list',
  title: `GET /api/suggestions?queue=handling: a page of 20 over ${COUNT} suggestions`,
  async run({ liaison, cleanup, compare }) {
    await ensureSuggestions(liaison);
    const headers = await session(liaison.url, 'district');
    const paths = [
      '/api/suggestions?queue=handling&limit=20',
      '/api/suggestions?queue=toAssign&limit=20',
      '/api/suggestions?queue=overdue&limit=20',
    ];
    for (const path of paths) {
      const res = await fetch(`${liaison.url}${path}`, { headers });
      const body = (await res.json()) as { items?: unknown[] };
      if (res.status !== 200 || !body.items?.length) throw new Error(`list check failed for ${path}: ${res.status}`);
    }
    const root = await liaison.platform.db
      .selectFrom('organization')
      .select('path')
      .where('name', '=', '北仑区人大常委会')
      .executeTakeFirstOrThrow();
    const baseline = await bareServer(
      liaison,
      cleanup,
      'bare page SELECT',
      `SELECT s.id, s.number, s.title, s.state, s.lead_deputy_id, s.answer_due FROM suggestion s
        WHERE s.org_path <@ $1::ltree AND s.state IN ('assigned', 'reHandling', 'answered') ORDER BY s.id DESC LIMIT 21`,
      () => [root.path],
    );
    const requests: LoadRequest[] = paths.map((path) => ({ method: 'GET', path, headers }));
    let runs: Run[];
    try {
      runs = await compare(
        [
          { label: 'Liaison', kind: 'ours', url: liaison.url },
          { label: 'bare page SELECT', kind: 'baseline', url: baseline.url },
        ],
        requests,
      );
    } finally {
      await baseline.close();
    }
    return {
      name: 'suggestion-list',
      title: this.title,
      runs,
      notes: [
        `queues cycled: handling, toAssign, overdue; ours adds the session, the scope, the deputies' names and the clock`,
      ],
      checks: { suggestions: COUNT },
    };
  },
};

/** The figures of a session (totals, units ranked, deputies, overdue list). Baseline: the bare totals aggregate. */
export const suggestionFigures: Scenario = {
  name: 'suggestion-figures',
  title: `GET /api/suggestions/figures: a session's figures over ${COUNT} suggestions`,
  async run({ liaison, cleanup, compare }) {
    await ensureSuggestions(liaison);
    const headers = await session(liaison.url, 'district');
    const s = await liaison.platform.db
      .selectFrom('congress_session')
      .select('id')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const path = `/api/suggestions/figures?sessionId=${s.id}`;
    const check = await fetch(`${liaison.url}${path}`, { headers });
    const body = (await check.json()) as { total?: { count: number } };
    if (check.status !== 200 || !body.total?.count)
      throw new Error(`figures check failed: ${check.status} ${JSON.stringify(body).slice(0, 300)}`);
    if (process.env.BENCH_PROFILE) {
      // One request alone, its statements timed: which of the figures' queries costs what.
      const seen = await recordStatements(poolOf(liaison.platform.db)!, async () => {
        await fetch(`${liaison.url}${path}`, { headers });
      });
      printSlowest('one figures request', seen);
    }
    const baseline = await bareServer(
      liaison,
      cleanup,
      'bare aggregate SELECT',
      `SELECT count(*) AS count, count(*) FILTER (WHERE first_answered_at IS NOT NULL) AS answered,
         count(*) FILTER (WHERE answered_on_time) AS on_time, count(*) FILTER (WHERE consulted_before) AS consulted,
         count(*) FILTER (WHERE rating_result <> 'dissatisfied') AS satisfied,
         count(*) FILTER (WHERE answer_class = 'A') AS a
       FROM suggestion WHERE session_id = $1 AND number IS NOT NULL AND state NOT IN ('withdrawn', 'merged')`,
      () => [s.id],
    );
    let runs: Run[];
    try {
      runs = await compare(
        [
          { label: 'Liaison', kind: 'ours', url: liaison.url },
          { label: 'bare aggregate SELECT', kind: 'baseline', url: baseline.url },
        ],
        [{ method: 'GET', path, headers }],
      );
    } finally {
      await baseline.close();
    }
    return {
      name: 'suggestion-figures',
      title: this.title,
      runs,
      notes: [
        'ours computes the totals, every unit ranked (per-unit first and latest answers), every deputy and the overdue list; ' +
          'the baseline only the totals in one pass',
      ],
      checks: { suggestions: body.total.count },
    };
  },
};
