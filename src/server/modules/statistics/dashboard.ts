// The dashboard: every figure read from the rollups (never from the opinion table), for the scope
// the actor may see, in the period asked for, the one before it and the same one a year ago.
import { sql, type RawBuilder } from 'kysely';
import type { Dashboard, DashboardQuery, RankedRow } from '../../../contracts/statistics.js';
import type { Db } from '../../db/database.js';
import { addDays } from '../../platform/calendar/dates.js';
import type { Actor } from '../../platform/access/policy.js';
import type { Lang } from '../../platform/errors/errors.js';
import { readDb, type Platform } from '../../platform/context.js';
import { deputyNames } from '../deputies/names.js';
import { listCategories } from '../opinions/categories.js';
import { figuresOf, ranked, type Kind, type Sums } from './figures.js';
import { summed } from './measures.js';
import { rollupState } from './rollup.js';
import { periodsOf, resolveScope, type Periods, type StatScope } from './scope.js';
import { KeptAnswers } from '../../platform/kept.js';

const sums = (kind: Kind) => sql.raw(summed[kind].map((m) => `coalesce(sum(r.${m}), 0)::float8 AS ${m}`).join(', '));

/** The unit rollup rows of a unit scope, with the unit joined as `g`. */
const unitSource = sql`stat_unit_day r JOIN organization g ON g.id = r.unit_id`;
const inScope = (s: StatScope) => sql`g.path <@ ${s.path}::ltree`;
const inPeriod = (p: Range) => sql`r.day BETWEEN ${p.from}::date AND ${p.to}::date`;

interface Range {
  from: string;
  to: string;
}

const lastOfMonth = (day: string) => addDays(`${addMonthsDay(`${day.slice(0, 7)}-01`, 1).slice(0, 7)}-01`, -1);

/** A period as whole months (read from the monthly rollups) and the days at its edges (from the daily ones). */
export function splitPeriod(p: Range): { months: Range | null; days: Range[] } {
  const first = p.from.endsWith('-01') ? p.from : addDays(lastOfMonth(p.from), 1);
  const last = lastOfMonth(p.to) === p.to ? p.to : addDays(`${p.to.slice(0, 7)}-01`, -1);
  if (first > last) return { months: null, days: [p] };
  const days: Range[] = [];
  if (p.from < first) days.push({ from: p.from, to: addDays(first, -1) });
  if (last < p.to) days.push({ from: addDays(last, 1), to: p.to });
  return { months: { from: first, to: `${last.slice(0, 7)}-01` }, days };
}

const columns = (measures: readonly string[]) => sql.raw(measures.map((m) => `r.${m}`).join(', '));

/** Where a kind's rows are kept: the monthly and daily rollup tables and the organisation column. */
const sources = {
  opinion: { monthly: 'stat_org_month', daily: 'stat_org_day', org: 'org_id' },
  category_id: { monthly: 'stat_category_month', daily: 'stat_opinion_day', org: 'org_id' },
  channel: { monthly: 'stat_channel_month', daily: 'stat_opinion_day', org: 'org_id' },
  unit: { monthly: 'stat_unit_month', daily: 'stat_unit_day', org: 'unit_id' },
} as const;

/**
 * The scope's rollup rows in labelled periods, each from the coarsest tables that answer it
 * exactly (whole months from the monthly table, the days at the edges from the daily one):
 * columns p (label), id, name and path (the organisation's: a station or a handling unit), month
 * ('YYYY-MM'), dim (the category or channel when `by` is given) and the measures asked for (by
 * default every measure of the kind).
 */
function scopeRows(
  s: StatScope,
  parts: { label: string; period: Range }[],
  by: keyof typeof sources = s.kind === 'unit' ? 'unit' : 'opinion',
  measures: readonly string[] = summed[by === 'unit' ? 'unit' : 'opinion'],
) {
  const selects: RawBuilder<unknown>[] = [];
  const src = sources[by];
  const cols = columns(measures);
  const dim = sql.raw(by === 'category_id' || by === 'channel' ? `r.${by}::text` : 'NULL::text');
  const from = (table: string) =>
    sql`${sql.table(table)} r JOIN organization g ON g.id = ${sql.ref(`r.${src.org}`)} WHERE ${inScope(s)}`;
  for (const { label, period } of parts) {
    const split = splitPeriod(period);
    if (split.months)
      selects.push(sql`SELECT ${label}::text AS p, g.id, g.name, g.path, to_char(r.month, 'YYYY-MM') AS month, ${dim} AS dim, ${cols}
        FROM ${from(src.monthly)} AND r.month BETWEEN ${split.months.from}::date AND ${split.months.to}::date`);
    for (const d of split.days)
      selects.push(sql`SELECT ${label}::text AS p, g.id, g.name, g.path, to_char(r.day, 'YYYY-MM') AS month, ${dim} AS dim, ${cols}
        FROM ${from(src.daily)} AND ${inPeriod(d)}`);
  }
  return sql`(${sql.join(selects, sql` UNION ALL `)}) r`;
}

