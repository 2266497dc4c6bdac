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
import { publicDeputies, servingDeputyPhotoFile } from '../deputies/public-view.js';
import { stationYearFigures } from '../opinions/public-view.js';
import {
  activeStationPhotoFile,
  activeStationsOfDeputy,
  findPublicStations,
  publicStationRow,
  stationMembersWithHead,
  stationPhotos,
} from '../stations/public-view.js';
import { stationPortalExtras } from '../stations/portal-extras.js';
import { nextReceptions } from '../stations/service.js';

type Lang = 'zh-CN' | 'en';

/**
 * Stations for the finder: in a region (the station's own or one it covers), by name, or nearest
 * to a point (great-circle distance from their coordinates).
 */
export async function findStations(
  p: Platform,
  q: z.infer<typeof StationsNearQuery>,
): Promise<z.infer<typeof PublicStationSummary>[]> {
  const rows = await findPublicStations(p.db, q);
  const extras = await stationPortalExtras(
    p.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    address: r.address,
    latitude: r.latitude,
    longitude: r.longitude,
    regionCode: r.region_code,
    distanceKm: r.distance === null ? null : Math.round(r.distance * 10) / 10,
    onlineEnabled: r.online_enabled,
    published: extras.get(r.id)?.published ?? false,
  }));
}

function deputyPhoto(id: number, fileId: number | null) {
  return fileId ? `/api/public/deputies/${id}/photo?v=${fileId}` : null;
}

/** A station's public page: deputies, times, workflow and rules, this year's figures. */
export async function publicStation(p: Platform, id: number, lang: Lang): Promise<z.infer<typeof PublicStation>> {
  const s = await publicStationRow(p.db, id);
  if (!s) throw new AppError('NOT_FOUND');
  // Serving members come in name order from the deputies; the head goes first (a stable sort).
  const members = await stationMembersWithHead(p.db, id);
  const head = new Map(members.map((m) => [m.deputy_id, m.is_head]));
  const deputies = (
    await publicDeputies(
      p.db,
      members.map((m) => m.deputy_id),
    )
  )
    .map((d) => ({ ...d, is_head: head.get(d.id) ?? false }))
    .sort((a, b) => Number(b.is_head) - Number(a.is_head));
  const photos = await stationPhotos(p.db, id);
  const year = yearOf(chinaToday());
  const stats = await stationYearFigures(p.db, id, year);
  const extra = (await stationPortalExtras(p.db, [id])).get(id);
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
    published: extra?.published ?? false,
    phone: extra?.phone ?? null,
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
  const [d] = await publicDeputies(p.db, [id]);
  if (!d) throw new AppError('NOT_FOUND');
  const stations = await activeStationsOfDeputy(p.db, id);
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
  return servingDeputyPhotoFile(p.db, id);
}

/** A photo of an active station. */
export async function publicStationPhotoFile(p: Platform, stationId: number, photoId: number) {
  return activeStationPhotoFile(p.db, stationId, photoId);
}
