// A hot-topic cluster turned into a livelihood-project candidate (through the projects module, its
// checks and audit) or into a deputy's suggestion draft (through the suggestions module); the link
// from the cluster's opinions to what it became is kept and shown both ways.
import { sql } from 'kysely';
import type { TopicOrigin, TopicProjectInput, TopicSuggestionInput } from '../../../contracts/statistics.js';
import { inTransaction } from '../../db/database.js';
import { authorize, type Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors/errors.js';
import { formatReceiptCode } from '../opinions/receipt.js';
import { opinionSummaries } from '../opinions/rollup-source.js';
import { proposeProject } from '../projects/reserve.js';
import { deidentify } from '../../platform/text/names.js';
import { loadForActor } from '../suggestions/load.js';
import { draftFromOpinionsInTx } from '../suggestions/topic-drafts.js';
import { topicAreas } from './scope.js';

/**
 * The opinions (short summaries) when every one lies in an area whose hot topics the actor sees;
 * a field error otherwise (one outside is not told apart from one that does not exist).
 */
async function opinionsInScope(p: Platform, actor: Actor, ids: readonly number[]) {
  const areas = topicAreas(actor);
  if (!areas.length) throw new AppError('FORBIDDEN');
  const found = await opinionSummaries(p.db, ids);
  const orgIds = [...new Set(found.map((o) => o.orgId))];
  const { rows } = orgIds.length
    ? await sql<{ id: string; name: string }>`SELECT id, name FROM organization
        WHERE id = ANY(${orgIds}::bigint[]) AND path <@ ANY(${areas}::ltree[])`.execute(p.db)
    : { rows: [] };
  const names = new Map(rows.map((r) => [Number(r.id), r.name]));
  if (found.length !== ids.length || found.some((o) => !names.has(o.orgId)))
    throw invalid({
      path: 'body.opinionIds',
      zh: '意见不存在或不在您的范围内',
      en: 'Some opinions do not exist or are outside your scope',
    });
  return found.map((o) => ({ ...o, orgName: names.get(o.orgId)! }));
}

/** Proposes the cluster as a project candidate (source: its first opinion) and records the link. */
export async function topicToProject(p: Platform, ctx: RequestContext, actor: Actor, input: TopicProjectInput) {
  authorize(actor, 'statistics.read');
  const ids = [...new Set(input.opinionIds)];
  await opinionsInScope(p, actor, ids);
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

/** How many opinions a draft's text lists (all of them are linked). */
const LISTED = 30;

/**
 * The draft's text: where it came from (the hot topic, the period, how many opinions, which
 * stations) and what the constituents said, each opinion by its receipt code with the start of its
 * text de-identified (names, phone numbers, ID numbers and e-mail addresses masked).
 */
function draftText(input: TopicSuggestionInput, opinions: Awaited<ReturnType<typeof opinionsInScope>>) {
  const stations = new Map<string, number>();
  for (const o of opinions) stations.set(o.orgName, (stations.get(o.orgName) ?? 0) + 1);
  const where = [...stations]
    .sort((a, b) => b[1] - a[1])
    .map(([name, n]) => `${name}${n}件`)
    .join('、');
  const period = input.from && input.to ? `${input.from}至${input.to}，` : '';
  const listed = [...opinions].sort((a, b) => a.id - b.id).slice(0, LISTED);
  return [
    `本建议源自热点问题「${input.label}」：${period}共${opinions.length}件相似的群众意见，涉及${where}。`,
    '',
    '群众反映的主要情况（已隐去个人姓名和联系方式）：',
    ...listed.map((o, i) => `${i + 1}. ${formatReceiptCode(o.receiptCode)}：${deidentify(o.content)}`),
    ...(opinions.length > LISTED ? [`……另有${opinions.length - LISTED}件，见所附群众意见。`] : []),
  ].join('\n');
}

/**
 * Drafts a suggestion from the cluster: a draft owned by the deputy (the actor, or the one the
 * committee names), its text prefilled, the opinions linked as its source opinions; the link from
 * the cluster is kept and audited, all in one transaction.
 */
export async function topicToSuggestion(p: Platform, ctx: RequestContext, actor: Actor, input: TopicSuggestionInput) {
  const ids = [...new Set(input.opinionIds)];
  const opinions = await opinionsInScope(p, actor, ids);
  return inTransaction(p.db, async (trx) => {
    const draft = await draftFromOpinionsInTx(trx, p, ctx, actor, {
      deputyId: input.deputyId,
      sessionId: input.sessionId,
      title: input.title,
      content: draftText(input, opinions),
      opinionIds: ids,
      origin: { fromTopic: input.label },
    });
    const { id } = await trx
      .insertInto('stat_topic_link')
      .values({
        kind: 'suggestion',
        target_id: draft.id,
        label: input.label,
        opinion_ids: ids,
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await p.audit.record(trx, ctx, {
      action: 'statistics.topicToSuggestion',
      subjectType: 'suggestion',
      subjectId: draft.id,
      summary: { label: input.label, opinionIds: ids, deputyId: draft.deputyId },
    });
    return { suggestionId: draft.id, linkId: Number(id) };
  });
}

/** The hot topic a suggestion was drafted from, to whoever may read the suggestion. */
export async function topicOrigin(p: Platform, actor: Actor, suggestionId: number): Promise<TopicOrigin> {
  await loadForActor(p.db, actor, suggestionId, false);
  const link = await p.db
    .selectFrom('stat_topic_link')
    .select(['label', 'opinion_ids', 'created_at'])
    .where('kind', '=', 'suggestion')
    .where('target_id', '=', suggestionId)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return {
    origin: link
      ? { label: link.label, opinions: link.opinion_ids.length, createdAt: link.created_at.toISOString() }
      : null,
  };
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
