import type { RequestContext } from '../../platform/audit/audit.js';
import type { Actor } from '../../platform/access/policy.js';
import type { Platform } from '../../platform/context.js';
import { inTransaction } from '../../db/database.js';
import { AppError, invalid } from '../../platform/errors/errors.js';
import { cleanPhoto } from '../../platform/files/images.js';
import { fileStore } from '../../platform/files/store.js';
import { getStation, loadStation, loadStationForManage } from './service.js';

/** Enough for the wall and the online station; more is an album, not a station's face. */
export const MAX_STATION_PHOTOS = 12;

/** Adds a photo of the station: checked by content, turned upright, stripped of EXIF, stored. */
export async function addStationPhoto(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  bytes: Buffer,
  caption: string | null,
) {
  await loadStationForManage(p.db, actor, id);
  const { n } = await p.db
    .selectFrom('station_photo')
    .select((e) => e.fn.countAll<number>().as('n'))
    .where('station_id', '=', id)
    .executeTakeFirstOrThrow();
  if (Number(n) >= MAX_STATION_PHOTOS) {
    throw invalid({
      path: 'body.file',
      zh: `每个联络站最多 ${MAX_STATION_PHOTOS} 张照片，请先删除不用的照片`,
      en: `At most ${MAX_STATION_PHOTOS} photos per station; remove one first`,
    });
  }
  const photo = await cleanPhoto(bytes);
  await inTransaction(p.db, async (trx) => {
    const fileId = await fileStore(p).save(trx, photo, actor.userId);
    const { id: photoId } = await trx
      .insertInto('station_photo')
      .values({ station_id: id, file_id: fileId, caption })
      .returning('id')
      .executeTakeFirstOrThrow();
    await p.audit.record(trx, ctx, {
      action: 'station.addPhoto',
      subjectType: 'station',
      subjectId: id,
      summary: { after: { photoId, fileId, caption, bytes: photo.bytes.length } },
    });
  });
  return getStation(p, actor, id);
}

/** Takes a photo off the station. */
export async function removeStationPhoto(p: Platform, ctx: RequestContext, actor: Actor, id: number, photoId: number) {
  await loadStationForManage(p.db, actor, id);
  await inTransaction(p.db, async (trx) => {
    const removed = await trx
      .deleteFrom('station_photo')
      .where('id', '=', photoId)
      .where('station_id', '=', id)
      .returning(['file_id', 'caption'])
      .executeTakeFirst();
    if (!removed) throw new AppError('NOT_FOUND');
    await p.audit.record(trx, ctx, {
      action: 'station.removePhoto',
      subjectType: 'station',
      subjectId: id,
      summary: { before: { photoId, fileId: removed.file_id, caption: removed.caption } },
    });
  });
  return getStation(p, actor, id);
}

/** The bytes of one photo of a station the actor may read. */
export async function stationPhoto(p: Platform, actor: Actor, id: number, photoId: number) {
  await loadStation(p.db, actor, id);
  const row = await p.db
    .selectFrom('station_photo')
    .select('file_id')
    .where('id', '=', photoId)
    .where('station_id', '=', id)
    .executeTakeFirst();
  const file = row ? await fileStore(p).read(p, row.file_id) : null;
  if (!file) throw new AppError('NOT_FOUND');
  return file;
}
