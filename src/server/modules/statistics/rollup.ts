// Keeping the rollups current. Each opinion has one fact row (and one per lead assignment): when an
// opinion has new events its facts are recomputed from the system of record, and the difference
// between the new and the stored facts is added to the rollups. Recomputing is idempotent, so an
// event read twice does no harm; that is what lets the catch-up re-read the last two minutes of
// events and never miss one whose transaction committed late.
import { refreshWork } from './work.js';
import { sql, type RawBuilder } from 'kysely';
import { inTransaction, type Db, type Tx } from '../../db/database.js';
import { addDays, chinaToday } from '../../platform/calendar/dates.js';
import {
  assignmentFactsSql,
  lastOpinionEventId,
  opinionFactsSql,
  opinionsChangedSince,
} from '../opinions/rollup-source.js';
import { receptionDayRange, receptionDays } from '../receptions/rollup-source.js';
import { bucketMinutes, histColumns, opinionMeasures, summed, unitMeasures } from './measures.js';

/** Advisory lock key shared by the catch-up and the rebuild (one at a time). */
const LOCK = 7_150_015;
/** Events are re-read for this long after they were first read (a late commit is still seen). */
const SAFETY_MS = 120_000;
/** Events read per chunk (one transaction each). */
const CHUNK = 5_000;
/** Receptions change for a while after their day (records, sign-ins): these days are recomputed each run. */
const RECEPTION_DAYS_BACK = 120;
const RECEPTION_DAYS_AHEAD = 60;

const raw = (cols: readonly string[], f: (c: string) => string, sep = ', ') => sql.raw(cols.map(f).join(sep));
const histOf = (bucket: string) =>
  raw(histColumns, (h) => `(${bucket} IS NOT DISTINCT FROM ${h.slice(1)})::int AS ${h}`);

/** A rollup: its table and its dimensions, each a column name and the expression over a fact row. */
interface Rollup {
  table: string;
  dims: readonly (readonly [string, string])[];
  /** Facts that count in it (the deputy rollup: those with deputies). */
  where?: string;
}

interface Kind {
  fact: string;
  measures: readonly string[];
  /** The measure every fact has 1 of: a group where it sums to 0 holds no fact. */
  count: string;
  rollups: readonly Rollup[];
  source: (ids: readonly number[] | null) => RawBuilder<unknown>;
}

const same = (...cols: string[]) => cols.map((c) => [c, c] as const);
const MONTH = ['month', `date_trunc('month', day)::date`] as const;

const opinionKind: Kind = {
  fact: 'stat_opinion_fact',
  measures: summed.opinion,
  count: 'received',
  rollups: [
    { table: 'stat_opinion_day', dims: same('day', 'org_id', 'category_id', 'channel', 'state') },
    { table: 'stat_org_day', dims: same('day', 'org_id') },
    { table: 'stat_org_month', dims: [MONTH, ...same('org_id')] },
    { table: 'stat_category_month', dims: [MONTH, ...same('org_id', 'category_id')] },
    { table: 'stat_channel_month', dims: [MONTH, ...same('org_id', 'channel')] },
    {
      table: 'stat_deputy_day',
      dims: [
        ['day', 'day'],
        ['deputy_id', 'unnest(deputy_ids)'],
        ['org_id', 'org_id'],
      ],
      where: 'cardinality(deputy_ids) > 0',
    },
  ],
  source: (ids) => sql`SELECT s.opinion_id, s.day, s.org_id, s.category_id, s.channel, s.state, s.deputy_ids,
      ${raw(opinionMeasures, (m) => `s.${m}`)}, ${histOf('s.bucket')}
    FROM (${opinionFactsSql(ids, bucketMinutes)}) s`,
};

const unitKind: Kind = {
  fact: 'stat_assignment_fact',
  measures: summed.unit,
  count: 'assignments',
  rollups: [{ table: 'stat_unit_day', dims: same('day', 'unit_id', 'category_id') }],
  source: (ids) => sql`SELECT s.assignment_id, s.opinion_id, s.day, s.unit_id, s.category_id,
      ${raw(unitMeasures, (m) => `s.${m}`)}, ${histOf('s.bucket')}
    FROM (${assignmentFactsSql(ids, bucketMinutes)}) s`,
};