export async function compared(db: Db, s: StatScope, ps: Periods) {
  const k: Kind = s.kind === 'area' ? 'opinion' : 'unit';
  const parts = [
    { label: 'current', period: ps.period },
    { label: 'previous', period: ps.previous },
    { label: 'lastYear', period: ps.lastYear },
  ];
  const rows = await sql<Sums & { p: string }>`SELECT r.p, ${sums(k)} FROM ${scopeRows(s, parts)} GROUP BY 1`.execute(
    db,
  );
  const of = (p: string) => figuresOf(rows.rows.find((r) => r.p === p) ?? {}, k);
  return { current: of('current'), previous: of('previous'), lastYear: of('lastYear') };
}

async function series(db: Db, s: StatScope, ps: Periods) {
  const byDay = ps.period.to <= addMonthsDay(ps.period.from, 2);
  type Point = { bucket: string; received: number; closed: number };
  const [received, closed] = s.kind === 'unit' ? ['assignments', 'handled'] : ['received', 'closed'];
  let rows: { rows: Point[] };
  if (s.kind === 'unit' && byDay)
    rows = await sql<Point>`
      SELECT to_char(r.day, 'YYYY-MM-DD') AS bucket, sum(r.assignments)::int AS received,
        sum(r.handled)::int AS closed
      FROM ${unitSource} WHERE ${inScope(s)} AND ${inPeriod(ps.period)} GROUP BY 1 ORDER BY 1`.execute(db);
  else if (byDay)
    rows = await sql<Point>`
      SELECT to_char(r.day, 'YYYY-MM-DD') AS bucket, sum(r.received)::int AS received, sum(r.closed)::int AS closed
      FROM stat_org_day r JOIN organization g ON g.id = r.org_id
      WHERE ${inScope(s)} AND ${inPeriod(ps.period)} GROUP BY 1 ORDER BY 1`.execute(db);
  else
    rows = await sql<Point>`
      SELECT r.month AS bucket, sum(r.${sql.raw(received)})::int AS received, sum(r.${sql.raw(closed)})::int AS closed
      FROM ${scopeRows(s, [{ label: 'current', period: ps.period }], undefined, [received, closed])}
      GROUP BY 1 ORDER BY 1`.execute(db);
  return { seriesBy: byDay ? ('day' as const) : ('month' as const), series: rows.rows };
}

