import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import { PublicSubmission } from '../../../contracts/portal.js';
import { inTransaction } from '../../db/database.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors/errors.js';
import { describeIssue } from '../../platform/errors/zod-messages.js';
import { cleanPhoto, PHOTO_MAX_BYTES } from '../../platform/files/images.js';
import { fileStore, type NewFile } from '../../platform/files/store.js';
import { hit } from '../../platform/http/rate-limit.js';
import { readOtpToken } from '../../platform/notify/otp.js';
import { normalizePhone } from '../../platform/text/personal-data.js';
import { publicDeputies } from '../deputies/public-view.js';
import { attachFiles, opinionFileCount } from '../opinions/public-view.js';
import { lockIdempotencyKey, opinionByKey, registerInTx } from '../opinions/registration.js';
import { isOnlineStation, stationMembersWithHead } from '../stations/public-view.js';
import { spendSolution } from './pow.js';

export const MAX_PHOTOS = 6;

/** The submission and its photos, from JSON or from a multipart form (`data` + `photo` files). */
export async function readSubmission(req: FastifyRequest): Promise<{ data: unknown; photos: Buffer[] }> {
  if (!req.isMultipart()) return { data: req.body, photos: [] };
  let data: unknown = undefined;
  const photos: Buffer[] = [];
  const tooLarge = invalid({
    path: 'body.photo',
    zh: `每张照片不能超过 ${PHOTO_MAX_BYTES / 1024 / 1024} MB`,
    en: `Each photo must not exceed ${PHOTO_MAX_BYTES / 1024 / 1024} MB`,
  });
  const tooMany = invalid({
    path: 'body.photo',
    zh: `最多上传 ${MAX_PHOTOS} 张照片`,
    en: `At most ${MAX_PHOTOS} photos`,
  });
  try {
    for await (const part of req.parts({
      limits: { files: MAX_PHOTOS, fileSize: PHOTO_MAX_BYTES, parts: MAX_PHOTOS + 2, fieldSize: 64 * 1024 },
    })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'photo')
          throw invalid({ path: `body.${part.fieldname}`, zh: '未知的文件字段', en: 'Unknown file field' });
        const bytes = await part.toBuffer();
        if (bytes.length) photos.push(bytes);
      } else if (part.fieldname === 'data') {
        try {
          data = JSON.parse(String(part.value));
        } catch {
          throw invalid({ path: 'body.data', zh: '提交内容格式不正确', en: 'The data field is not valid JSON' });
        }
      }
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge;
    if (code === 'FST_FILES_LIMIT') throw tooMany;
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw tooMany;
    throw err;
  }
  return { data, photos };
}

function parse(data: unknown): PublicSubmission {
  const r = PublicSubmission.safeParse(data);
  if (r.success) return r.data;
  throw new AppError('VALIDATION_FAILED', {
    fields: r.error.issues.map((i) =>
      describeIssue(i.path.length ? `body.${i.path.join('.')}` : 'body', i as Parameters<typeof describeIssue>[1]),
    ),
  });
}

const digest = (p: Platform, what: string) =>
  crypto.createHmac('sha256', p.keys.fields).update(`rate:${what}`).digest('base64url').slice(0, 24);

/**
 * A constituent's opinion from the portal: limited per address, proof-of-work spent, phone
 * proved by a one-time code, photos checked by content and stripped of EXIF, all in the closed
 * loop's own registration. A retry with the same idempotency key returns the first result.
 */
export async function submitFromPortal(p: Platform, ctx: RequestContext, raw: { data: unknown; photos: Buffer[] }) {
  const input = parse(raw.data);
  const limits = p.config.portal;
  if (ctx.ip)
    await hit(p.db, [
      { key: `submit:h:${digest(p, ctx.ip)}`, max: limits.submitPerHour, windowSeconds: 3600 },
      { key: `submit:d:${digest(p, ctx.ip)}`, max: limits.submitPerDay, windowSeconds: 86400 },
    ]);
  const key = `portal:${input.idempotencyKey}`;
  let phone: string | null = null;
  if (!input.anonymous && input.phone) {
    phone = normalizePhone(input.phone);
    const proved = input.phoneToken ? readOtpToken(p, input.phoneToken, 'portal') : null;
    if (!proved || normalizePhone(proved.phone) !== phone)
      throw invalid({
        path: 'body.phoneToken',
        zh: '请先获取并填写短信验证码，验证手机号码',
        en: 'Verify the phone number with the SMS code first',
      });
  }
  if (!(await isOnlineStation(p.db, input.stationId)))
    throw invalid({
      path: 'body.stationId',
      zh: '联络站不存在或暂停网上受理',
      en: 'No such station, or it is not online',
    });
  if (input.deputyId) {
    // A member of the station (the station's word) who is serving (the deputies' word).
    const member =
      (await stationMembersWithHead(p.db, input.stationId)).some((m) => m.deputy_id === input.deputyId) &&
      (await publicDeputies(p.db, [input.deputyId])).length > 0;
    if (!member)
      throw invalid({ path: 'body.deputyId', zh: '该联络站没有这位代表', en: 'No such deputy at this station' });
  }
  // Photos are checked before the proof of work is spent: a refused photo costs no new puzzle.
  const cleaned: NewFile[] = [];
  for (const [i, bytes] of raw.photos.entries()) cleaned.push(await cleanPhoto(bytes, `body.photo.${i}`));
  const result = await inTransaction(p.db, async (trx) => {
    // A retry after a lost answer, or the same submission sent twice at once: one runs, the others
    // wait for it and get its result (no second proof needed, nothing new stored).
    await lockIdempotencyKey(trx, key);
    const seen = await opinionByKey(trx, key);
    if (!seen) await spendSolution(p, input.altcha, trx);
    const r = await registerInTx(
      trx,
      p,
      {
        orgId: input.stationId,
        channel: input.via,
        content: input.content,
        location: input.location ?? null,
        categoryId: input.categoryId ?? null,
        deputyIds: input.deputyId ? [input.deputyId] : [],
        constituent: input.anonymous
          ? { anonymous: true }
          : { anonymous: false, name: input.name ?? null, phone, address: null },
        idempotencyKey: key,
      },
      { kind: 'constituent' },
      { found: seen },
    );
    if (!seen) {
      const fileIds: number[] = [];
      for (const file of cleaned) fileIds.push(await fileStore(p).save(trx, file, null));
      await attachFiles(trx, r.id, fileIds);
    }
    return r;
  });
  const photos = await opinionFileCount(p.db, result.id);
  return {
    ...result,
    followUrl: `/follow?code=${encodeURIComponent(result.receiptCode)}`,
    photos,
  };
}
