import { sql, type SqlBool } from 'kysely';
import type { z } from 'zod';
import { describeRule, type ReceptionRule } from '../../../contracts/reception-rule.js';
import type {
  PublicDeputy,
  PublicStation,
  PublicStationSummary,
  StationsNearQuery,
} from '../../../contracts/portal.js';
import { chinaToday, yearOf } from '../../platform/calendar/dates.js';
import { calendarCache, packageCalendar } from '../../platform/calendar/working-days.js';
import type { Platform } from '../../platform/context.js';
import { AppError } from '../../platform/errors/errors.js';
import { likeText } from '../../platform/http/paging.js';
import { nextReceptions } from '../stations/service.js';

type Lang = 'zh-CN' | 'en';

/** Stations open to the public: active, in the tree, with their place. */
function publicStations(p: Platform) {
  return p.db
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

/**
 * Stations for the finder: in a region (the station's own or one it covers), by name, or nearest
 * to a point (great-circle distance from their coordinates).
 */
export async function findStations(
  p: Platform,
  q: z.infer<typeof StationsNearQuery>,
): Promise<z.infer<typeof PublicStationSummary>[]> {
  const near = q.lat !== undefined && q.lng !== undefined ? { lat: q.lat, lng: q.lng } : null;
  const distance = near
    ? sql<number | null>`CASE WHEN s.latitude IS NULL THEN NULL ELSE 6371 * 2 * asin(sqrt(
        power(sin(radians(s.latitude - ${near.lat}) / 2), 2) +
        cos(radians(${near.lat})) * cos(radians(s.latitude)) * power(sin(radians(s.longitude - ${near.lng}) / 2), 2)
      )) END`
    : sql<number | null>`NULL::float8`;
  let query = publicStations(p).select(distance.as('distance'));
  if (q.region) {
    const region = await p.db.selectFrom('region').select('path').where('code', '=', q.region).executeTakeFirst();
    if (!region) return [];
    query = query.where(
      sql<SqlBool>`(EXISTS (SELECT 1 FROM region r WHERE r.code = o.region_code AND r.path <@ ${region.path}::ltree)
        OR EXISTS (SELECT 1 FROM station_region sr JOIN region r ON r.code = sr.region_code
                   WHERE sr.station_id = s.org_id AND r.path <@ ${region.path}::ltree))`,
    );
  }
  if (q.q) query = query.where('o.name', 'ilike', `%${likeText(q.q)}%`);
  const rows = await (near ? query.orderBy(sql`distance asc nulls last`).orderBy('o.name') : query.orderBy('o.name'))
    .limit(q.limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    address: r.address,
    latitude: r.latitude,
    longitude: r.longitude,
    regionCode: r.region_code,
    distanceKm: r.distance === null ? null : Math.round(r.distance * 10) / 10,
  }));
}

function deputyPhoto(id: number, fileId: number | null) {
  return fileId ? `/api/public/deputies/${id}/photo?v=${fileId}` : null;
}

