import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';

/** States in which an opinion addressed to a deputy counts as answered or handled for the duty record. */
const HANDLED = ['answered', 'responded', 'fedBack', 'rated', 'closed'] as const;

/**
 * What the duty record (modules/duty) reads of the closed loop: opinions addressed to the deputies
 * (registered with them) that were answered on the spot or handled, registered between two days,
 * with whether the constituent rated the result satisfied or better.
 */
export async function opinionsHandledFor(db: Db | Tx, deputyIds: readonly number[], from: string, to: string) {
  if (!deputyIds.length) return [];
  return db
    .selectFrom('opinion_deputy as od')
    .innerJoin('opinion as o', 'o.id', 'od.opinion_id')
    .select([
      'o.id as opinionId',
      'od.deputy_id as deputyId',
      sql<string>`to_char(o.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`.as('day'),
      sql<string>`left(o.content, 40)`.as('excerpt'),
      sql<boolean>`coalesce(o.rating IN ('verySatisfied', 'satisfied'), false)`.as('satisfied'),
    ])
    .where(sql<boolean>`od.deputy_id = ANY(${[...deputyIds]}::bigint[])`)
    .where('o.state', 'in', HANDLED)
    .where(
      sql<boolean>`o.created_at >= (${from}::date::timestamp AT TIME ZONE 'Asia/Shanghai')
        AND o.created_at < ((${to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`,
    )
    .execute();
}
