/**
 * `npm run bench:events`: do an opinion's timeline and the other reads of `opinion_event` stay fast
 * at a province's 100 M events, unpartitioned? And what does retention cost, DELETE of an old range
 * against DETACH of a partition? (docs/decisions/partitioning.md, "The measurement that decides it".)
 *
 * A scratch embedded PostgreSQL with our migrated schema; `opinion_event` filled by the database
 * itself (INSERT … SELECT over generate_series, on both cores) with BENCH_EVENTS rows (default 100 M)
 * for BENCH_EVENTS / 10 opinions, ten events each. An opinion's events are spread as a live
 * system's are: its k-th event comes k × 16,000 opinions after its registration (about a month of a
 * province), so its ten rows lie on ten different heap pages, as they would. For the fill only:
 * the table is UNLOGGED (the reads are the same; 15 GB of WAL is not what is measured), its
 * indexes are built after, and the foreign key to `opinion` is dropped (no 10 M opinions needed:
 * none of the reads measured joins them). Needs ≈ 25 GB of disk at 100 M.
 *
 * Each read is the statement our code runs (the console's timeline, the opinion view's event
 * subqueries, the statistics catch-up's page of events after a watermark, the newest event id),
 * at random opinions, 2,000 times one after another and then with 10 connections.
 */
import crypto from 'node:crypto';
import type pg from 'pg';
import { percentile, reportScaleRun, scratchDatabase } from './harness.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000_000);
const OPINIONS = Math.floor(EVENTS / 10);
/** How many opinions later an opinion's next event comes. */
const SPREAD = 16_000;
const LOOKUPS = Number(process.env.BENCH_EVENT_LOOKUPS ?? 2000);
const ACTIONS = ['register', 'sort', 'assign', 'accept', 'progress', 'answer', 'escalate', 'feedback', 'rate', 'close'];

type Figures = { statement: string; mode: string; n: number; p50: number; p95: number; p99: number; max: number };

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

async function timed(
  pool: pg.Pool,
  concurrency: number,
  n: number,
  run: (c: pg.PoolClient, i: number) => Promise<unknown>,
) {
  const took: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      const c = await pool.connect();
      try {
        for (let i = next++; i < n; i = next++) {
          const t0 = process.hrtime.bigint();
          await run(c, i);
          took.push(ms(t0));
        }
      } finally {
        c.release();
      }
    }),
  );
  const sorted = Float64Array.from(took).sort();
  return {
    n,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1]!,
  };
}

