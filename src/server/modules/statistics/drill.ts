// The opinions behind a figure: the same fact rows the rollups sum, filtered by the figure's
// measure, so the list and the number always agree.
import { sql } from 'kysely';
import {
  rateDefinitions,
  rateKeys,
  type DrillPage,
  type DrillQuery,
  type RateKey,
} from '../../../contracts/statistics.js';
import type { Actor } from '../../platform/access/policy.js';
import { readDb, type Platform } from '../../platform/context.js';
import { invalid } from '../../platform/errors/errors.js';
import { opinionSummaries } from '../opinions/rollup-source.js';
import { periodsOf, resolveScope } from './scope.js';

const counts: Record<string, { area: string; unit: string | null }> = {
  received: { area: 'received', unit: 'assignments' },
  overdueOpen: { area: 'overdue_open', unit: 'overdue_open' },
  dueSoon: { area: 'due_soon', unit: 'due_soon' },
  returns: { area: 'returns', unit: 'returns' },
  extensions: { area: 'extensions', unit: 'extensions' },
  closed: { area: 'closed', unit: null },
};

/** The condition on a fact row (alias f) that puts it behind the figure. */
function condition(q: DrillQuery, kind: 'area' | 'unit'): string {
  if ((rateKeys as readonly string[]).includes(q.figure)) {
    const d = rateDefinitions[q.figure as RateKey];
    if (kind === 'unit' && !d.unit)
      throw invalid({ path: 'query.figure', zh: '承办单位没有此项指标', en: 'Units have no such figure' });
    if (q.part === 'met') return `f.${d.num} > 0`;
    if (q.part === 'missed') return `f.${d.den} > f.${d.num}`;
    return `f.${d.den} > 0`;
  }
  const col = counts[q.figure]![kind];
  if (!col) throw invalid({ path: 'query.figure', zh: '承办单位没有此项指标', en: 'Units have no such figure' });
  return `f.${col} > 0`;
}

/** A page of the opinions behind one figure of the dashboard, newest first. */
export async function drill(p: Platform, actor: Actor, q: DrillQuery): Promise<DrillPage> {
  const s = await resolveScope(readDb(p), actor, q.orgId);
  const { period } = periodsOf(q);
  const fact = s.kind === 'area' ? 'stat_opinion_fact' : 'stat_assignment_fact';
  const orgCol = s.kind === 'area' ? 'org_id' : 'unit_id';
  const rows = await sql<{ opinion_id: string; org_name: string }>`
    SELECT DISTINCT f.opinion_id, g.name AS org_name
    FROM ${sql.table(fact)} f JOIN organization g ON g.id = f.${sql.raw(orgCol)}
    WHERE g.path <@ ${s.path}::ltree AND f.day BETWEEN ${period.from}::date AND ${period.to}::date
      AND ${sql.raw(condition(q, s.kind))}
      ${q.categoryId ? sql`AND f.category_id = ${q.categoryId}` : sql``}
      ${q.channel && s.kind === 'area' ? sql`AND f.channel = ${q.channel}` : sql``}
      ${q.cursor ? sql`AND f.opinion_id < ${q.cursor}` : sql``}
    ORDER BY f.opinion_id DESC LIMIT ${q.limit + 1}`.execute(readDb(p));
  const page = rows.rows.slice(0, q.limit);
  const orgNames = new Map(page.map((r) => [Number(r.opinion_id), r.org_name]));
  const items = (await opinionSummaries(readDb(p), [...orgNames.keys()])).map((o) => ({
    id: o.id,
    receiptCode: o.receiptCode,
    state: o.state,
    content: o.content,
    createdAt: o.createdAt,
    orgName: orgNames.get(o.id) ?? '',
  }));
  return { items, nextCursor: rows.rows.length > q.limit ? Number(page[page.length - 1]!.opinion_id) : null };
}
