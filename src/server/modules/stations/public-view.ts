import { sql, type SqlBool } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import { likeText } from '../../platform/http/paging.js';

/**
 * Stations as the public portal and Open311 need them: the public station rows, the finder, the
 * divisions that have stations, photos, members. A station is an organisation (its `org_id`), so
 * these join organization and region for names, paths and places.
 */

/** Stations open to the public: active, in the tree, with their place. */
function publicStationRows(db: Db | Tx) {
  return (db as Db)
    .selectFrom('station as s')
    .innerJoin('organization as o', 'o.id', 's.org_id')
    .where('o.active', '=', true)
    .select([
      'o.id',
      'o.name',
      's.kind',
      's.address',
      's.latitude',
      's.longitude',
      'o.region_code',
      's.opening_hours',
      's.reception_rule',
      's.reception_schedule',
      's.published_rules',
      's.published_workflow',
      's.online_enabled',
    ]);
}

/** An active station's public row (place, times, rules, online flag); undefined when there is none. */
export async function publicStationRow(db: Db | Tx, id: number) {
  return publicStationRows(db).where('o.id', '=', id).executeTakeFirst();
}

/** Active stations for the finder, at most `limit`: in a region (own or covered), by name, nearest to a point first (great-circle km), else in name order. */
export async function findPublicStations(
  db: Db | Tx,
  q: { region?: string; q?: string; lat?: number; lng?: number; limit: number },
) {
  const near = q.lat !== undefined && q.lng !== undefined ? { lat: q.lat, lng: q.lng } : null;
  const distance = near
    ? sql<number | null>`CASE WHEN s.latitude IS NULL THEN NULL ELSE 6371 * 2 * asin(sqrt(
        power(sin(radians(s.latitude - ${near.lat}) / 2), 2) +
        cos(radians(${near.lat})) * cos(radians(s.latitude)) * power(sin(radians(s.longitude - ${near.lng}) / 2), 2)
      )) END`
    : sql<number | null>`NULL::float8`;
  let query = publicStationRows(db).select(distance.as('distance'));
  if (q.region) {
    const region = await (db as Db).selectFrom('region').select('path').where('code', '=', q.region).executeTakeFirst();
    if (!region) return [];
    query = query.where(
      sql<SqlBool>`(EXISTS (SELECT 1 FROM region r WHERE r.code = o.region_code AND r.path <@ ${region.path}::ltree)
        OR EXISTS (SELECT 1 FROM station_region sr JOIN region r ON r.code = sr.region_code
                   WHERE sr.station_id = s.org_id AND r.path <@ ${region.path}::ltree))`,
    );
  }
  if (q.q) query = query.where('o.name', 'ilike', `%${likeText(q.q)}%`);
  return (near ? query.orderBy(sql`distance asc nulls last`).orderBy('o.name') : query.orderBy('o.name'))
    .limit(q.limit)
    .execute();
}

/** Divisions that have an active station in them or covered by one: children of `parent` (or the top), in code order, at most 500. */
export async function regionsWithStations(db: Db | Tx, parent?: string) {
  return (db as Db)
    .selectFrom('region as r')
    .select(['r.code', 'r.name', 'r.level'])
    .where(
      parent
        ? sql<boolean>`r.parent_code = ${parent}`
        : sql<boolean>`(r.parent_code IS NULL OR NOT EXISTS (SELECT 1 FROM region pr WHERE pr.code = r.parent_code))`,
    )
    .where(
      sql<boolean>`EXISTS (
        SELECT 1 FROM station s JOIN organization o ON o.id = s.org_id JOIN region g ON g.code = o.region_code
        WHERE o.active AND g.path <@ r.path
        UNION ALL
        SELECT 1 FROM station_region x JOIN organization o ON o.id = x.station_id JOIN region g ON g.code = x.region_code
        WHERE o.active AND g.path <@ r.path)`,
    )
    .orderBy('r.code')
    .limit(500)
    .execute();
}

/** A station's photos (id and stored file), in id order. */
export async function stationPhotos(db: Db | Tx, stationId: number) {
  return (db as Db)
    .selectFrom('station_photo')
    .select(['id', 'file_id'])
    .where('station_id', '=', stationId)
    .orderBy('id')
    .execute();
}

/** The stored file of a photo of an active station; null when there is none. */
export async function activeStationPhotoFile(db: Db | Tx, stationId: number, photoId: number) {
  const ph = await (db as Db)
    .selectFrom('station_photo as ph')
    .innerJoin('organization as o', 'o.id', 'ph.station_id')
    .select('ph.file_id')
    .where('ph.id', '=', photoId)
    .where('ph.station_id', '=', stationId)
    .where('o.active', '=', true)
    .executeTakeFirst();
  return ph?.file_id ?? null;
}

/** The active stations a deputy is a member of (id and name), in name order. */
export async function activeStationsOfDeputy(db: Db | Tx, deputyId: number) {
  return (db as Db)
    .selectFrom('station_member as m')
    .innerJoin('organization as o', 'o.id', 'm.station_id')
    .select(['o.id', 'o.name'])
    .where('m.deputy_id', '=', deputyId)
    .where('o.active', '=', true)
    .orderBy('o.name')
    .execute();
}

/** A station's members (deputy ids, whatever their status) with their head flag, in deputy id order. */
export async function stationMembersWithHead(db: Db | Tx, stationId: number) {
  return (db as Db)
    .selectFrom('station_member')
    .select(['deputy_id', 'is_head'])
    .where('station_id', '=', stationId)
    .orderBy('deputy_id')
    .execute();
}

/** Whether a station exists, is active and takes opinions online. */
export async function isOnlineStation(db: Db | Tx, id: number): Promise<boolean> {
  const station = await (db as Db)
    .selectFrom('station as s')
    .innerJoin('organization as o', 'o.id', 's.org_id')
    .select(['o.id', 'o.active', 's.online_enabled'])
    .where('s.org_id', '=', id)
    .executeTakeFirst();
  return !!station && station.active && station.online_enabled;
}

/** The active online station under `path` nearest to a point (those without coordinates last), else the first by id; undefined when none. */
export async function nearestOnlineStation(
  db: Db | Tx,
  path: string,
  point: { lat: number; long: number } | null,
): Promise<number | undefined> {
  const near = point
    ? sql`6371 * 2 * asin(sqrt(power(sin(radians(s.latitude - ${point.lat}) / 2), 2) + cos(radians(${point.lat})) *
              cos(radians(s.latitude)) * power(sin(radians(s.longitude - ${point.long}) / 2), 2)))`
    : null;
  const station = await (db as Db)
    .selectFrom('station as s')
    .innerJoin('organization as o', 'o.id', 's.org_id')
    .select(['o.id'])
    .where('o.active', '=', true)
    .where('s.online_enabled', '=', true)
    .where(sql<SqlBool>`o.path <@ ${path}::ltree`)
    .$if(near !== null, (q) => q.orderBy(sql`s.latitude IS NULL`).orderBy(near!))
    .orderBy('o.id')
    .limit(1)
    .executeTakeFirst();
  return station?.id;
}
