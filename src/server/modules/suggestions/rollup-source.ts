// What the statistics module reads of suggestions (read-only): one fact row per submitted suggestion
// and one per answering unit, with the 0/1 measures its rollups sum; and short rows for a drill-down.
// The definitions are those of `figures.ts` (counted = numbered, not withdrawn or merged).
import { sql, type RawBuilder } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import { displayNumber } from './load.js';

/** The measures every fact row carries, in the order of the rollup columns. */
export const suggestionMeasures = [
  'submitted',
  'counted',
  'answered',
  'on_time',
  'first_rated',
  'first_satisfied',
  'final_rated',
  'final_satisfied',
  'class_a',
  'class_b',
  'class_c',
  'class_d',
  'redo',
  'overdue',
] as const;

const flag = (cond: RawBuilder<unknown>) => sql`(CASE WHEN ${cond} THEN 1 ELSE 0 END)`;

/** The 0/1 columns over a suggestion `s` (counted or not), its answer `a` (first), class `cls` and overdue flag. */
function measures(
  answered: RawBuilder<unknown>,
  onTime: RawBuilder<unknown>,
  cls: RawBuilder<unknown>,
  overdue: RawBuilder<unknown>,
) {
  const counted = sql`(s.number IS NOT NULL AND s.state NOT IN ('withdrawn', 'merged'))`;
  const ok = (r: string, c: string) =>
    sql`(${counted} AND s.${sql.raw(r)} IS NOT NULL AND s.${sql.raw(r)} <> 'dissatisfied' AND coalesce(s.${sql.raw(c)}, '') <> 'dissatisfied')`;
  return sql`1 AS submitted, ${flag(counted)} AS counted,
    ${flag(sql`${counted} AND ${answered}`)} AS answered,
    ${flag(sql`${counted} AND ${answered} AND ${onTime}`)} AS on_time,
    ${flag(sql`${counted} AND s.first_rating_result IS NOT NULL`)} AS first_rated,
    ${flag(ok('first_rating_result', 'first_rating_communication'))} AS first_satisfied,
    ${flag(sql`${counted} AND s.rating_result IS NOT NULL`)} AS final_rated,
    ${flag(ok('rating_result', 'rating_communication'))} AS final_satisfied,
    ${sql.join(
      ['A', 'B', 'C', 'D'].map(
        (c) =>
          sql`${flag(sql`${counted} AND ${answered} AND ${cls} = ${c}`)} AS ${sql.raw(`class_${c.toLowerCase()}`)}`,
      ),
    )},
    CASE WHEN ${counted} THEN s.redo_count ELSE 0 END AS redo,
    ${flag(sql`${counted} AND ${overdue}`)} AS overdue`;
}

const dayOf = sql`(s.submitted_at AT TIME ZONE 'Asia/Shanghai')::date`;
/** Whether a suggestion `s` is waiting past its answer (or redo) deadline on `today`. */
export const overdueOn = (today: string) => sql`(s.state IN ('assigned', 'reHandling') AND s.paused_since IS NULL
  AND (CASE WHEN s.state = 'reHandling' THEN s.redo_due ELSE s.answer_due END) < ${today}::date)`;

/**
 * One row per submitted suggestion (drafts are the deputies' own): id, day (of submission),
 * lead_deputy_id, state and the measures.
 */
export function suggestionFacts(today: string) {
  return sql`
    SELECT s.id, ${dayOf} AS day, s.lead_deputy_id, s.state,
      ${measures(sql`s.first_answered_at IS NOT NULL`, sql`coalesce(s.answered_on_time, false)`, sql`s.answer_class`, overdueOn(today))}
    FROM suggestion s
    WHERE s.submitted_at IS NOT NULL`;
}

/** One row per suggestion × unit answering it (lead or separate unit): id, day, unit_id and the measures (its own answers). */
export function suggestionUnitFacts(today: string) {
  return sql`
    SELECT s.id, ${dayOf} AS day, u.unit_id,
      ${measures(sql`fa.id IS NOT NULL`, sql`coalesce(fa.on_time, false)`, sql`la.answer_class`, sql`(${overdueOn(today)} AND u.state = 'assigned')`)}
    FROM suggestion s
    JOIN LATERAL (SELECT DISTINCT ON (su.unit_id) su.unit_id, su.state FROM suggestion_unit su
      WHERE su.suggestion_id = s.id AND su.role IN ('lead', 'separate') AND su.state IN ('assigned', 'answered')
      ORDER BY su.unit_id, su.id DESC) u ON true
    LEFT JOIN LATERAL (SELECT a.on_time, a.id FROM suggestion_answer a
      WHERE a.suggestion_id = s.id AND a.unit_id = u.unit_id ORDER BY a.id LIMIT 1) fa ON true
    LEFT JOIN LATERAL (SELECT a.answer_class FROM suggestion_answer a
      WHERE a.suggestion_id = s.id AND a.unit_id = u.unit_id ORDER BY a.id DESC LIMIT 1) la ON true
    WHERE s.submitted_at IS NOT NULL`;
}

/** Short rows for lists: number, title, state. */
export async function suggestionRows(db: Db | Tx, ids: readonly number[]) {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('suggestion as s')
    .innerJoin('congress_session as cs', 'cs.id', 's.session_id')
    .select(['s.id', 's.number', 'cs.prefix', 's.title', 's.state', 's.submitted_at'])
    .where('s.id', 'in', ids)
    .orderBy('s.id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    number: displayNumber(r.prefix, r.number),
    title: r.title,
    state: r.state,
    submittedAt: r.submitted_at?.toISOString() ?? null,
  }));
}