/** The rollup's rows from the facts in `table`, each measure times `sign`. */
function rowsOf(r: Rollup, measures: readonly string[], table: string, sign: '' | '-') {
  return `SELECT ${r.dims.map(([name, expr]) => `${expr} AS ${name}`).join(', ')},
      ${measures.map((m) => `${sign}${m} AS ${m}`).join(', ')}
    FROM ${table}${r.where ? ` WHERE ${r.where}` : ''}`;
}

/** Adds the rows of `from` to the rollup, grouped by its dimensions. */
function addToRollup(trx: Tx, r: Rollup, measures: readonly string[], from: string) {
  const dims = r.dims.map(([name]) => name);
  return sql`
    INSERT INTO ${sql.table(r.table)} (${raw(dims, (d) => d)}, ${raw(measures, (m) => m)})
    SELECT ${raw(dims, (d) => d)}, ${raw(measures, (m) => `sum(${m})`)} FROM (${sql.raw(from)}) x
    GROUP BY ${raw(dims, (d) => d)}
    ON CONFLICT (${raw(dims, (d) => d)}) DO UPDATE SET
      ${raw(measures, (m) => `${m} = ${r.table}.${m} + excluded.${m}`)}`.execute(trx);
}

/** Recomputes the facts of one kind for these opinions and moves the rollups by the difference. */
async function refreshKind(trx: Tx, k: Kind, ids: readonly number[]) {
  const fresh = `stat_new_${k.fact}`;
  const stale = `stat_old_${k.fact}`;
  await sql`DROP TABLE IF EXISTS ${sql.table(fresh)}, ${sql.table(stale)}`.execute(trx);
  await sql`CREATE TEMP TABLE ${sql.table(fresh)} ON COMMIT DROP AS ${k.source(ids)}`.execute(trx);
  await sql`CREATE TEMP TABLE ${sql.table(stale)} ON COMMIT DROP AS
    SELECT * FROM ${sql.table(k.fact)} WHERE opinion_id = ANY(${sql.val(ids)}::bigint[])`.execute(trx);
  for (const r of k.rollups) {
    await addToRollup(
      trx,
      r,
      k.measures,
      `${rowsOf(r, k.measures, fresh, '')} UNION ALL ${rowsOf(r, k.measures, stale, '-')}`,
    );
    // Groups left without any fact hold only zeros: drop them.
    const [first, expr] = r.dims[0]!;
    await sql`DELETE FROM ${sql.table(r.table)} WHERE ${sql.ref(k.count)} = 0 AND ${sql.ref(first)} IN
      (SELECT ${sql.raw(expr)} FROM ${sql.table(fresh)} UNION SELECT ${sql.raw(expr)} FROM ${sql.table(stale)})`.execute(
      trx,
    );
  }
  await sql`DELETE FROM ${sql.table(k.fact)} WHERE opinion_id = ANY(${sql.val(ids)}::bigint[])`.execute(trx);
  await sql`INSERT INTO ${sql.table(k.fact)} SELECT * FROM ${sql.table(fresh)}`.execute(trx);
}

/** Brings the rollups of these opinions up to date, in the caller's transaction. */
export async function refreshOpinions(trx: Tx, ids: readonly number[]) {
  if (!ids.length) return;
  await refreshKind(trx, opinionKind, ids);
  await refreshKind(trx, unitKind, ids);
}

/** Recomputes the reception rollup for the days from `from` to `to`. */
async function refreshReceptions(trx: Tx, from: string, to: string) {
  const rows = await receptionDays(trx, from, to);
  await sql`DELETE FROM stat_reception_day WHERE day BETWEEN ${from}::date AND ${to}::date`.execute(trx);
  for (let i = 0; i < rows.length; i += 1000)
    await trx
      .insertInto('stat_reception_day')
      .values(rows.slice(i, i + 1000))
      .execute();
}

interface Mark {
  at: number;
  id: number;
}