/** A station's public page: deputies, times, workflow and rules, this year's figures. */
export async function publicStation(p: Platform, id: number, lang: Lang): Promise<z.infer<typeof PublicStation>> {
  const s = await publicStations(p).where('o.id', '=', id).executeTakeFirst();
  if (!s) throw new AppError('NOT_FOUND');
  const deputies = await p.db
    .selectFrom('station_member as m')
    .innerJoin('deputy as d', 'd.id', 'm.deputy_id')
    .select(['d.id', 'd.name', 'd.occupation', 'd.public_contact', 'd.photo_file_id', 'm.is_head', 'd.name_sort'])
    .select((eb) => [
      eb
        .selectFrom('deputy_level as l')
        .whereRef('l.deputy_id', '=', 'd.id')
        .select(sql<string[]>`array_agg(l.level ORDER BY l.level)`.as('x'))
        .as('levels'),
    ])
    .where('m.station_id', '=', id)
    .where('d.status', '=', 'serving')
    .orderBy('m.is_head', 'desc')
    .orderBy('d.name_sort')
    .execute();
  const photos = await p.db
    .selectFrom('station_photo')
    .select(['id', 'file_id'])
    .where('station_id', '=', id)
    .orderBy('id')
    .execute();
  const year = yearOf(chinaToday());
  const stats = await p.db
    .selectFrom('opinion')
    .select([
      sql<number>`count(*)::int`.as('received'),
      sql<number>`count(*) FILTER (WHERE state IN ('answered','responded','fedBack','rated','closed'))::int`.as(
        'answered',
      ),
      sql<number>`count(*) FILTER (WHERE rating IS NOT NULL)::int`.as('rated'),
      sql<number>`count(*) FILTER (WHERE rating IN ('verySatisfied','satisfied','basicallySatisfied'))::int`.as(
        'satisfied',
      ),
    ])
    .where('org_id', '=', id)
    .where(sql<SqlBool>`created_at >= make_date(${year}, 1, 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`)
    .executeTakeFirstOrThrow();
  const rule = (s.reception_schedule as ReceptionRule | null) ?? null;
  let calendar;
  try {
    calendar = await calendarCache(p.db).get();
  } catch {
    calendar = packageCalendar();
  }
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    address: s.address,
    latitude: s.latitude,
    longitude: s.longitude,
    regionCode: s.region_code,
    distanceKm: null,
    openingHours: s.opening_hours,
    receptionRule: rule ? describeRule(rule, lang) : s.reception_rule,
    nextReceptionDays: nextReceptions(rule, calendar),
    publishedRules: s.published_rules,
    publishedWorkflow: s.published_workflow,
    onlineEnabled: s.online_enabled,
    photos: photos.map((ph) => `/api/public/stations/${id}/photos/${ph.id}?v=${ph.file_id}`),
    deputies: deputies.map((d) => ({
      id: d.id,
      name: d.name,
      levels: (d.levels ?? []) as z.infer<typeof PublicDeputy>['levels'],
      occupation: d.occupation,
      publicContact: d.public_contact,
      photoUrl: deputyPhoto(d.id, d.photo_file_id),
      isHead: d.is_head,
    })),
    stats: {
      year,
      received: stats.received,
      answered: stats.answered,
      satisfaction: stats.rated ? Math.round((stats.satisfied / stats.rated) * 1000) / 10 : null,
    },
  };
}

/** A deputy's public page: serving deputies only, with the stations where they meet people. */
export async function publicDeputy(p: Platform, id: number): Promise<z.infer<typeof PublicDeputy>> {
  const d = await p.db
    .selectFrom('deputy as d')
    .select(['d.id', 'd.name', 'd.occupation', 'd.public_contact', 'd.photo_file_id'])
    .select((eb) => [
      eb
        .selectFrom('deputy_level as l')
        .whereRef('l.deputy_id', '=', 'd.id')
        .select(sql<string[]>`array_agg(l.level ORDER BY l.level)`.as('x'))
        .as('levels'),
    ])
    .where('d.id', '=', id)
    .where('d.status', '=', 'serving')
    .executeTakeFirst();
  if (!d) throw new AppError('NOT_FOUND');
  const stations = await p.db
    .selectFrom('station_member as m')
    .innerJoin('organization as o', 'o.id', 'm.station_id')
    .select(['o.id', 'o.name'])
    .where('m.deputy_id', '=', id)
    .where('o.active', '=', true)
    .orderBy('o.name')
    .execute();
  return {
    id: d.id,
    name: d.name,
    levels: (d.levels ?? []) as z.infer<typeof PublicDeputy>['levels'],
    occupation: d.occupation,
    publicContact: d.public_contact,
    photoUrl: deputyPhoto(d.id, d.photo_file_id),
    stations,
  };
}

/** The photo of a serving deputy (public, as on the station's wall). */
export async function publicDeputyPhotoFile(p: Platform, id: number) {
  const d = await p.db
    .selectFrom('deputy')
    .select('photo_file_id')
    .where('id', '=', id)
    .where('status', '=', 'serving')
    .executeTakeFirst();
  return d?.photo_file_id ?? null;
}

/** A photo of an active station. */
export async function publicStationPhotoFile(p: Platform, stationId: number, photoId: number) {
  const ph = await p.db
    .selectFrom('station_photo as ph')
    .innerJoin('organization as o', 'o.id', 'ph.station_id')
    .select('ph.file_id')
    .where('ph.id', '=', photoId)
    .where('ph.station_id', '=', stationId)
    .where('o.active', '=', true)
    .executeTakeFirst();
  return ph?.file_id ?? null;
}
