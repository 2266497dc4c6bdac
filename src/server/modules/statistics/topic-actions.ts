// A hot-topic cluster turned into a livelihood-project candidate: the candidate is proposed through
// the projects module (its checks and audit), and the link from the cluster's opinions to it is kept.
import { sql } from 'kysely';
import type { TopicProjectInput } from '../../../contracts/statistics.js';
import { inTransaction } from '../../db/database.js';
import { authorize, scopesFor, type Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { invalid } from '../../platform/errors/errors.js';
import { proposeProject } from '../projects/reserve.js';

/** Proposes the cluster as a project candidate (source: its first opinion) and records the link. */
export async function topicToProject(p: Platform, ctx: RequestContext, actor: Actor, input: TopicProjectInput) {
  authorize(actor, 'statistics.read');
  const ids = [...new Set(input.opinionIds)];
  const areas = scopesFor(actor, 'statistics.read');
  // Every opinion must be one the actor's statistics cover.
  const { rows } = await sql<{ n: string }>`
    SELECT count(*) AS n FROM stat_opinion_fact f JOIN organization g ON g.id = f.org_id
    WHERE f.opinion_id = ANY(${ids}::bigint[]) AND g.path <@ ANY(${areas}::ltree[])`.execute(p.db);
  if (Number(rows[0]?.n ?? 0) !== ids.length)
    throw invalid({
      path: 'body.opinionIds',
      zh: '意见不在您的统计范围内',
      en: 'Some opinions are outside your scope',
    });
  const projectId = await proposeProject(p, ctx, actor, {
    ...input.project,
    source: 'opinion',
    sourceOpinionId: ids[0]!,
  });
  const linkId = await inTransaction(p.db, async (trx) => {
    const { id } = await trx
      .insertInto('stat_topic_link')
      .values({ kind: 'project', target_id: projectId, label: input.label, opinion_ids: ids, created_by: actor.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await p.audit.record(trx, ctx, {
      action: 'statistics.topicToProject',
      subjectType: 'project',
      subjectId: projectId,
      summary: { label: input.label, opinionIds: ids },
    });
    return Number(id);
  });
  return { projectId, linkId };
}

/** The projects a set of opinions' clusters were turned into (for the cluster list). */
export async function topicLinks(p: Platform, opinionIds: readonly number[]) {
  if (!opinionIds.length) return [];
  const rows = await p.db
    .selectFrom('stat_topic_link')
    .select(['kind', 'target_id', 'label', 'opinion_ids'])
    .where(sql<boolean>`opinion_ids && ${[...opinionIds]}::bigint[]`)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    kind: r.kind,
    targetId: Number(r.target_id),
    label: r.label,
    opinionIds: r.opinion_ids.map(Number),
  }));
}