function addMonthsDay(day: string, months: number) {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The scope's children (streets of a district, stations of a street) with their figures, ranked. */
async function children(db: Db, s: StatScope, ps: Periods): Promise<RankedRow[]> {
  if (s.kind !== 'area') return [];
  const rows = await sql<Sums & { id: number; name: string }>`
    SELECT c.id, c.name, x.* FROM (
      SELECT subpath(r.path, 0, nlevel(${s.path}::ltree) + 1) AS child, ${sums('opinion')}
      FROM ${scopeRows(s, [{ label: 'current', period: ps.period }])}
      WHERE nlevel(r.path) > nlevel(${s.path}::ltree)
      GROUP BY 1) x
    JOIN organization c ON c.path = x.child`.execute(db);
  return ranked(rows.rows.map((r) => ({ id: Number(r.id), name: r.name, figures: figuresOf(r, 'opinion') })));
}

/** The handling units of the scope's subtree with their own timeliness, ranked. */
async function units(db: Db, s: StatScope, ps: Periods): Promise<RankedRow[]> {
  const rows = await sql<Sums & { id: number; name: string }>`
    SELECT r.id, r.name, ${sums('unit')}
    FROM ${scopeRows(s, [{ label: 'current', period: ps.period }], 'unit')}
    GROUP BY r.id, r.name`.execute(db);
  return ranked(rows.rows.map((r) => ({ id: Number(r.id), name: r.name, figures: figuresOf(r, 'unit') })));
}

/** The 20 deputies with most opinions in the scope, ranked among themselves. */
async function deputies(db: Db, s: StatScope, ps: Periods): Promise<RankedRow[]> {
  if (s.kind !== 'area') return [];
  const rows = await sql<Sums & { id: number }>`
    SELECT r.deputy_id AS id, ${sums('opinion')}
    FROM stat_deputy_day r JOIN organization g ON g.id = r.org_id
    WHERE ${inScope(s)} AND ${inPeriod(ps.period)}
    GROUP BY r.deputy_id ORDER BY sum(r.received) DESC, r.deputy_id LIMIT 20`.execute(db);
  const names = new Map(
    (
      await deputyNames(
        db,
        rows.rows.map((r) => Number(r.id)),
      )
    ).map((d) => [d.id, d.name]),
  );
  return ranked(
    rows.rows.map((r) => ({
      id: Number(r.id),
      name: names.get(Number(r.id)) ?? `#${r.id}`,
      figures: figuresOf(r, 'opinion'),
    })),
  );
}

async function breakdowns(p: Platform, s: StatScope, ps: Periods, lang: Lang) {
  const current = [{ label: 'current', period: ps.period }];
  const [cats, channels, receptions, list] = await Promise.all([
    s.kind === 'area'
      ? sql<{ id: number; received: number }>`
          SELECT r.dim::bigint AS id, sum(r.received)::int AS received FROM ${scopeRows(s, current, 'category_id', ['received'])}
          GROUP BY 1 ORDER BY 2 DESC`.execute(readDb(p))
      : sql<{ id: number; received: number }>`
          SELECT r.category_id AS id, sum(r.assignments)::int AS received FROM ${unitSource}
          WHERE ${inScope(s)} AND ${inPeriod(ps.period)} GROUP BY 1 ORDER BY 2 DESC`.execute(readDb(p)),
    s.kind === 'area'
      ? sql<{ channel: string; received: number }>`
          SELECT r.dim AS channel, sum(r.received)::int AS received FROM ${scopeRows(s, current, 'channel', ['received'])}
          GROUP BY 1 ORDER BY 2 DESC`.execute(readDb(p))
      : { rows: [] },
    s.kind === 'area'
      ? sql<{ held: number; visitors: number; deputies_present: number }>`
          SELECT coalesce(sum(r.held), 0)::int AS held, coalesce(sum(r.visitors), 0)::int AS visitors,
            coalesce(sum(r.deputies_present), 0)::int AS deputies_present
          FROM organization g CROSS JOIN LATERAL (
            -- Per station (its index), not a scan of every station's days joined to the scope.
            SELECT sum(r.held) AS held, sum(r.visitors) AS visitors, sum(r.deputies_present) AS deputies_present
            FROM stat_reception_day r WHERE r.station_id = g.id AND ${inPeriod(ps.period)}) r
          WHERE ${inScope(s)}`.execute(readDb(p))
      : { rows: [] },
    listCategories(p),
  ]);
  const names = new Map(list.map((c) => [c.id, lang === 'en' ? c.nameEn : c.name]));
  const rec = receptions.rows[0];
  return {
    categories: cats.rows.map((c) => ({
      id: Number(c.id),
      name: names.get(Number(c.id)) ?? (lang === 'en' ? 'Unsorted' : '未分类'),
      received: c.received,
    })),
    channels: channels.rows,
    receptions: { held: rec?.held ?? 0, visitors: rec?.visitors ?? 0, deputiesPresent: rec?.deputies_present ?? 0 },
  };
}

/**
 * Dashboards kept per platform (so per process) by scope, period, language and rollup generation,
 * each for at most a minute whatever the generation says (renamed names), 500 at most.
 */
const computed = new WeakMap<Platform, KeptAnswers<Dashboard>>();

/**
 * The dashboard of the actor's scope (or of the street, station or unit asked for within it).
 *
 * Its figures come from the rollups only, which change once per catch-up (every 30 s at most):
 * until the next one, the same scope, period and language give the same answer, so it is kept and
 * answered again (a district's dashboard is opened by many at once, ten queries each). The key
 * holds the rollups' generation, which every catch-up and rebuild moves at its end; a kept answer
 * also expires after a minute (names of units, streets and deputies are read with the figures).
 * Concurrent requests for the same key share one computation. The scope is resolved first, for
 * every request: who may see what is never cached here.
 */
export async function dashboard(p: Platform, actor: Actor, q: DashboardQuery, lang: Lang): Promise<Dashboard> {
  const s = await resolveScope(readDb(p), actor, q.orgId);
  const ps = periodsOf(q);
  const state = await rollupState(readDb(p));
  const key = JSON.stringify([s.kind, s.orgId, s.path, ps, lang, state.generation, state.asOf]);
  let kept = computed.get(p);
  if (!kept) computed.set(p, (kept = new KeptAnswers(60_000, 500)));
  const value = kept.get(key, () => compute(p, s, ps, lang, state.asOf));
  // The scope as resolved now: a renamed street or district shows its new name at once.
  const d = await value;
  return { ...d, scope: { kind: s.kind, orgId: s.orgId, name: s.name } };
}

async function compute(p: Platform, s: StatScope, ps: Periods, lang: Lang, asOf: Date | null): Promise<Dashboard> {
  const [totals, ser, kids, us, deps, parts] = await Promise.all([
    compared(readDb(p), s, ps),
    series(readDb(p), s, ps),
    children(readDb(p), s, ps),
    units(readDb(p), s, ps),
    deputies(readDb(p), s, ps),
    breakdowns(p, s, ps, lang),
  ]);
  return {
    scope: { kind: s.kind, orgId: s.orgId, name: s.name },
    ...ps,
    asOf: asOf?.toISOString() ?? null,
    totals,
    ...ser,
    children: kids,
    units: us,
    deputies: deps,
    ...parts,
  };
}
