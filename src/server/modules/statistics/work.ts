// Deputies' suggestions and livelihood projects in the statistics: rollups kept by the catch-up
// (`rollup.ts`, by the difference of facts like the opinions'), read like the others.
import { sql } from 'kysely';
import {
  suggestionRateDefinitions,
  suggestionRateKeys,
  type SuggestionFigures,
  type WorkDrillPage,
  type WorkDrillQuery,
  type WorkStats,
} from '../../../contracts/statistics.js';
import type { Db } from '../../db/database.js';
import { can, type Actor } from '../../platform/access/policy.js';
import { chinaToday } from '../../platform/calendar/dates.js';
import { readDb, type Platform } from '../../platform/context.js';
import { AppError } from '../../platform/errors/errors.js';
import { deputyOrgsSql } from '../deputies/stat-source.js';
import { projectFacts, projectRowsByIds } from '../projects/rollup-source.js';
import {
  suggestionFacts,
  suggestionMeasures,
  suggestionRows,
  suggestionUnitFacts,
} from '../suggestions/rollup-source.js';
import { ratio, type Sums } from './figures.js';
import { periodsOf, resolveScope, type Periods, type StatScope } from './scope.js';

const sums = sql.raw(suggestionMeasures.map((m) => `coalesce(sum(r.${m}), 0)::float8 AS ${m}`).join(', '));

/** The suggestion facts with the lead deputy's organisation (org_id): a station's deputies' suggestions are the station's. */
export const areaFacts = (today: string) => sql`SELECT x.*, dep.org_id FROM (${suggestionFacts(today)}) x
  JOIN (${deputyOrgsSql}) dep ON dep.deputy_id = x.lead_deputy_id`;

/** The figures of one set of suggestion sums, every rate from its one definition. */
export function suggestionFiguresOf(s: Sums): SuggestionFigures {
  const get = (k: string) => Number(s[k] ?? 0);
  const rates = Object.fromEntries(
    suggestionRateKeys.map((k) => {
      const d = suggestionRateDefinitions[k];
      return [k, { num: get(d.num), den: get(d.den), value: ratio(get(d.num), get(d.den)) }];
    }),
  ) as SuggestionFigures['rates'];
  return {
    submitted: get('submitted'),
    counted: get('counted'),
    answered: get('answered'),
    rates,
    classes: { A: get('class_a'), B: get('class_b'), C: get('class_c'), D: get('class_d') },
    redo: get('redo'),
    overdue: get('overdue'),
  };
}

const inPeriod = (p: { from: string; to: string }) => sql`r.day BETWEEN ${p.from}::date AND ${p.to}::date`;

/** Suggestions (by the lead deputy's organisation; a unit: its own answers) and projects of the scope in the period. */
export async function workStats(db: Db, s: StatScope, ps: Periods): Promise<WorkStats> {
  const years = { from: Number(ps.period.from.slice(0, 4)), to: Number(ps.period.to.slice(0, 4)) };
  const area = s.kind === 'area';
  const scoped = sql`g.path <@ ${s.path}::ltree`;
  const [totals, byState, units, projects] = await Promise.all([
    area
      ? sql<Sums>`SELECT ${sums} FROM stat_suggestion_day r JOIN organization g ON g.id = r.org_id
          WHERE ${scoped} AND ${inPeriod(ps.period)}`.execute(db)
      : sql<Sums>`SELECT ${sums} FROM stat_suggestion_unit_day r JOIN organization g ON g.id = r.unit_id
          WHERE ${scoped} AND ${inPeriod(ps.period)}`.execute(db),
    area
      ? sql<{ state: string; count: number }>`SELECT r.state, sum(r.submitted)::int AS count
          FROM stat_suggestion_day r JOIN organization g ON g.id = r.org_id
          WHERE ${scoped} AND ${inPeriod(ps.period)} GROUP BY 1 ORDER BY 2 DESC, 1`.execute(db)
      : { rows: [] },
    sql<Sums & { id: string; name: string }>`SELECT g.id, g.name, ${sums}
      FROM stat_suggestion_unit_day r JOIN organization g ON g.id = r.unit_id
      WHERE ${scoped} AND ${inPeriod(ps.period)} GROUP BY g.id, g.name`.execute(db),
    sql<{ state: string; rating: string; count: number; cost: string }>`
      SELECT r.state, r.rating, sum(r.projects)::int AS count, sum(r.cost)::text AS cost
      FROM stat_project_year r JOIN organization g ON g.id = ${sql.raw(area ? 'r.org_id' : 'r.unit_id')}
      WHERE ${scoped} AND r.year BETWEEN ${years.from} AND ${years.to} GROUP BY 1, 2`.execute(db),
  ]);
  const byProjectState = new Map<string, { count: number; cost: number }>();
  const byRating = new Map<string, number>();
  for (const r of projects.rows) {
    const st = byProjectState.get(r.state) ?? { count: 0, cost: 0 };
    byProjectState.set(r.state, { count: st.count + r.count, cost: st.cost + Number(r.cost) });
    byRating.set(r.rating, (byRating.get(r.rating) ?? 0) + r.count);
  }
  const unitRows = units.rows
    .map((u) => ({ id: Number(u.id), name: u.name, figures: suggestionFiguresOf(u) }))
    .sort((a, b) => b.figures.counted - a.figures.counted || a.name.localeCompare(b.name, 'zh-CN'));
  return {
    suggestions: { totals: suggestionFiguresOf(totals.rows[0] ?? {}), byState: byState.rows, units: unitRows },
    projects: {
      years,
      total: [...byProjectState.values()].reduce((a, x) => a + x.count, 0),
      cost: [...byProjectState.values()].reduce((a, x) => a + x.cost, 0),
      byState: [...byProjectState].map(([state, x]) => ({ state, ...x })).sort((a, b) => b.count - a.count),
      byRating: [...byRating].map(([rating, count]) => ({ rating, count })).sort((a, b) => b.count - a.count),
    },
  };
}

