import { superQuery } from './db.js';

/**
 * Moves an opinion's feedback `days` days into the past, as if it had been sent then (the events
 * are append-only for the server's role; the test cluster's superuser steps around the trigger).
 * With it a test sees the constituent's time to rate run out without waiting a week.
 */
export async function backdateFeedback(database: { ownerUrl: string }, opinionId: number, days: number) {
  if (!Number.isSafeInteger(opinionId) || !Number.isSafeInteger(days)) throw new RangeError('whole numbers only');
  await superQuery(
    database.ownerUrl,
    `SET session_replication_role = replica;
     UPDATE opinion_event SET at = at - make_interval(days => ${days})
      WHERE opinion_id = ${opinionId} AND action = 'feedback';`,
  );
}
