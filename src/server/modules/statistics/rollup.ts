// Keeping the rollups current. Each opinion has one fact row (and one per lead assignment), each
// submitted suggestion one (and one per answering unit), each project one: when an opinion or a
// suggestion has new events (a project: when its fact differs) its facts are recomputed from the
// system of record, and the difference between the new and the stored facts is added to the
// rollups. Recomputing is idempotent, so an event read twice does no harm; that is what lets the
// catch-up re-read the last two minutes of events and never miss one whose transaction committed late.
import { sql, type RawBuilder } from 'kysely';
import { inTransaction, type Db, type Tx } from '../../db/database.js';
import { addDays, chinaToday } from '../../platform/calendar/dates.js';
import { deputyOrgsSql } from '../deputies/stat-source.js';
import {
  assignmentFactsSql,
  lastOpinionEventId,
  opinionFactsSql,
  opinionsChangedSince,
} from '../opinions/rollup-source.js';
import { projectFacts } from '../projects/rollup-source.js';
import { receptionDayRange, receptionDays } from '../receptions/rollup-source.js';
import { lastSuggestionEventId, dueSuggestionIdsSql, suggestionsChangedSince } from '../suggestions/rollup-changes.js';
import { suggestionMeasures, suggestionUnitFacts } from '../suggestions/rollup-source.js';
import { bucketMinutes, histColumns, opinionMeasures, summed, unitMeasures } from './measures.js';
import { areaFacts } from './work.js';

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
  /** The column naming the thing a fact belongs to (an opinion, a suggestion, a project). */
  key: string;
  measures: readonly string[];
  /** The measure every fact has 1 of: a group where it sums to 0 holds no fact. */
  count: string;
  rollups: readonly Rollup[];
  /** The facts of these things (all: null) as of `today`, in the fact table's column order. */
  source: (ids: readonly number[] | null, today: string) => RawBuilder<unknown>;
}

const same = (...cols: string[]) => cols.map((c) => [c, c] as const);
const MONTH = ['month', `date_trunc('month', day)::date`] as const;

const opinionKind: Kind = {
  fact: 'stat_opinion_fact',
  key: 'opinion_id',
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
  key: 'opinion_id',
  measures: summed.unit,
  count: 'assignments',
  rollups: [
    { table: 'stat_unit_day', dims: same('day', 'unit_id', 'category_id') },
    { table: 'stat_unit_month', dims: [MONTH, ...same('unit_id')] },
  ],
  source: (ids) => sql`SELECT s.assignment_id, s.opinion_id, s.day, s.unit_id, s.category_id,
      ${raw(unitMeasures, (m) => `s.${m}`)}, ${histOf('s.bucket')}
    FROM (${assignmentFactsSql(ids, bucketMinutes)}) s`,
};

const only = (ids: readonly number[] | null) => (ids ? sql`WHERE x.id = ANY(${ids}::bigint[])` : sql``);

const suggestionKind: Kind = {
  fact: 'stat_suggestion_fact',
  key: 'suggestion_id',
  measures: suggestionMeasures,
  count: 'submitted',
  rollups: [{ table: 'stat_suggestion_day', dims: same('day', 'org_id', 'state') }],
  source: (ids, today) => sql`SELECT x.id AS suggestion_id, x.day, x.lead_deputy_id, x.org_id, x.state,
      ${raw(suggestionMeasures, (m) => `x.${m}`)}
    FROM (${areaFacts(today)}) x ${only(ids)}`,
};

const suggestionUnitKind: Kind = {
  fact: 'stat_suggestion_unit_fact',
  key: 'suggestion_id',
  measures: suggestionMeasures,
  count: 'submitted',
  rollups: [{ table: 'stat_suggestion_unit_day', dims: same('day', 'unit_id') }],
  source: (
    ids,
    today,
  ) => sql`SELECT x.id AS suggestion_id, x.unit_id, x.day, ${raw(suggestionMeasures, (m) => `x.${m}`)}
    FROM (${suggestionUnitFacts(today)}) x ${only(ids)}`,
};

const projectKind: Kind = {
  fact: 'stat_project_fact',
  key: 'project_id',
  measures: ['projects', 'cost'],
  count: 'projects',
  rollups: [{ table: 'stat_project_year', dims: same('year', 'org_id', 'unit_id', 'state', 'rating') }],
  source: (ids) => sql`SELECT x.id AS project_id, x.year, x.org_id, x.unit_id, x.state, x.rating, 1 AS projects, x.cost
    FROM (${projectFacts}) x ${only(ids)}`,
};

const kinds = [opinionKind, unitKind, suggestionKind, suggestionUnitKind, projectKind];

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

