// The other end of a project's source link, for the pages of an opinion and of a suggestion (the
// console) and for the constituent following their opinion on the portal: the projects an opinion
// led to, directly or through a deputy's suggestion.
import { sql } from 'kysely';
import type { z } from 'zod';
import type { FollowRequest } from '../../../contracts/opinions.js';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { findByReceipt } from '../opinions/public.js';
import { suggestionIdsOfOpinion } from '../suggestions/project-links.js';
import { projectRows, readableProjectsSql } from './load.js';

type Ref = { opinionId?: number; suggestionId?: number };
const brief = (r: { id: number; title: string; year: number; state: string }) => ({
  id: r.id,
  title: r.title,
  year: r.year,
  state: r.state as 'chosen',
});

/** Projects from an opinion (directly or through its suggestions) or from a suggestion, as a condition on `pr`. */
async function fromSql(db: Db, ref: Ref) {
  if (ref.suggestionId) return sql<boolean>`pr.source_suggestion_id = ${ref.suggestionId}`;
  const suggestions = await suggestionIdsOfOpinion(db, ref.opinionId ?? 0);
  return suggestions.length
    ? sql<boolean>`(pr.source_opinion_id = ${ref.opinionId ?? 0} OR pr.source_suggestion_id IN (${sql.join(suggestions)}))`
    : sql<boolean>`pr.source_opinion_id = ${ref.opinionId ?? 0}`;
}

/** Staff: the projects an opinion or a suggestion led to, among those the actor may read. */
export async function projectsFrom(p: Platform, actor: Actor, ref: Ref) {
  const rows = await projectRows(p.db)
    .where(readableProjectsSql(actor))
    .where(await fromSql(p.db, ref))
    .orderBy('pr.id')
    .execute();
  return { items: rows.map(brief) };
}

/** The constituent (receipt code + phone digits, as following the opinion): the projects their opinion led to. */
export async function projectsForReceipt(p: Platform, ctx: RequestContext, req: z.infer<typeof FollowRequest>) {
  const opinionId = await findByReceipt(p, ctx, req);
  const rows = await p.db
    .selectFrom('project as pr')
    .select(['pr.id', 'pr.title', 'pr.year', 'pr.state'])
    .where(await fromSql(p.db, { opinionId }))
    .orderBy('pr.id')
    .execute();
  return { items: rows.map(brief) };
}