/**
 * Reads the events since the watermark and refreshes the opinions they touch, chunk by chunk;
 * then receptions of recent days. Returns how many opinions were refreshed and the last event id.
 */
export async function catchUp(db: Db, now = new Date()) {
  const wm = await db.selectFrom('stat_watermark').selectAll().where('name', '=', 'opinions').executeTakeFirst();
  let cursor = Number(wm?.safe_id ?? 0);
  let refreshed = 0;
  for (;;) {
    const changed = await opinionsChangedSince(db, cursor, CHUNK);
    if (changed.ids.length)
      await inTransaction(db, async (trx) => {
        await sql`SELECT pg_advisory_xact_lock(${LOCK})`.execute(trx);
        await refreshOpinions(trx, changed.ids);
      });
    refreshed += changed.ids.length;
    cursor = changed.lastId;
    if (!changed.full) break;
  }
  const today = chinaToday(now);
  await inTransaction(db, async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${LOCK})`.execute(trx);
    await refreshReceptions(trx, addDays(today, -RECEPTION_DAYS_BACK), addDays(today, RECEPTION_DAYS_AHEAD));
    await refreshWork(trx, today);
    // The watermark moves to the last id read more than SAFETY_MS ago.
    const cur = await trx
      .selectFrom('stat_watermark')
      .selectAll()
      .where('name', '=', 'opinions')
      .forUpdate()
      .executeTakeFirst();
    const marks = [...((cur?.recent as Mark[] | undefined) ?? []), { at: now.getTime(), id: cursor }];
    const settled = marks.filter((m) => m.at <= now.getTime() - SAFETY_MS);
    const safe = Math.max(Number(cur?.safe_id ?? 0), ...settled.map((m) => m.id));
    const recent = JSON.stringify(marks.filter((m) => m.at > now.getTime() - SAFETY_MS));
    await trx
      .insertInto('stat_watermark')
      .values({ name: 'opinions', safe_id: safe, recent, updated_at: now })
      .onConflict((oc) => oc.column('name').doUpdateSet({ safe_id: safe, recent, updated_at: now }))
      .execute();
  });
  return { refreshed, lastEventId: cursor };
}

/**
 * Throws away every rollup and recomputes it from the system of record, in one transaction (the
 * `liaison statistics rebuild` command; also the test's reference).
 */
export async function rebuild(db: Db) {
  return inTransaction(db, async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${LOCK})`.execute(trx);
    const lastId = await lastOpinionEventId(trx);
    // DELETE, not TRUNCATE: the application role may not truncate.
    for (const k of [opinionKind, unitKind]) {
      await sql`DELETE FROM ${sql.table(k.fact)}`.execute(trx);
      for (const r of k.rollups) await sql`DELETE FROM ${sql.table(r.table)}`.execute(trx);
    }
    await sql`DELETE FROM stat_reception_day`.execute(trx);
    for (const k of [opinionKind, unitKind]) {
      await sql`INSERT INTO ${sql.table(k.fact)} ${k.source(null)}`.execute(trx);
      for (const r of k.rollups) await addToRollup(trx, r, k.measures, rowsOf(r, k.measures, k.fact, ''));
    }
    const range = await receptionDayRange(trx);
    if (range) await refreshReceptions(trx, range.from, range.to);
    await refreshWork(trx);
    await trx
      .insertInto('stat_watermark')
      .values({ name: 'opinions', safe_id: lastId, recent: '[]', updated_at: new Date() })
      .onConflict((oc) => oc.column('name').doUpdateSet({ safe_id: lastId, recent: '[]', updated_at: new Date() }))
      .execute();
    const { n } = await trx
      .selectFrom('stat_opinion_fact')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return { opinions: Number(n), lastEventId: lastId };
  });
}

/** When the rollups were last brought up to date (null: never). */
export async function rollupAsOf(db: Db): Promise<Date | null> {
  const wm = await db
    .selectFrom('stat_watermark')
    .select('updated_at')
    .where('name', '=', 'opinions')
    .executeTakeFirst();
  return wm?.updated_at ?? null;
}