const LIST_MAX = 500;

/**
 * The suggestions or projects behind a figure: the same fact rows the rollups sum, filtered by
 * the figure's measure. Titles are listed only to who may read them: the district committee
 * (`suggestion.read` / `project.read` over the scope) and a unit for its own.
 */
export async function workDrill(p: Platform, actor: Actor, q: WorkDrillQuery): Promise<WorkDrillPage> {
  const s = await resolveScope(readDb(p), actor, q.orgId);
  const { period } = periodsOf(q);
  const grant = q.kind === 'suggestion' ? 'suggestion.read' : 'project.read';
  const readable = s.kind === 'unit' || can(actor, grant, { orgPath: s.path });
  if (!readable) throw new AppError('FORBIDDEN');
  if (q.kind === 'project') {
    const col = sql.raw(s.kind === 'area' ? 'x.org_id' : 'x.unit_id');
    const { rows } = await sql<{ id: string }>`SELECT x.id FROM (${projectFacts}) x JOIN organization g ON g.id = ${col}
      WHERE g.path <@ ${s.path}::ltree
        AND x.year BETWEEN ${Number(period.from.slice(0, 4))} AND ${Number(period.to.slice(0, 4))}
        ${q.state ? sql`AND x.state = ${q.state}` : sql``}
        ${q.rating !== undefined ? sql`AND x.rating = ${q.rating}` : sql``}
      ORDER BY x.id DESC LIMIT ${LIST_MAX + 1}`.execute(readDb(p));
    const list = await projectRowsByIds(
      readDb(p),
      rows.slice(0, LIST_MAX).map((r) => Number(r.id)),
    );
    return {
      items: list.map((r) => ({
        id: r.id,
        number: String(r.year),
        title: r.title,
        state: r.state,
        detail: r.unitName ?? '',
      })),
      truncated: rows.length > LIST_MAX,
    };
  }
  let cond = `x.${q.figure} > 0`;
  if ((suggestionRateKeys as readonly string[]).includes(q.figure)) {
    const d = suggestionRateDefinitions[q.figure as keyof typeof suggestionRateDefinitions];
    cond = q.part === 'met' ? `x.${d.num} > 0` : q.part === 'missed' ? `x.${d.den} > x.${d.num}` : `x.${d.den} > 0`;
  }
  const unit = s.kind === 'unit' || q.unitId !== undefined;
  const today = chinaToday();
  const { rows } = await sql<{ id: string }>`
    SELECT DISTINCT x.id FROM (${unit ? suggestionUnitFacts(today) : areaFacts(today)}) x
    JOIN organization g ON g.id = ${sql.raw(unit ? 'x.unit_id' : 'x.org_id')}
    WHERE g.path <@ ${s.path}::ltree AND x.day BETWEEN ${period.from}::date AND ${period.to}::date
      AND ${sql.raw(cond)}
      ${q.unitId !== undefined ? sql`AND x.unit_id = ${q.unitId}` : sql``}
      ${q.state && !unit ? sql`AND x.state = ${q.state}` : sql``}
    ORDER BY x.id DESC LIMIT ${LIST_MAX + 1}`.execute(readDb(p));
  const list = await suggestionRows(
    readDb(p),
    rows.slice(0, LIST_MAX).map((r) => Number(r.id)),
  );
  return {
    items: list.map((r) => ({
      id: r.id,
      number: r.number,
      title: r.title,
      state: r.state,
      detail: r.submittedAt?.slice(0, 10) ?? '',
    })),
    truncated: rows.length > LIST_MAX,
  };
}
