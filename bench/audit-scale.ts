/**
 * `npm run bench:audit`: does the audit page (the auditor's search of the trail) stay fast at a
 * province's size, and how long does `verify` take? (docs/decisions/partitioning.md.)
 *
 * A scratch embedded PostgreSQL with our migrated schema; `audit_log` filled by the database itself
 * with BENCH_AUDIT rows (default 30 M: a province's 2 M opinions a year with their eight or so
 * audited steps, sign-ins and the rest, for about a year and a half), spread over five years in id
 * order, as the trail grows. Who acts is skewed as in life: 1,600 staff do nine actions in ten, a
 * hundred thousand deputies the rest, and a few accounts (the auditor's) act a handful of times a
 * year. The actions are our own names, frequent (`opinion.accept`) and rare (`role.grant`). The
 * hashes are filler of the real width: the search does not read them. For the fill only: the
 * table is UNLOGGED, its indexes are built after (as the migrations made them), the append-only
 * triggers are set aside.
 *
 * Each search is `searchAudit` itself (our code, its statements and the subjects' names) with the
 * filters the audit page offers, 200 times one after another. `verify` is timed on a real chain
 * written by `AuditTrail.recordMany` (BENCH_AUDIT_VERIFY rows, default 500,000) and its rate given.
 */
import crypto from 'node:crypto';
import type { z } from 'zod';
import type { AuditQuery } from '../src/contracts/audit.js';
import { connect } from '../src/server/db/database.js';
import { AuditTrail } from '../src/server/platform/audit/audit.js';
import { searchAudit } from '../src/server/platform/audit/search.js';
import { percentile, reportScaleRun, scratchDatabase } from './harness.js';

const ROWS = Number(process.env.BENCH_AUDIT ?? 30_000_000);
const VERIFY_ROWS = Number(process.env.BENCH_AUDIT_VERIFY ?? 500_000);
const SEARCHES = Number(process.env.BENCH_AUDIT_SEARCHES ?? 200);
const STAFF = 1600;
const DEPUTIES = 100_000;
/** Frequent actions first: a row's action is picked with a skew towards the start of the list. */
const ACTIONS = [
  'opinion.accept',
  'opinion.assign',
  'opinion.answer',
  'opinion.triage',
  'opinion.register',
  'opinion.respond',
  'opinion.feedback',
  'opinion.rate',
  'opinion.close',
  'auth.login',
  'auth.logout',
  'opinion.requestExtension',
  'suggestion.submit',
  'opinion.revealContact',
  'station.update',
  'auth.login.failed',
  'user.update',
  'suggestion.edit',
  'opinion.ledgerExport',
  'user.create',
];
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