/** Recomputes the facts of one kind for these things and moves the rollups by the difference. */
async function refreshKind(trx: Tx, k: Kind, ids: readonly number[], today = chinaToday()) {
  if (!ids.length) return;
  const fresh = `stat_new_${k.fact}`;
  const stale = `stat_old_${k.fact}`;
  await sql`DROP TABLE IF EXISTS ${sql.table(fresh)}, ${sql.table(stale)}`.execute(trx);
  await sql`CREATE TEMP TABLE ${sql.table(fresh)} ON COMMIT DROP AS ${k.source(ids, today)}`.execute(trx);
  await sql`CREATE TEMP TABLE ${sql.table(stale)} ON COMMIT DROP AS
    SELECT * FROM ${sql.table(k.fact)} WHERE ${sql.ref(k.key)} = ANY(${sql.val(ids)}::bigint[])`.execute(trx);
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
  await sql`DELETE FROM ${sql.table(k.fact)} WHERE ${sql.ref(k.key)} = ANY(${sql.val(ids)}::bigint[])`.execute(trx);
  await sql`INSERT INTO ${sql.table(k.fact)} SELECT * FROM ${sql.table(fresh)}`.execute(trx);
}

/** Brings the rollups of these opinions up to date, in the caller's transaction. */
export async function refreshOpinions(trx: Tx, ids: readonly number[]) {
  await refreshKind(trx, opinionKind, ids);
  await refreshKind(trx, unitKind, ids);
}

/** Brings the rollups of these suggestions up to date, in the caller's transaction. */
async function refreshSuggestions(trx: Tx, ids: readonly number[], today: string) {
  await refreshKind(trx, suggestionKind, ids, today);
  await refreshKind(trx, suggestionUnitKind, ids, today);
}

/**
 * Which of these things (all: null) have facts today that differ from the stored ones: for what
 * changes with no event (a project; a deadline passing; a deputy moving to another station).
 */
