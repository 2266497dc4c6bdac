import { sql } from 'kysely';
import type { z } from 'zod';
import { sixHaves, type AssessmentInput, type Assessments } from '../../../contracts/duty.js';
import { inTransaction, type Db, type Tx } from '../../db/database.js';
import { can, isWithin, scopesFor, type Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors/errors.js';
import { cleanPhoto } from '../../platform/files/images.js';
import { fileFacts, fileStore } from '../../platform/files/store.js';
import { activeStationsInScope } from '../stations/members.js';
import { rulesFor } from './points.js';

/** The station standard that applies to a station in a year: the district's rules, else "六有". */
export async function standardFor(db: Db | Tx, orgPath: string, year: number) {
  return (await rulesFor(db, orgPath, year))?.rules.stationStandard ?? sixHaves;
}

async function stationOrg(db: Db | Tx, stationId: number) {
  const org = await db
    .selectFrom('organization')
    .select(['id', 'path', 'name', 'kind'])
    .where('id', '=', stationId)
    .executeTakeFirst();
  if (!org || org.kind !== 'station') throw new AppError('NOT_FOUND');
  return org;
}

/**
 * The committee assesses a station against the standard of the year: each item met or not, with a
 * note; the score and whether it passes follow from the standard. A station does not assess itself.
 */
export async function assessStation(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  input: z.infer<typeof AssessmentInput>,
) {
  const station = await stationOrg(p.db, input.stationId);
  if (!can(actor, 'duty.read', { orgPath: station.path })) throw new AppError('NOT_FOUND');
  const above = scopesFor(actor, 'duty.check').some((s) => isWithin(station.path, s) && s !== station.path);
  if (!above) throw new AppError('FORBIDDEN');
  const standard = await standardFor(p.db, station.path, input.year);
  const unknown = input.items.findIndex((i) => !standard.items.some((s) => s.key === i.key));
  if (unknown >= 0)
    throw invalid({ path: `body.items.${unknown}.key`, zh: '不是考核标准中的项目', en: 'Not an item of the standard' });
  const items = standard.items.map((s) => {
    const given = input.items.find((i) => i.key === s.key);
    return { key: s.key, met: given?.met ?? false, note: given?.note ?? null };
  });
  const score = standard.items.reduce((sum, s, i) => sum + (items[i]!.met ? s.points : 0), 0);
  const passed = score >= standard.passScore;
  return inTransaction(p.db, async (trx) => {
    const row = await trx
      .insertInto('duty_assessment')
      .values({
        station_id: station.id,
        org_path: station.path,
        year: input.year,
        standard: JSON.stringify(standard),
        items: JSON.stringify(items),
        score: String(score),
        passed,
        assessed_by: actor.userId,
      })
      .onConflict((oc) =>
        oc.columns(['station_id', 'year']).doUpdateSet({
          standard: JSON.stringify(standard),
          items: JSON.stringify(items),
          score: String(score),
          passed,
          assessed_by: actor.userId,
          assessed_at: new Date(),
        }),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    await p.audit.record(trx, ctx, {
      action: 'duty.assessStation',
      subjectType: 'station',
      subjectId: station.id,
      summary: { after: { year: input.year, items, score, passed } },
    });
    return { id: row.id, score, passed };
  });
}

/** Attaches a photo as evidence of one item (by the station itself or the committee). */
export async function addAssessmentEvidence(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  itemKey: string,
  bytes: Buffer,
) {
  const a = await p.db
    .selectFrom('duty_assessment')
    .select(['org_path', 'standard'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!a || !can(actor, 'duty.read', { orgPath: a.org_path })) throw new AppError('NOT_FOUND');
  if (!can(actor, 'duty.check', { orgPath: a.org_path })) throw new AppError('FORBIDDEN');
  if (!(a.standard as typeof sixHaves).items.some((i) => i.key === itemKey))
    throw invalid({ path: 'query.item', zh: '不是考核标准中的项目', en: 'Not an item of the standard' });
  const photo = await cleanPhoto(bytes);
  await inTransaction(p.db, async (trx) => {
    const fileId = await fileStore(p).save(trx, photo, actor.userId);
    await trx
      .insertInto('duty_assessment_file')
      .values({ assessment_id: id, item_key: itemKey, file_id: fileId, added_by: actor.userId })
      .execute();
    await p.audit.record(trx, ctx, {
      action: 'duty.assessmentEvidence',
      subjectType: 'dutyAssessment',
      subjectId: id,
      summary: { after: { itemKey, fileId } },
    });
  });
}

/** The year's assessments of the stations in scope; a station not assessed yet falls short. Passing ones first by score. */
export async function listAssessments(p: Platform, actor: Actor, year: number): Promise<z.infer<typeof Assessments>> {
  const stations = await activeStationsInScope(p.db, actor, 'duty.read');
  const ids = stations.map((s) => s.id);
  const rows = ids.length
    ? await p.db
        .selectFrom('duty_assessment as a')
        .select([
          'a.id',
          'a.station_id',
          'a.org_path',
          'a.standard',
          'a.items',
          'a.score',
          'a.passed',
          sql<{ id: number; item: string; fileId: number }[]>`coalesce((SELECT json_agg(json_build_object(
            'id', f.id, 'item', f.item_key, 'fileId', f.file_id) ORDER BY f.id)
            FROM duty_assessment_file f WHERE f.assessment_id = a.id), '[]'::json)`.as('files'),
        ])
        .where(sql<boolean>`a.station_id = ANY(${ids}::bigint[])`)
        .where('a.year', '=', year)
        .execute()
    : [];
  const facts = await fileFacts(
    p.db,
    rows.flatMap((r) => r.files.map((f) => f.fileId)),
  );
  const byStation = new Map(rows.map((r) => [r.station_id, r]));
  const out = [];
  for (const s of stations) {
    const a = byStation.get(s.id);
    const standard = a
      ? (a.standard as typeof sixHaves)
      : await standardFor(p.db, (await stationOrg(p.db, s.id)).path, year);
    const items = (a?.items ?? []) as { key: string; met: boolean; note: string | null }[];
    out.push({
      stationId: s.id,
      stationName: s.name,
      assessmentId: a?.id ?? null,
      items: standard.items.map((it) => {
        const got = items.find((i) => i.key === it.key);
        return {
          ...it,
          met: got?.met ?? false,
          note: got?.note ?? null,
          evidence: (a?.files ?? [])
            .filter((f) => f.item === it.key)
            .map((f) => ({ id: f.id, contentType: facts.get(f.fileId)?.contentType ?? 'image/jpeg' })),
        };
      }),
      score: a ? Number(a.score) : null,
      passScore: standard.passScore,
      passed: a?.passed ?? false,
    });
  }
  out.sort((x, y) => Number(y.passed) - Number(x.passed) || (y.score ?? -1) - (x.score ?? -1));
  return { year, rows: out };
}
