// A suggestion draft started from a set of constituents' opinions that the statistics found alike
// (a hot topic): by the deputy themselves, or by the district committee for a deputy of its
// subtree. The opinions are linked as the suggestion's source opinions (as "from opinions" does),
// without the opinion's take-up step: a hot topic's opinions need not have been escalated.
import { sql } from 'kysely';
import type { Tx } from '../../db/database.js';
import { can, type Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors/errors.js';
import { deputyOfAccount, servingDeputiesWithin } from '../deputies/names.js';
import { deputyOrgsSql } from '../deputies/stat-source.js';
import { insertDraftInTx } from './drafts.js';

export interface OpinionsDraft {
  /** Another deputy than the actor's own (the committee drafting for them). */
  deputyId?: number;
  sessionId?: number;
  title: string;
  content: string;
  opinionIds: readonly number[];
  /** Where the draft came from, kept in its first event (e.g. the hot topic's label). */
  origin: Record<string, unknown>;
}

/** The serving deputy the draft is for: the actor's own, or one of the committee's subtree. */
async function draftDeputy(trx: Tx, actor: Actor, deputyId: number | undefined) {
  if (deputyId === undefined || !can(actor, 'suggestion.review')) {
    if (deputyId !== undefined) throw new AppError('FORBIDDEN');
    const own = actor.roles.some((g) => g.role === 'deputy') ? await deputyOfAccount(trx, actor.userId) : undefined;
    if (!own || own.status !== 'serving') throw new AppError('SUGGESTION_NOT_A_DEPUTY');
    return own;
  }
  const { rows } = await sql<{ org_path: string }>`SELECT o.path AS org_path FROM (${deputyOrgsSql}) d
    JOIN organization o ON o.id = d.org_id WHERE d.deputy_id = ${deputyId}`.execute(trx);
  const path = rows[0]?.org_path;
  const serving = path ? await servingDeputiesWithin(trx, [deputyId], path) : [];
  if (!path || !serving.length || !can(actor, 'suggestion.review', { orgPath: path }))
    throw invalid({
      path: 'body.deputyId',
      zh: '代表不存在、不在任或不在您的范围内',
      en: 'No such serving deputy in your scope',
    });
  const d = { id: deputyId, org_path: path };
  return d;
}

/** The session asked for, or the newest open one whose committee's subtree holds the deputy. */
async function draftSession(trx: Tx, deputyPath: string, sessionId: number | undefined) {
  let q = trx
    .selectFrom('congress_session as cs')
    .innerJoin('organization as o', 'o.id', 'cs.org_id')
    .select(['cs.id', 'cs.org_id', 'o.path'])
    .where('cs.open', '=', true)
    .where(sql<boolean>`${deputyPath}::ltree <@ o.path`);
  if (sessionId !== undefined) q = q.where('cs.id', '=', sessionId);
  const s = await q.orderBy('cs.year', 'desc').orderBy('cs.id', 'desc').executeTakeFirst();
  if (!s)
    throw invalid({
      path: 'body.sessionId',
      zh: sessionId === undefined ? '没有可以提交建议的会议' : '会议不存在或已截止提交',
      en: sessionId === undefined ? 'No session is open for suggestions' : 'No such session, or it is closed',
    });
  return s;
}

/**
 * A new draft owned by the deputy, with the opinions linked as its source opinions, its first
 * event and audit row, in the caller's transaction. The caller has checked the opinions are ones
 * the actor may draw on.
 */
export async function draftFromOpinionsInTx(
  trx: Tx,
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  input: OpinionsDraft,
): Promise<{ id: number; deputyId: number }> {
  const deputy = await draftDeputy(trx, actor, input.deputyId);
  const session = await draftSession(trx, deputy.org_path, input.sessionId);
  const id = await insertDraftInTx(trx, p, ctx, actor, {
    deputyId: deputy.id,
    session,
    title: input.title,
    content: input.content,
    opinionIds: input.opinionIds,
    origin: input.origin,
  });
  return { id, deputyId: deputy.id };
}
