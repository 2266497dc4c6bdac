// What the statistics module reads of livelihood projects (read-only): one row per project with the
// year, organisation, responsible unit, state and year-end rating; and short rows for a drill-down.
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';

/** One row per project: id, year, org_id, unit_id (0: none yet), state, rating ('' : not rated), cost. */
export const projectFacts = sql`
  SELECT p.id, p.year, p.org_id, coalesce(p.unit_id, 0) AS unit_id, p.state, coalesce(p.rating, '') AS rating, p.cost
  FROM project p`;

/** Short rows for lists. */
export async function projectRowsByIds(db: Db | Tx, ids: readonly number[]) {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('project as p')
    .leftJoin('organization as u', 'u.id', 'p.unit_id')
    .select(['p.id', 'p.year', 'p.title', 'p.state', 'p.rating', 'p.cost', 'u.name as unit_name'])
    .where('p.id', 'in', ids)
    .orderBy('p.id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    year: r.year,
    title: r.title,
    state: r.state,
    rating: r.rating,
    cost: Number(r.cost),
    unitName: r.unit_name,
  }));
}
