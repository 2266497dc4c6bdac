// The public comment period (公开征求意见) before a vote: the committee opens it on a draft vote
// until a day; constituents on the portal support a candidate or comment on it (name and phone
// optional, kept sealed and shown masked); comments appear on the portal once the committee
// publishes them; the committee sees every comment and the counts. Opening the vote ends it.
import { sql } from 'kysely';
import type { z } from 'zod';
import type { Consultation, PublicCommentInput } from '../../../contracts/projects.js';
import { inTransaction, type Db } from '../../db/database.js';
import type { Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import { chinaToday } from '../../platform/calendar/dates.js';
import type { Platform } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors/errors.js';
import { hit } from '../../platform/http/rate-limit.js';
import { maskName, maskPhone } from '../../platform/text/personal-data.js';
import { rateDigest } from '../receptions/appointments.js';
import { candidatesOf, loadVoteForManage, voteStateError } from './votes.js';

/** Comments from one address per hour (a family or an office may share one). */
export const COMMENTS_PER_HOUR = 20;

/** Opens (or moves the end of) the comment period of a draft selection vote: until the end of that day, China time. */
export async function openComments(p: Platform, ctx: RequestContext, actor: Actor, voteId: number, until: string) {
  if (until < chinaToday())
    throw invalid({ path: 'body.until', zh: '截止日期不能早于今天', en: 'The end cannot be before today' });
  await inTransaction(p.db, async (trx) => {
    const { v } = await loadVoteForManage(trx, actor, voteId, 'update');
    if (v.state !== 'draft' || v.kind !== 'selection')
      throw voteStateError(v.state, { zh: '公开征求意见', en: 'opened for public comment' });
    await trx
      .updateTable('project_vote')
      .set({ comment_until: sql`(${until}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'` })
      .where('id', '=', voteId)
      .execute();
    await p.audit.record(trx, ctx, {
      action: 'project.comments.open',
      subjectType: 'projectVote',
      subjectId: voteId,
      summary: { before: { commentUntil: v.comment_until?.toISOString() ?? null }, after: { until } },
    });
  });
}

/** Draft votes whose comment period is running (SQL condition on `v`). */
const runningSql = sql<boolean>`v.state = 'draft' AND v.comment_until > now()`;

/** A constituent's support or comment on a candidate (rate-limited per address). */
export async function addComment(
  p: Platform,
  ctx: RequestContext,
  voteId: number,
  input: z.infer<typeof PublicCommentInput>,
) {
  if (ctx.ip)
    await hit(p.db, [{ key: `project-comment:${rateDigest(p, ctx.ip)}`, max: COMMENTS_PER_HOUR, windowSeconds: 3600 }]);
  if (!input.support && !input.body)
    throw invalid({ path: 'body.body', zh: '请填写意见，或表示支持', en: 'Write a comment, or support the project' });
  const open = await p.db
    .selectFrom('project_vote as v')
    .innerJoin('project_vote_candidate as c', 'c.vote_id', 'v.id')
    .select('v.id')
    .where('v.id', '=', voteId)
    .where('c.project_id', '=', input.projectId)
    .where(runningSql)
    .executeTakeFirst();
  if (!open) throw new AppError('PROJECT_COMMENTS_CLOSED');
  await inTransaction(p.db, async (trx) => {
    const { id } = await trx
      .insertInto('project_comment')
      .values({
        vote_id: voteId,
        project_id: input.projectId,
        support: input.support,
        body: input.body ?? null,
        name: input.name || null,
        phone_sealed: input.phone ? p.fields.encrypt(input.phone) : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await p.audit.record(trx, ctx, {
      action: 'project.comment',
      subjectType: 'projectVote',
      subjectId: voteId,
      summary: { after: { commentId: id, projectId: input.projectId, support: input.support } },
    });
  });
}

async function supportCounts(db: Db, voteIds: number[]) {
  if (!voteIds.length) return [];
  return db
    .selectFrom('project_comment')
    .select([
      'vote_id',
      'project_id',
      sql<number>`(count(*) FILTER (WHERE support))::int`.as('supports'),
      sql<number>`(count(*) FILTER (WHERE body IS NOT NULL))::int`.as('comments'),
    ])
    .where('vote_id', 'in', voteIds)
    .where('state', '<>', 'hidden')
    .groupBy(['vote_id', 'project_id'])
    .execute();
}

/** The running consultations for the portal: candidates, support counts and published comments. */
export async function consultations(p: Platform): Promise<{ items: Consultation[] }> {
  const votes = await p.db
    .selectFrom('project_vote as v')
    .select(['v.id', 'v.year', 'v.name', 'v.comment_until'])
    .where(runningSql)
    .orderBy('v.id')
    .execute();
  const ids = votes.map((v) => v.id);
  const [counts, published] = await Promise.all([
    supportCounts(p.db, ids),
    ids.length
      ? p.db
          .selectFrom('project_comment')
          .select(['vote_id', 'project_id', 'name', 'body', 'created_at'])
          .where('vote_id', 'in', ids)
          .where('state', '=', 'published')
          .where('body', 'is not', null)
          .orderBy('id', 'desc')
          .execute()
      : [],
  ]);
  const items: Consultation[] = [];
  for (const v of votes) {
    const cands = await candidatesOf(p.db, v.id);
    items.push({
      voteId: v.id,
      year: v.year,
      name: v.name,
      until: v.comment_until!.toISOString(),
      candidates: cands.map((c) => ({
        projectId: c.project_id,
        title: c.title,
        description: c.description,
        cost: c.cost,
        unitName: c.unit_name,
        location: c.location,
        supports: counts.find((n) => n.vote_id === v.id && n.project_id === c.project_id)?.supports ?? 0,
        comments: published
          .filter((m) => m.vote_id === v.id && m.project_id === c.project_id)
          .slice(0, 50)
          .map((m) => ({
            name: m.name ? maskName(m.name) : null,
            body: m.body!,
            createdAt: m.created_at.toISOString(),
          })),
      })),
    });
  }
  return { items };
}

/** Every comment of a vote for the committee (personal data masked) and the counts per candidate. */
export async function commentsOf(p: Platform, actor: Actor, voteId: number) {
  await loadVoteForManage(p.db, actor, voteId);
  const [rows, counts] = await Promise.all([
    p.db.selectFrom('project_comment').selectAll().where('vote_id', '=', voteId).orderBy('id', 'desc').execute(),
    supportCounts(p.db, [voteId]),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      projectId: r.project_id,
      support: r.support,
      body: r.body,
      name: r.name ? maskName(r.name) : null,
      phone: r.phone_sealed ? maskPhone(p.fields.decrypt(r.phone_sealed)) : null,
      state: r.state as 'pending',
      createdAt: r.created_at.toISOString(),
    })),
    counts: counts.map((c) => ({ projectId: c.project_id, supports: c.supports, comments: c.comments })),
  };
}

/** The committee publishes a comment on the portal, or hides it (moderation). */
export async function moderateComment(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  voteId: number,
  commentId: number,
  state: 'published' | 'hidden',
) {
  await inTransaction(p.db, async (trx) => {
    await loadVoteForManage(trx, actor, voteId);
    const row = await trx
      .updateTable('project_comment')
      .set({ state, moderated_by: actor.userId, moderated_at: sql`now()` })
      .where('id', '=', commentId)
      .where('vote_id', '=', voteId)
      .returning('id')
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    await p.audit.record(trx, ctx, {
      action: 'project.comment.moderate',
      subjectType: 'projectVote',
      subjectId: voteId,
      summary: { after: { commentId, state } },
    });
  });
}
