// The rows of the record as the use cases and views read them, and who the actor is to a deputy.
import { sql } from 'kysely';
import type { ActivityFlag, ActivityKind, ActivityState, ActivityView } from '../../../contracts/duty.js';
import type { Action } from '../../../contracts/roles.js';
import type { Db, Tx } from '../../db/database.js';
import type { Actor } from '../../platform/access/policy.js';
import { AppError } from '../../platform/errors/errors.js';
import { fileFacts } from '../../platform/files/store.js';
import { deputiesForRecord } from '../deputies/duty-source.js';
import { deputyOfAccount } from '../deputies/names.js';
import { stationsOfDeputies } from '../stations/members.js';
import { canOnDeputy } from './policy.js';
import { figures as ratingFigures, type Counts } from './reception-ratings.js';

/** The deputy linked to the actor's account when they hold the deputy role (id), or null. */
export async function ownDeputyId(db: Db | Tx, actor: Actor): Promise<number | null> {
  if (!actor.roles.some((g) => g.role === 'deputy')) return null;
  return (await deputyOfAccount(db, actor.userId))?.id ?? null;
}

/** The deputy of the actor's own account, or DUTY_NOT_A_DEPUTY. */
export async function requireOwnDeputy(db: Db | Tx, actor: Actor): Promise<number> {
  const id = await ownDeputyId(db, actor);
  if (id === null) throw new AppError('DUTY_NOT_A_DEPUTY');
  return id;
}

/** The names of deputies by id (one query), for lists of the record. */
export async function deputyNameMap(db: Db | Tx, ids: readonly number[]) {
  return new Map((await deputiesForRecord(db, ids)).map((d) => [d.id, d.name]));
}

/** A deputy with the organisation paths that decide who sees them (registration and stations served). */
export async function deputyScope(db: Db | Tx, deputyId: number) {
  const [deputy] = await deputiesForRecord(db, [deputyId]);
  if (!deputy) throw new AppError('NOT_FOUND');
  const stations = await stationsOfDeputies(db, [deputyId]);
  const paths = stations.length
    ? await db
        .selectFrom('organization')
        .select('path')
        .where(
          'id',
          'in',
          stations.map((s) => s.station_id),
        )
        .execute()
    : [];
  return { ...deputy, stationPaths: paths.map((r) => r.path) };
}
export type DeputyScope = Awaited<ReturnType<typeof deputyScope>>;

/**
 * How the actor stands to a deputy: their own record (`own`), or staff with `action` on them.
 * Someone with neither (nor `duty.read`) gets "not found".
 */
export async function relationTo(db: Db | Tx, actor: Actor, deputyId: number, action: Action) {
  const deputy = await deputyScope(db, deputyId);
  const own = (await ownDeputyId(db, actor)) === deputyId;
  const may = canOnDeputy(actor, action, deputy.org_path, deputy.stationPaths);
  const reads = own || canOnDeputy(actor, 'duty.read', deputy.org_path, deputy.stationPaths);
  if (!reads) throw new AppError('NOT_FOUND');
  return { deputy, own, may };
}

/** Activities as the screens show them (evidence listed), by a condition on `a`, in day order. */
export async function activityViews(
  db: Db | Tx,
  where: ReturnType<typeof sql<boolean>>,
  limit = 2000,
): Promise<ActivityView[]> {
  const rows = await db
    .selectFrom('duty_activity as a')
    .selectAll('a')
    .select([
      sql<string>`to_char(a.day, 'YYYY-MM-DD')`.as('day_text'),
      sql<{ id: number; name: string | null; fileId: number }[]>`coalesce((SELECT json_agg(json_build_object(
        'id', f.id, 'name', f.name, 'fileId', f.file_id) ORDER BY f.id)
        FROM duty_activity_file f WHERE f.activity_id = a.id), '[]'::json)`.as('evidence'),
      sql<Counts | null>`CASE WHEN a.source_key LIKE 'reception:%' THEN (SELECT json_build_object(
        'satisfied', count(*) FILTER (WHERE rr.overall = 'satisfied'),
        'basicallySatisfied', count(*) FILTER (WHERE rr.overall = 'basicallySatisfied'),
        'dissatisfied', count(*) FILTER (WHERE rr.overall = 'dissatisfied'))
        FROM duty_reception_rating rr WHERE rr.reception_id = substr(a.source_key, 11)::bigint) END`.as('rating'),
    ])
    .where(where)
    .orderBy('a.day')
    .orderBy('a.id')
    .limit(limit)
    .execute();
  const files = await fileFacts(
    db,
    rows.flatMap((r) => r.evidence.map((e) => e.fileId)),
  );
  const names = new Map(
    (await deputiesForRecord(db, [...new Set(rows.map((r) => r.deputy_id))])).map((d) => [d.id, d.name]),
  );
  return rows.map((r) => ({
    id: r.id,
    deputyId: r.deputy_id,
    deputyName: names.get(r.deputy_id) ?? '',
    kind: r.kind as ActivityKind,
    day: r.day_text,
    title: r.title,
    hours: r.hours === null ? null : Number(r.hours),
    flags: r.flags as ActivityFlag[],
    origin: r.origin as 'system' | 'hand',
    state: r.state as ActivityState,
    note: r.note,
    checkNote: r.check_note,
    dispute: r.dispute,
    resolution: r.resolution,
    evidence: r.evidence.map((e) => ({
      id: e.id,
      name: e.name,
      contentType: files.get(e.fileId)?.contentType ?? 'application/octet-stream',
    })),
    rating: r.rating ? ratingFigures(r.rating, true) : null,
  }));
}

/** One activity row, locked for the transaction; not found when there is none. */
export async function lockActivity(trx: Tx, id: number) {
  const row = await trx
    .selectFrom('duty_activity')
    .selectAll()
    .select(sql<string>`to_char(day, 'YYYY-MM-DD')`.as('day_text'))
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}