async function differing(trx: Tx, k: Kind, ids: readonly number[] | null, today: string) {
  const stored = sql`SELECT * FROM ${sql.table(k.fact)} ${ids ? sql`WHERE ${sql.ref(k.key)} = ANY(${ids}::bigint[])` : sql``}`;
  const { rows } = await sql<{ id: string }>`SELECT DISTINCT d.${sql.ref(k.key)} AS id FROM (
      (SELECT * FROM (${k.source(ids, today)}) a EXCEPT ${stored})
      UNION ALL
      (${stored} EXCEPT SELECT * FROM (${k.source(ids, today)}) b)) d`.execute(trx);
  return rows.map((r) => Number(r.id));
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

type ChangedSince = (
  db: Db,
  afterId: number,
  limit: number,
) => Promise<{ ids: number[]; lastId: number; full: boolean }>;

/** Reads one event stream since its watermark and refreshes what it touches, chunk by chunk. */
async function follow(
  db: Db,
  name: string,
  changedSince: ChangedSince,
  refresh: (trx: Tx, ids: readonly number[]) => Promise<void>,
) {
  const wm = await db.selectFrom('stat_watermark').selectAll().where('name', '=', name).executeTakeFirst();
  let cursor = Number(wm?.safe_id ?? 0);
  let refreshed = 0;
  for (;;) {
    const changed = await changedSince(db, cursor, CHUNK);
    if (changed.ids.length)
      await inTransaction(db, async (trx) => {
        await sql`SELECT pg_advisory_xact_lock(${LOCK})`.execute(trx);
        await refresh(trx, changed.ids);
      });
    refreshed += changed.ids.length;
    cursor = changed.lastId;
    if (!changed.full) break;
  }
  return { refreshed, cursor };
}

/** Moves a stream's watermark to the last id read more than SAFETY_MS ago. */
async function advance(trx: Tx, name: string, cursor: number, now: Date) {
  const cur = await trx
    .selectFrom('stat_watermark')
    .selectAll()
    .where('name', '=', name)
    .forUpdate()
    .executeTakeFirst();
  const marks = [...((cur?.recent as Mark[] | undefined) ?? []), { at: now.getTime(), id: cursor }];
  const settled = marks.filter((m) => m.at <= now.getTime() - SAFETY_MS);
  const safe = Math.max(Number(cur?.safe_id ?? 0), ...settled.map((m) => m.id));
  const recent = JSON.stringify(marks.filter((m) => m.at > now.getTime() - SAFETY_MS));
  await setWatermark(trx, name, safe, recent, now);
}

function setWatermark(trx: Tx, name: string, safe: number, recent: string, now: Date) {
  return trx
    .insertInto('stat_watermark')
    .values({ name, safe_id: safe, recent, updated_at: now })
    .onConflict((oc) => oc.column('name').doUpdateSet({ safe_id: safe, recent, updated_at: now }))
    .execute();
}

/**
 * Reads the opinion and suggestion events since their watermarks and refreshes what they touch,
 * chunk by chunk; then what changes with no event (receptions of recent days, suggestions whose
 * deadline passed, suggestions whose deputy moved, projects whose fact differs). Returns how
 * many opinions were refreshed and the last opinion event id.
 */
export async function catchUp(db: Db, now = new Date()) {
  const today = chinaToday(now);
  const opinions = await follow(db, 'opinions', opinionsChangedSince, refreshOpinions);
  const suggestions = await follow(db, 'suggestions', suggestionsChangedSince, (trx, ids) =>
    refreshSuggestions(trx, ids, today),
  );
  await inTransaction(db, async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${LOCK})`.execute(trx);
    await refreshReceptions(trx, addDays(today, -RECEPTION_DAYS_BACK), addDays(today, RECEPTION_DAYS_AHEAD));
    // Past their deadline and not yet counted overdue (a flip back comes with an event), or
    // counted under a station their deputy has left.
    const { rows } = await sql<{ id: string }>`SELECT x.id FROM (${dueSuggestionIdsSql(today)}) x
        LEFT JOIN stat_suggestion_fact f ON f.suggestion_id = x.id WHERE coalesce(f.overdue, 0) = 0
      UNION SELECT f.suggestion_id FROM stat_suggestion_fact f
        JOIN (${deputyOrgsSql}) dep ON dep.deputy_id = f.lead_deputy_id WHERE dep.org_id <> f.org_id`.execute(trx);
    const candidates = rows.map((r) => Number(r.id));
    const drifted = new Set([
      ...(await differing(trx, suggestionKind, candidates, today)),
      ...(await differing(trx, suggestionUnitKind, candidates, today)),
    ]);
    await refreshSuggestions(trx, [...drifted], today);
    await refreshKind(trx, projectKind, await differing(trx, projectKind, null, today), today);
    await advance(trx, 'opinions', opinions.cursor, now);
    await advance(trx, 'suggestions', suggestions.cursor, now);
    await bumpGeneration(trx);
  });
  return { refreshed: opinions.refreshed, lastEventId: opinions.cursor, suggestions: suggestions.refreshed };
}

/**
 * Throws away every rollup and recomputes it from the system of record, in one transaction (the
 * `liaison statistics rebuild` command; also the test's reference).
 */
export async function rebuild(db: Db, now = new Date()) {
  return inTransaction(db, async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${LOCK})`.execute(trx);
    const today = chinaToday(now);
    const lastId = await lastOpinionEventId(trx);
    const lastSuggestionId = await lastSuggestionEventId(trx);
    // DELETE, not TRUNCATE: the application role may not truncate.
    for (const k of kinds) {
      await sql`DELETE FROM ${sql.table(k.fact)}`.execute(trx);
      for (const r of k.rollups) await sql`DELETE FROM ${sql.table(r.table)}`.execute(trx);
    }
    await sql`DELETE FROM stat_reception_day`.execute(trx);
    for (const k of kinds) {
      await sql`INSERT INTO ${sql.table(k.fact)} ${k.source(null, today)}`.execute(trx);
      for (const r of k.rollups) await addToRollup(trx, r, k.measures, rowsOf(r, k.measures, k.fact, ''));
    }
    const range = await receptionDayRange(trx);
    if (range) await refreshReceptions(trx, range.from, range.to);
    await setWatermark(trx, 'opinions', lastId, '[]', now);
    await setWatermark(trx, 'suggestions', lastSuggestionId, '[]', now);
    await bumpGeneration(trx);
    const { n } = await trx
      .selectFrom('stat_opinion_fact')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return { opinions: Number(n), lastEventId: lastId };
  });
}

/**
 * Counts every catch-up and rebuild (the `generation` row's safe_id), at the end of its last
 * transaction: whatever was read from the rollups under one generation may differ under the next.
 * What caches figures keys them by it.
 */
function bumpGeneration(trx: Tx) {
  return sql`
    INSERT INTO stat_watermark (name, safe_id, recent, updated_at) VALUES ('generation', 1, '[]', now())
    ON CONFLICT (name) DO UPDATE SET safe_id = stat_watermark.safe_id + 1, updated_at = now()`.execute(trx);
}

/** When the rollups were last brought up to date (null: never). */
export async function rollupAsOf(db: Db): Promise<Date | null> {
  return (await rollupState(db)).asOf;
}

/** When the rollups were last brought up to date, and their generation (see `bumpGeneration`). */
export async function rollupState(db: Db): Promise<{ asOf: Date | null; generation: number }> {
  const rows = await db
    .selectFrom('stat_watermark')
    .select(['name', 'safe_id', 'updated_at'])
    .where('name', 'in', ['opinions', 'generation'])
    .execute();
  return {
    asOf: rows.find((r) => r.name === 'opinions')?.updated_at ?? null,
    generation: Number(rows.find((r) => r.name === 'generation')?.safe_id ?? 0),
  };
}