async function main() {
  const { url, pool, rebuild, close } = await scratchDatabase('audit_scale', 'audit_log');
  const steps: Record<string, number> = {};
  const results: { search: string; rows: number; p50: number; p95: number; max: number }[] = [];
  try {
    const q = (text: string, values?: unknown[]) => pool.query(text, values);
    await q(`ALTER TABLE audit_log DROP CONSTRAINT audit_log_pkey`);
    await q(`ALTER TABLE audit_log DISABLE TRIGGER USER`);
    await q(`ALTER TABLE audit_log SET UNLOGGED`);

    // Row i: at moves evenly over five years; the actor is staff (90 %, skewed to the busiest) or a
    // deputy; every 100,000th row is the auditor's; the action skews to the list's start.
    let t0 = process.hrtime.bigint();
    const slice = 2_500_000;
    for (let from = 1; from <= ROWS; from += slice * 2) {
      await Promise.all(
        [from, from + slice].map((start) =>
          start > ROWS
            ? null
            : q(
                `INSERT INTO audit_log (id, at, actor_id, actor_name, action, subject_type, subject_id, summary,
                                        ip, user_agent, request_id, prev_hash, hash, chain)
                 SELECT i, timestamptz '2022-01-01 00:00+08' + (i::float8 / $3) * interval '5 years',
                        CASE WHEN i % 100000 = 7 THEN 3 WHEN h % 10 < 9 THEN 100 + (h / 10 % ${STAFF}) * (h / 10 % ${STAFF}) / ${STAFF}
                             ELSE 10000 + h / 100 % ${DEPUTIES} END,
                        CASE WHEN i % 100000 = 7 THEN 'auditor' WHEN h % 10 < 9 THEN 'staff' || (100 + (h / 10 % ${STAFF}) * (h / 10 % ${STAFF}) / ${STAFF})
                             ELSE 'deputy' || (10000 + h / 100 % ${DEPUTIES}) END,
                        CASE WHEN i % 100000 = 7 THEN 'auth.login' WHEN i % 50000 = 11 THEN 'role.grant'
                             ELSE ($4::text[])[1 + floor(power((h % 1000000) / 1000000.0, 3) * ${ACTIONS.length})::int] END,
                        'opinion', (1 + i / 8)::text, '{"state":"accepted"}'::jsonb,
                        '10.' || (h % 250) || '.' || (h / 250 % 250) || '.' || (h / 62500 % 250),
                        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120.0 Safari/537.36',
                        md5(i::text), md5(i::text) || md5((i - 1)::text), md5((i + 1)::text) || md5(i::text), (i % 8)::smallint
                   FROM generate_series($1::bigint, $2::bigint) i,
                        LATERAL (SELECT abs(hashint8(i))::bigint AS h) hh`,
                [start, Math.min(start + slice - 1, ROWS), ROWS, ACTIONS],
              ),
        ),
      );
      process.stderr.write(
        `\r  filled ${Math.min(from + slice * 2 - 1, ROWS).toLocaleString('en')} of ${ROWS.toLocaleString('en')}, ${(ms(t0) / 1000).toFixed(0)} s`,
      );
    }
    steps.fillSeconds = ms(t0) / 1000;
    console.error('');
    await rebuild(steps);
    await q(`SELECT setval(pg_get_serial_sequence('audit_log', 'id'), $1)`, [ROWS]).catch(() => null);
    const size = await q(
      `SELECT pg_table_size('audit_log') AS heap, pg_indexes_size('audit_log') AS idx FROM audit_log LIMIT 1`,
    );
    console.error(
      `  ${ROWS.toLocaleString('en')} audit rows; heap ${(size.rows[0].heap / 2 ** 30).toFixed(1)} GiB, indexes ${(size.rows[0].idx / 2 ** 30).toFixed(1)} GiB`,
    );

    if (process.env.BENCH_AUDIT_KEEP) {
      // For a look at the plans: psql the URL below; Ctrl-C ends the run (and removes the data).
      console.error(`  kept for a look: ${url}`);
      await new Promise(() => setInterval(() => {}, 1 << 30));
    }
    const db = connect(url, 2);
    const day = (d: string) => new Date(`${d}T00:00:00+08:00`).toISOString();
    const searches: [string, Omit<z.infer<typeof AuditQuery>, 'limit'>][] = [
      ['newest page, no filter', {}],
      ['a busy staff account', { actor: 'staff100' }],
      ['a quiet staff account', { actor: 'staff1690' }],
      ['an account with no rows', { actor: 'nobody' }],
      ['the auditor (a few rows a year)', { actor: 'auditor' }],
      ['a frequent action', { action: 'opinion.accept' }],
      ['a rare action (role.grant)', { action: 'role.grant' }],
      ['a rare action prefix (role.)', { action: 'role.' }],
      ['an action prefix (auth.)', { action: 'auth.' }],
      ['one opinion (subject)', { subjectType: 'opinion', subjectId: String(Math.floor(ROWS / 16)) }],
      ['one day', { from: day('2024-05-08'), to: day('2024-05-09') }],
      ['one month', { from: day('2024-05-01'), to: day('2024-06-01') }],
      ['a busy account in one month', { actor: 'staff100', from: day('2024-05-01'), to: day('2024-06-01') }],
      ['a quiet account in one month', { actor: 'staff1690', from: day('2024-05-01'), to: day('2024-06-01') }],
      ['the auditor in one year', { actor: 'auditor', from: day('2024-01-01'), to: day('2025-01-01') }],
      ['a rare action in one month', { action: 'role.grant', from: day('2024-05-01'), to: day('2024-06-01') }],
    ];
    for (const [search, query] of searches) {
      const took: number[] = [];
      let found = 0;
      // One unmeasured call: the plan and the pages it reads are cached as on a server in use.
      await searchAudit(db, { limit: 20, ...query });
      for (let i = 0; i < SEARCHES && (i < 5 || took.reduce((a, b) => a + b, 0) < 60_000); i++) {
        const s0 = process.hrtime.bigint();
        found = (await searchAudit(db, { limit: 20, ...query })).items.length;
        took.push(ms(s0));
      }
      const sorted = Float64Array.from(took).sort();
      results.push({
        search,
        rows: found,
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        max: sorted[sorted.length - 1]!,
      });
      console.error(`  ${search}: p50 ${percentile(sorted, 50).toFixed(2)} ms (${took.length} calls)`);
    }

    // verify, on a real chain: a fresh table's worth, written as the server writes it.
    await q(`TRUNCATE audit_log`).catch(async () => {
      await q(`ALTER TABLE audit_log DISABLE TRIGGER USER`);
      await q(`TRUNCATE audit_log`);
    });
    await q(`ALTER TABLE audit_log ENABLE TRIGGER USER`);
    const trail = new AuditTrail(crypto.randomBytes(32));
    t0 = process.hrtime.bigint();
    for (let written = 0; written < VERIFY_ROWS; written += 5000)
      await db.transaction().execute((trx) =>
        trail.recordMany(
          trx,
          { actor: null, ip: '10.0.0.1', userAgent: 'bench', requestId: 'bench' },
          Array.from({ length: Math.min(5000, VERIFY_ROWS - written) }, (_, i) => ({
            action: 'opinion.accept',
            subjectType: 'opinion',
            subjectId: String(written + i),
            summary: { state: 'accepted' },
          })),
        ),
      );
    steps.verifyChainWriteSeconds = ms(t0) / 1000;
    t0 = process.hrtime.bigint();
    const verified = await trail.verify(db);
    steps.verifySeconds = ms(t0) / 1000;
    if (!verified.ok || verified.rows !== VERIFY_ROWS) throw new Error(`verify: ${JSON.stringify(verified)}`);
    steps.verifyRowsPerSecond = Math.round(VERIFY_ROWS / steps.verifySeconds);
    await db.destroy();

    console.log(`\naudit_log at ${ROWS.toLocaleString('en')} rows: searchAudit (the audit page), limit 20`);
    console.log(
      `${'search'.padEnd(36)} ${'rows'.padStart(4)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)}`,
    );
    for (const r of results)
      console.log(
        `${r.search.padEnd(36)} ${String(r.rows).padStart(4)} ${[r.p50, r.p95, r.max].map((x) => x.toFixed(2).padStart(8)).join(' ')}`,
      );
    console.log(
      `\nverify: ${VERIFY_ROWS.toLocaleString('en')} chained rows in ${steps.verifySeconds.toFixed(1)} s = ${steps.verifyRowsPerSecond.toLocaleString('en')} rows/s; at ${ROWS.toLocaleString('en')} rows ≈ ${(ROWS / steps.verifyRowsPerSecond / 60).toFixed(0)} min`,
    );
    reportScaleRun('audit-scale', steps, { rows: ROWS, results });
  } finally {
    await pool.end().catch(() => null);
    await close();
  }
}

await main();