async function main() {
  const { pool, rebuild, close } = await scratchDatabase('events_scale', 'opinion_event');
  const results: Figures[] = [];
  const steps: Record<string, number> = {};
  try {
    const q = (text: string, values?: unknown[]) => pool.query(text, values);
    // Keys go too (the indexes are gone already), and come back after the fill.
    for (const { conname } of (
      await q(`SELECT conname FROM pg_constraint WHERE conrelid = 'opinion_event'::regclass AND contype IN ('f', 'p')`)
    ).rows as { conname: string }[])
      await q(`ALTER TABLE opinion_event DROP CONSTRAINT ${conname}`);
    await q(`ALTER TABLE opinion_event SET UNLOGGED`);
    const unit = await q(
      `INSERT INTO organization (name, kind, path) VALUES ('某区住房和城乡建设局', 'department', 'u1') RETURNING id`,
    );
    const unitId = Number(unit.rows[0].id);

    // The fill, in id order (identity), in slices so both cores work and progress shows.
    let t0 = process.hrtime.bigint();
    const rows = (OPINIONS + 9 * SPREAD) * 10;
    const slice = 5_000_000;
    for (let from = 0; from < rows; from += slice * 2) {
      await Promise.all(
        [from, from + slice].map((start) =>
          start >= rows
            ? null
            : q(
                `INSERT INTO opinion_event (opinion_id, action, from_state, to_state, actor_kind, actor_id, actor_name, unit_id, data, at)
                 SELECT o, a[k + 1], 'registered', 'sorted', 'staff', NULL, '联络员', $4::bigint,
                        CASE k WHEN 0 THEN '{"channel":"reception"}'::jsonb WHEN 7 THEN '{"round":0}'::jsonb ELSE '{}'::jsonb END,
                        timestamptz '2025-01-01' + (i::float8 / $5) * interval '5 years'
                   FROM generate_series($1::bigint, $2::bigint) i,
                        LATERAL (SELECT (i % 10)::int AS k) kk,
                        LATERAL (SELECT i / 10 - kk.k * $3::bigint AS o) oo,
                        LATERAL (SELECT $6::text[] AS a) aa
                  WHERE o BETWEEN 1 AND ${OPINIONS}`,
                [start, Math.min(start + slice, rows) - 1, SPREAD, unitId, rows, ACTIONS],
              ),
        ),
      );
      process.stderr.write(
        `\r  filled ${Math.min(from + slice * 2, rows).toLocaleString('en')} of ${rows.toLocaleString('en')} slots, ${(ms(t0) / 1000).toFixed(0)} s`,
      );
    }
    steps.fillSeconds = ms(t0) / 1000;
    console.error('');
    await rebuild(steps);
    const size = await q(
      `SELECT count(*)::bigint AS n, pg_table_size('opinion_event') AS heap, pg_indexes_size('opinion_event') AS idx,
              max(id) AS last FROM opinion_event`,
    );
    const total = Number(size.rows[0].n);
    const lastId = Number(size.rows[0].last);
    console.error(
      `  ${total.toLocaleString('en')} events; heap ${(size.rows[0].heap / 2 ** 30).toFixed(1)} GiB, indexes ${(size.rows[0].idx / 2 ** 30).toFixed(1)} GiB`,
    );

    const rnd = crypto.createHash('sha256');
    let seed = 0;
    /** A seeded pseudo-random opinion id (the same run every time). */
    const someOpinion = () => {
      rnd.update(String(seed++));
      return 1 + (rnd.copy().digest().readUInt32BE(0) % OPINIONS);
    };
    const reads: [string, (c: pg.PoolClient) => Promise<unknown>][] = [
      [
        "an opinion's timeline (console, portal)",
        (c) =>
          c.query(
            `SELECT e.id, e.action, e.from_state, e.to_state, e.actor_kind, e.actor_name, u.name AS unit_name,
                    e.note, e.public_note, e.data, e.at
               FROM opinion_event e LEFT JOIN organization u ON u.id = e.unit_id
              WHERE e.opinion_id = $1 ORDER BY e.id`,
            [someOpinion()],
          ),
      ],
      [
        "the opinion view's event subqueries (escalated? fed back? when?)",
        (c) =>
          c.query(
            `SELECT EXISTS (SELECT 1 FROM opinion_event e WHERE e.opinion_id = $1 AND e.action = 'escalate') AS was_escalated,
                    EXISTS (SELECT 1 FROM opinion_event e WHERE e.opinion_id = $1 AND e.action = 'feedback'
                             AND e.data @> jsonb_build_object('round', 0)) AS fed_back,
                    (SELECT e.at FROM opinion_event e WHERE e.opinion_id = $1 AND e.action = 'feedback'
                       AND e.data @> jsonb_build_object('round', 0) ORDER BY e.id DESC LIMIT 1) AS fed_back_at`,
            [someOpinion()],
          ),
      ],
      [
        'the statistics catch-up: 3,000 events after a watermark',
        (c) =>
          c.query(`SELECT opinion_id, id FROM opinion_event WHERE id > $1 ORDER BY id LIMIT 3000`, [
            lastId - 3000 - (someOpinion() % 1_000_000),
          ]),
      ],
      ['the newest event id', (c) => c.query(`SELECT max(id) AS id FROM opinion_event`)],
    ];
    for (const [statement, run] of reads)
      for (const concurrency of [1, 10]) {
        const f = await timed(pool, concurrency, LOOKUPS, run);
        results.push({ statement, mode: concurrency === 1 ? 'one at a time' : '10 connections', ...f });
      }

    // Retention, on a partitioned copy of the oldest and the newest tenth of the opinions' events
    // (logged, as the real table is): DELETE of a tenth's rows (which on the real table would also
    // have to set the append-only trigger aside) and VACUUM, against DETACH + DROP of a partition
    // of as many rows.
    const cut = Math.floor(OPINIONS / 10);
    await q(`CREATE TABLE event_part (LIKE opinion_event INCLUDING DEFAULTS) PARTITION BY RANGE (opinion_id)`);
    await q(`CREATE TABLE event_part_old PARTITION OF event_part FOR VALUES FROM (1) TO (${cut + 1})`);
    await q(`CREATE TABLE event_part_new PARTITION OF event_part FOR VALUES FROM (${cut + 1}) TO (MAXVALUE)`);
    t0 = process.hrtime.bigint();
    await q(`INSERT INTO event_part SELECT * FROM opinion_event WHERE opinion_id <= ${cut}`);
    await q(`INSERT INTO event_part SELECT * FROM opinion_event WHERE opinion_id > ${OPINIONS - cut}`);
    await q(`ALTER TABLE event_part ADD PRIMARY KEY (id, opinion_id)`);
    await q(`CREATE INDEX ON event_part (opinion_id, id)`);
    await q(`VACUUM (ANALYZE) event_part`);
    steps.partitionedCopySeconds = ms(t0) / 1000;
    const partitioned = await timed(pool, 1, LOOKUPS, (c) => {
      const o = someOpinion();
      return c.query(`SELECT * FROM event_part WHERE opinion_id = $1 ORDER BY id`, [
        o % 2 ? 1 + (o % cut) : OPINIONS - (o % cut),
      ]);
    });
    results.push({
      statement: "an opinion's timeline, partitioned by opinion range",
      mode: 'one at a time',
      ...partitioned,
    });
    t0 = process.hrtime.bigint();
    const deleted = await q(`DELETE FROM event_part WHERE opinion_id > ${OPINIONS - cut}`);
    steps.deleteSeconds = ms(t0) / 1000;
    steps.deletedRows = deleted.rowCount ?? 0;
    t0 = process.hrtime.bigint();
    await q(`VACUUM event_part`);
    steps.vacuumAfterDeleteSeconds = ms(t0) / 1000;
    steps.detachedRows = Number((await q(`SELECT count(*) AS n FROM event_part_old`)).rows[0].n);
    t0 = process.hrtime.bigint();
    await q(`ALTER TABLE event_part DETACH PARTITION event_part_old`);
    await q(`DROP TABLE event_part_old`);
    steps.detachAndDropSeconds = ms(t0) / 1000;

    console.log(
      `\nopinion_event at ${total.toLocaleString('en')} rows (${OPINIONS.toLocaleString('en')} opinions), ${LOOKUPS} reads each`,
    );
    console.log(
      `${'statement'.padEnd(66)} ${'mode'.padEnd(15)} ${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'max ms'.padStart(7)}`,
    );
    for (const r of results)
      console.log(
        `${r.statement.padEnd(66)} ${r.mode.padEnd(15)} ${[r.p50, r.p95, r.p99, r.max].map((x) => x.toFixed(2).padStart(7)).join(' ')}`,
      );
    reportScaleRun('events-scale', steps, { events: total, opinions: OPINIONS, results });
  } finally {
    await pool.end().catch(() => null);
    await close();
  }
}

await main();
