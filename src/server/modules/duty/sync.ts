import { sql } from 'kysely';
import type { ActivityFact, ActivityFlag } from '../../../contracts/duty.js';
import { inTransaction, type Db, type Tx } from '../../db/database.js';
import type { Platform } from '../../platform/context.js';
import { deputiesForRecord, servingDeputyIds } from '../deputies/duty-source.js';
import { opinionsHandledFor } from '../opinions/duty-source.js';
import { receptionAttendance } from '../receptions/duty-source.js';
import { suggestionsOfDeputies } from '../suggestions/duty-source.js';
import { rulesFor } from './points.js';
import { recordActivity } from './record-activity.js';

type FactIn = Omit<ActivityFact, 'hours'> & { hours?: number | null };

/** The source key of a reception, the same whether the sync or a hand entry brings it. */
export const receptionSource = (receptionId: number) => `reception:${receptionId}`;

/** The (basically) satisfied share of each rated reception among `ids` (接待满意度). */
async function satisfiedShares(db: Db | Tx, ids: readonly number[]) {
  if (!ids.length) return new Map<number, number>();
  const rows = await db
    .selectFrom('duty_reception_rating')
    .select([
      'reception_id',
      sql<number>`(count(*) FILTER (WHERE overall <> 'dissatisfied'))::float / count(*)`.as('share'),
    ])
    .where(sql<boolean>`reception_id = ANY(${[...ids]}::bigint[])`)
    .groupBy('reception_id')
    .execute();
  return new Map(rows.map((r) => [r.reception_id, r.share]));
}

/**
 * What the other modules know the deputies did in `year`, as facts for the record. A reception whose
 * visitors' (basically) satisfied share reaches the year's rules (`receptionSatisfied`, for the deputy's
 * organisation) is marked `receptionSatisfied`: a quality bonus only for rule sets that give one.
 */
export async function knownFacts(
  db: Db | Tx,
  deputyIds: readonly number[],
  year: number,
  paths: ReadonlyMap<number, string> = new Map(),
): Promise<FactIn[]> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const [receptions, opinions, suggestions] = await Promise.all([
    receptionAttendance(db, deputyIds, from, to),
    opinionsHandledFor(db, deputyIds, from, to),
    suggestionsOfDeputies(db, deputyIds, from, to),
  ]);
  const shares = await satisfiedShares(db, [...new Set(receptions.map((r) => r.receptionId))]);
  const thresholds = new Map<string, number>();
  const threshold = async (deputyId: number) => {
    const path = paths.get(deputyId);
    if (!path) return 0.9;
    if (!thresholds.has(path)) thresholds.set(path, (await rulesFor(db, path, year))?.rules.receptionSatisfied ?? 0.9);
    return thresholds.get(path)!;
  };
  const facts: FactIn[] = [];
  for (const r of receptions) {
    const share = shares.get(r.receptionId);
    facts.push({
      deputyId: r.deputyId,
      kind: r.mode === 'homeVisit' ? 'homeVisit' : 'reception',
      sourceKey: receptionSource(r.receptionId),
      day: r.day,
      title: `${r.stationName}${r.theme ? ` · ${r.theme}` : ''}`.slice(0, 200),
      flags: share !== undefined && share >= (await threshold(r.deputyId)) ? ['receptionSatisfied'] : [],
    });
  }
  for (const o of opinions)
    facts.push({
      deputyId: o.deputyId,
      kind: 'opinionHandled',
      sourceKey: `opinion:${o.opinionId}`,
      day: o.day,
      title: o.excerpt || '群众意见',
      flags: o.satisfied ? ['ratedSatisfied'] : [],
    });
  const wanted = new Set(deputyIds);
  for (const s of suggestions) {
    if (wanted.has(s.leadDeputyId)) {
      const flags: ActivityFlag[] = [];
      if (s.answerA) flags.push('answerA');
      if (s.keySupervision) flags.push('keySupervised');
      facts.push({
        deputyId: s.leadDeputyId,
        kind: 'suggestionLed',
        sourceKey: `suggestion:${s.suggestionId}`,
        day: s.day,
        title: s.title,
        flags,
      });
    }
    if (s.coSignerId !== null && wanted.has(s.coSignerId))
      facts.push({
        deputyId: s.coSignerId,
        kind: 'suggestionCoSigned',
        sourceKey: `suggestion:${s.suggestionId}`,
        day: s.day,
        title: s.title,
        flags: [],
      });
  }
  return facts;
}

/** Pulls the facts of `deputyIds` for `year` into the record within `trx`; the number of new activities. */
export async function syncInTx(trx: Tx, year: number, deputyIds: readonly number[]) {
  const deputies = await deputiesForRecord(trx, deputyIds);
  const paths = new Map(deputies.map((d) => [d.id, d.org_path]));
  const facts = await knownFacts(trx, deputyIds, year, paths);
  let inserted = 0;
  for (const f of facts) if ((await recordActivity(trx, f, null, paths.get(f.deputyId))).inserted) inserted++;
  return inserted;
}

/**
 * Pulls what receptions, opinions and suggestions know into the record for `year` (all serving
 * deputies when `deputyIds` is not given), 500 deputies a transaction. Safe to run again: each
 * source is one activity.
 */
export async function syncActivities(p: Platform, year: number, deputyIds?: readonly number[]) {
  const ids = deputyIds ?? (await servingDeputyIds(p.db));
  let inserted = 0;
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    inserted += await inTransaction(p.db, (trx) => syncInTx(trx, year, chunk));
  }
  return { deputies: ids.length, inserted };
}
