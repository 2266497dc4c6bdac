import { fileTypeFromBuffer } from 'file-type';
import { inTransaction } from '../../db/database.js';
import type { Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors/errors.js';
import { cleanPhoto } from '../../platform/files/images.js';
import { fileFacts, fileStore, type NewFile } from '../../platform/files/store.js';
import { canRead, capacitiesOf } from './access.js';
import { loadForAction } from './view.js';

/** As many as the portal takes; a response may add its documents on top. */
export const MAX_OPINION_FILES = 12;
export const OPINION_FILE_MAX_BYTES = 10 * 1024 * 1024;

/** Photos are cleaned (EXIF and GPS removed); PDFs are kept as they are, checked by content. */
async function cleanFile(bytes: Buffer): Promise<NewFile> {
  const type = await fileTypeFromBuffer(bytes);
  if (type?.mime === 'application/pdf') return { bytes, contentType: 'application/pdf' };
  return cleanPhoto(bytes);
}

/**
 * Attaches a photo or a PDF to an opinion: the registering desk (with the constituent's photos) or
 * the handling unit (with its response). Who may read the opinion may see its files.
 */
export async function addOpinionFile(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  bytes: Buffer,
  name: string | null,
) {
  const loaded = await loadForAction(p.db, id, false, p.config.opinions);
  if (!loaded || !canRead(actor, loaded.scope)) throw new AppError('NOT_FOUND');
  const caps = capacitiesOf(actor, loaded.scope);
  if (!caps.some((c) => ['officer', 'station', 'deputy', 'consultant', 'leadUnit', 'coUnit'].includes(c)))
    throw new AppError('FORBIDDEN');
  if (['closed', 'merged', 'rejected'].includes(loaded.row.state))
    throw invalid({ path: 'params.id', zh: '已办结的意见不能再添加附件', en: 'A closed opinion takes no more files' });
  const file = await cleanFile(bytes).catch((err: unknown) => {
    if (err instanceof AppError)
      throw invalid({
        path: 'body.file',
        zh: '只接受 JPEG、PNG、WebP 图片或 PDF 文件',
        en: 'Only JPEG, PNG or WebP images, or PDF files',
      });
    throw err;
  });
  const unit = caps.includes('leadUnit') || caps.includes('coUnit') ? loaded.row.lead_unit_id : null;
  return inTransaction(p.db, async (trx) => {
    const { n } = await trx
      .selectFrom('opinion_file')
      .select((e) => e.fn.countAll<string>().as('n'))
      .where('opinion_id', '=', id)
      .executeTakeFirstOrThrow();
    if (Number(n) >= MAX_OPINION_FILES)
      throw invalid({
        path: 'body.file',
        zh: `每条意见最多 ${MAX_OPINION_FILES} 个附件`,
        en: `At most ${MAX_OPINION_FILES} files per opinion`,
      });
    const fileId = await fileStore(p).save(trx, file, actor.userId);
    const row = await trx
      .insertInto('opinion_file')
      .values({ opinion_id: id, file_id: fileId, name, added_by: actor.userId, unit_id: unit })
      .returning('id')
      .executeTakeFirstOrThrow();
    await p.audit.record(trx, ctx, {
      action: 'opinion.addFile',
      subjectType: 'opinion',
      subjectId: id,
      summary: { fileId, contentType: file.contentType, size: file.bytes.length },
    });
    return { id: row.id, contentType: file.contentType, name };
  });
}

/** The files of an opinion, for its page. */
export async function listOpinionFiles(p: Platform, id: number) {
  const rows = await p.db
    .selectFrom('opinion_file as f')
    .leftJoin('organization as u', 'u.id', 'f.unit_id')
    .select(['f.id', 'f.file_id', 'f.name', 'u.name as unit_name', 'f.created_at'])
    .where('f.opinion_id', '=', id)
    .orderBy('f.id')
    .execute();
  const facts = await fileFacts(
    p.db,
    rows.map((r) => r.file_id),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    contentType: facts.get(r.file_id)?.contentType ?? 'application/octet-stream',
    size: facts.get(r.file_id)?.size ?? 0,
    unitName: r.unit_name,
    createdAt: r.created_at.toISOString(),
  }));
}

/** One file's bytes, for a user who may read the opinion. */
export async function readOpinionFile(p: Platform, actor: Actor, id: number, fileId: number) {
  const loaded = await loadForAction(p.db, id, false, p.config.opinions);
  if (!loaded || !canRead(actor, loaded.scope)) throw new AppError('NOT_FOUND');
  const row = await p.db
    .selectFrom('opinion_file')
    .select('file_id')
    .where('id', '=', fileId)
    .where('opinion_id', '=', id)
    .executeTakeFirst();
  const file = row ? await fileStore(p).read(p, row.file_id) : null;
  if (!file) throw new AppError('NOT_FOUND');
  return file;
}
