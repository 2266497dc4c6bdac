import { sql } from 'kysely';
import { ActivityFact } from '../../../contracts/duty.js';
import type { Tx } from '../../db/database.js';
import { AppError } from '../../platform/errors/errors.js';
import { deputiesForRecord } from '../deputies/duty-source.js';

/**
 * Records what the system knows a deputy did, once per source (`sourceKey` is unique per deputy):
 * the seam other modules call in their own transaction (a livelihood-project vote calls it with
 * kind `vote_attendance` and the vote as source — attendance only: the fact has no field for a
 * choice, and anything else passed is dropped). A hand entry of the same source waiting for its
 * check is confirmed by it; an entry the committee struck out stays struck out.
 */
export async function recordActivity(
  trx: Tx,
  input: unknown,
  byUserId: number | null = null,
  /** The deputy's organisation path when the caller has it already (the sync, for many facts). */
  knownPath?: string,
) {
  const fact = ActivityFact.parse(input);
  const orgPath = knownPath ?? (await deputiesForRecord(trx, [fact.deputyId]))[0]?.org_path;
  if (!orgPath) throw new AppError('NOT_FOUND');
  const row = await trx
    .insertInto('duty_activity')
    .values({
      deputy_id: fact.deputyId,
      org_path: orgPath,
      kind: fact.kind,
      source_key: fact.sourceKey,
      day: fact.day,
      title: fact.title,
      hours: fact.hours === null ? null : String(fact.hours),
      flags: fact.flags,
      origin: 'system',
      state: 'confirmed',
      created_by: byUserId,
    })
    .onConflict((oc) =>
      oc.columns(['deputy_id', 'source_key']).doUpdateSet({
        origin: 'system',
        flags: sql<string[]>`excluded.flags`,
        state: sql<string>`CASE WHEN duty_activity.state IN ('pending', 'rejected') THEN 'confirmed' ELSE duty_activity.state END`,
        updated_at: sql<Date>`CASE WHEN duty_activity.flags IS DISTINCT FROM excluded.flags
          OR duty_activity.state IN ('pending', 'rejected') THEN now() ELSE duty_activity.updated_at END`,
      }),
    )
    .returning(['id', sql<boolean>`xmax = 0`.as('inserted'), 'state'])
    .executeTakeFirstOrThrow();
  if (row.inserted)
    await trx
      .insertInto('duty_activity_event')
      .values({ activity_id: row.id, action: 'recorded', data: JSON.stringify({ origin: 'system', kind: fact.kind }) })
      .execute();
  return { id: row.id, inserted: row.inserted };
}
