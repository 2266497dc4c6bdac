// Drafting (起草) by the lead deputy: a draft alone or from opinions, edited while a draft, co-signers
// invited and answering (联名/附议), each step one transaction with its event and audit row.
import type { z } from 'zod';
import type { DraftInput, DraftPatch } from '../../../contracts/suggestions.js';
import { inTransaction, type Tx } from '../../db/database.js';
import type { Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors/errors.js';
import { enqueue } from '../../platform/notify/outbox.js';
import { searchDocument, searchTerms } from '../../platform/text/segment.js';
import { accountsOfDeputies, deputyOfAccount, servingDeputiesUnder, servingDeputiesWithin } from '../deputies/names.js';
import { linkOpinionsInTx } from '../opinions/deputy-desk.js';
import { loadForActor } from './load.js';

/** The deputy linked to the actor, serving; refused otherwise (only deputies file suggestions). */
async function leadDeputy(trx: Tx, actor: Actor) {
  const d = actor.roles.some((g) => g.role === 'deputy') ? await deputyOfAccount(trx, actor.userId) : undefined;
  if (!d || d.status !== 'serving') throw new AppError('SUGGESTION_NOT_A_DEPUTY');
  return d;
}

/** An open session whose committee's subtree holds the deputy; a field error otherwise. */
async function openSession(trx: Tx, sessionId: number, deputyPath: string) {
  const s = await trx
    .selectFrom('congress_session as cs')
    .innerJoin('organization as o', 'o.id', 'cs.org_id')
    .select(['cs.id', 'cs.org_id', 'o.path', 'cs.open'])
    .where('cs.id', '=', sessionId)
    .executeTakeFirst();
  if (!s || !s.open || !(deputyPath === s.path || deputyPath.startsWith(`${s.path}.`)))
    throw invalid({ path: 'body.sessionId', zh: '会议不存在或已截止提交', en: 'No such session, or it is closed' });
  return s;
}

/** The words of a suggestion as search terms and a tsvector document. */
function indexed(title: string, content: string) {
  const terms = searchTerms(`${title} ${content}`).slice(0, 200);
  return { terms, search: searchDocument(`${title} ${content}`) };
}

async function event(trx: Tx, actor: Actor, id: number, action: string, data?: Record<string, unknown>) {
  await trx
    .insertInto('suggestion_event')
    .values({
      suggestion_id: id,
      action,
      from_state: null,
      to_state: null,
      actor_id: actor.userId,
      actor_name: actor.displayName,
      data: data ? JSON.stringify(data) : null,
    })
    .execute();
}

/**
 * A new draft by the deputy linked to the actor, alone or from opinions (each must be one the
 * deputy may take up: an escalated opinion of their station; it is linked with its own event).
 */
export async function createDraft(p: Platform, ctx: RequestContext, actor: Actor, input: z.infer<typeof DraftInput>) {
  return inTransaction(p.db, async (trx) => {
    const deputy = await leadDeputy(trx, actor);
    const session = await openSession(trx, input.sessionId, deputy.org_path);
    return insertDraftInTx(trx, p, ctx, actor, {
      deputyId: deputy.id,
      session,
      title: input.title,
      content: input.content,
      fields: {
        reasons: input.reasons || null,
        measures: input.measures || null,
        category: input.category || null,
        publishable: input.publishable,
        not_public_reason: input.publishable ? null : input.notPublicReason || null,
      },
      opinionIds: input.opinionIds,
      // Each opinion taken up by the deputy gets its own event on the opinion's side.
      beforeLink: (id) => linkOpinionsInTx(trx, p, ctx, actor, input.opinionIds, `建议#${id}`),
    });
  });
}

/**
 * Inserts a draft led by the deputy given, with its source opinions (suggestion_opinion), its
 * first event and its audit row, in the caller's transaction. The caller has checked who may
 * draft, for which deputy, in which session, from which opinions.
 */
export async function insertDraftInTx(
  trx: Tx,
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  d: {
    deputyId: number;
    session: { id: number; org_id: number; path: string };
    title: string;
    content: string;
    fields?: {
      reasons?: string | null;
      measures?: string | null;
      category?: string | null;
      publishable?: boolean;
      not_public_reason?: string | null;
    };
    opinionIds: readonly number[];
    /** Kept in the first event and the audit row (e.g. the hot topic the draft came from). */
    origin?: Record<string, unknown>;
    beforeLink?: (id: number) => Promise<unknown>;
  },
): Promise<number> {
  const { id } = await trx
    .insertInto('suggestion')
    .values({
      org_id: d.session.org_id,
      org_path: d.session.path,
      session_id: d.session.id,
      lead_deputy_id: d.deputyId,
      title: d.title,
      content: d.content,
      publishable: true,
      ...d.fields,
      state: 'draft',
      created_by: actor.userId,
      ...indexed(d.title, d.content),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const opinionIds = [...new Set(d.opinionIds)];
  if (opinionIds.length) {
    await d.beforeLink?.(id);
    await trx
      .insertInto('suggestion_opinion')
      .values(opinionIds.map((opinion_id) => ({ suggestion_id: id, opinion_id })))
      .execute();
  }
  await event(trx, actor, id, 'draft', { opinionIds, ...d.origin });
  await p.audit.record(trx, ctx, {
    action: 'suggestion.draft',
    subjectType: 'suggestion',
    subjectId: id,
    summary: { title: d.title, sessionId: d.session.id, deputyId: d.deputyId, opinionIds, ...d.origin },
  });
  return Number(id);
}

/** Edits a draft (the lead deputy only, while it is a draft); opinions given are linked too. */
export async function updateDraft(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  patch: z.infer<typeof DraftPatch>,
) {
  return inTransaction(p.db, async (trx) => {
    const s = await loadForActor(trx, actor, id, true);
    if (!s.capacities.includes('lead')) throw new AppError('FORBIDDEN');
    if (s.row.state !== 'draft')
      throw new AppError('SUGGESTION_ILLEGAL_TRANSITION', {
        state: s.row.state,
        vars: { zh: { state: '非草稿', action: '修改' }, en: { state: 'not a draft', action: 'edited' } },
      });
    const deputy = await leadDeputy(trx, actor);
    const session = patch.sessionId ? await openSession(trx, patch.sessionId, deputy.org_path) : null;
    const next = { title: patch.title ?? s.row.title, content: patch.content ?? s.row.content };
    const publishable = patch.publishable ?? s.row.publishable;
    await trx
      .updateTable('suggestion')
      .set({
        ...(session ? { session_id: session.id, org_id: session.org_id, org_path: session.path } : {}),
        title: next.title,
        content: next.content,
        ...(patch.reasons !== undefined ? { reasons: patch.reasons || null } : {}),
        ...(patch.measures !== undefined ? { measures: patch.measures || null } : {}),
        ...(patch.category !== undefined ? { category: patch.category || null } : {}),
        publishable,
        not_public_reason: publishable ? null : (patch.notPublicReason ?? s.row.not_public_reason),
        ...indexed(next.title, next.content),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    const known = new Set(
      (await trx.selectFrom('suggestion_opinion').select('opinion_id').where('suggestion_id', '=', id).execute()).map(
        (r) => r.opinion_id,
      ),
    );
    const added = (patch.opinionIds ?? []).filter((o) => !known.has(o));
    if (added.length) {
      await linkOpinionsInTx(trx, p, ctx, actor, added, `建议#${id}`);
      await trx
        .insertInto('suggestion_opinion')
        .values([...new Set(added)].map((opinion_id) => ({ suggestion_id: id, opinion_id })))
        .execute();
    }
    await event(trx, actor, id, 'edit', { fields: Object.keys(patch) });
    await p.audit.record(trx, ctx, {
      action: 'suggestion.edit',
      subjectType: 'suggestion',
      subjectId: id,
      summary: { fields: Object.keys(patch), opinionIds: added },
    });
  });
}

/** The lead deputy invites co-signers (serving deputies of the same congress); each is told and must confirm. */
export async function inviteCoSigners(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  deputyIds: readonly number[],
) {
  return inTransaction(p.db, async (trx) => {
    const s = await loadForActor(trx, actor, id, true);
    if (!s.capacities.includes('lead')) throw new AppError('FORBIDDEN');
    if (s.row.state !== 'draft')
      throw invalid({
        path: 'body.deputyIds',
        zh: '提交后不能再邀请联名',
        en: 'Co-signers are invited before submitting',
      });
    const wanted = [...new Set(deputyIds)].filter((d) => d !== s.row.lead_deputy_id);
    const found = await servingDeputiesWithin(trx, wanted, s.row.org_path);
    const missing = wanted.findIndex((d) => !found.some((f) => f.id === d));
    if (missing >= 0 || !wanted.length)
      throw invalid({
        path: `body.deputyIds.${Math.max(missing, 0)}`,
        zh: '代表不存在、已不在任或不属于本级人大',
        en: 'No such serving deputy of this congress',
      });
    const inserted = await trx
      .insertInto('suggestion_signer')
      .values(wanted.map((deputy_id) => ({ suggestion_id: id, deputy_id, state: 'invited' })))
      .onConflict((oc) => oc.columns(['suggestion_id', 'deputy_id']).doNothing())
      .returning('deputy_id')
      .execute();
    const lead = await deputyOfAccount(trx, actor.userId);
    const accounts = await accountsOfDeputies(
      trx,
      inserted.map((r) => r.deputy_id),
    );
    for (const userId of accounts.values())
      await enqueue(trx, {
        type: 'suggestion.invited',
        to: { userId },
        vars: { title: s.row.title.slice(0, 30), leadName: lead?.name ?? actor.displayName },
        dedupeKey: `sug-invite:${id}:${userId}`,
      });
    await event(trx, actor, id, 'invite', { deputyIds: inserted.map((r) => r.deputy_id) });
    await p.audit.record(trx, ctx, {
      action: 'suggestion.invite',
      subjectType: 'suggestion',
      subjectId: id,
      summary: { deputyIds: inserted.map((r) => r.deputy_id) },
    });
  });
}

/** An invited deputy confirms (the suggestion is also their view) or declines; recorded with the time. */
export async function answerInvitation(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  accept: boolean,
  note: string | undefined,
) {
  return inTransaction(p.db, async (trx) => {
    const s = await loadForActor(trx, actor, id, true);
    if (!s.capacities.includes('invitee') || s.deputyId === null) throw new AppError('FORBIDDEN');
    if (!['draft', 'submitted'].includes(s.row.state))
      throw invalid({
        path: 'body.accept',
        zh: '该建议已不再征集联名',
        en: 'The suggestion no longer takes co-signers',
      });
    await trx
      .updateTable('suggestion_signer')
      .set({ state: accept ? 'confirmed' : 'declined', note: note ?? null, responded_at: new Date() })
      .where('suggestion_id', '=', id)
      .where('deputy_id', '=', s.deputyId)
      .execute();
    await event(trx, actor, id, 'signer', { deputyId: s.deputyId, accept });
    await p.audit.record(trx, ctx, {
      action: accept ? 'suggestion.cosign' : 'suggestion.decline',
      subjectType: 'suggestion',
      subjectId: id,
      summary: { deputyId: s.deputyId },
    });
  });
}

/** The lead deputy withdraws an invitation nobody answered (so that a draft can be submitted). */
export async function cancelInvitation(p: Platform, ctx: RequestContext, actor: Actor, id: number, deputyId: number) {
  return inTransaction(p.db, async (trx) => {
    const s = await loadForActor(trx, actor, id, true);
    if (!s.capacities.includes('lead')) throw new AppError('FORBIDDEN');
    const gone = await trx
      .deleteFrom('suggestion_signer')
      .where('suggestion_id', '=', id)
      .where('deputy_id', '=', deputyId)
      .where('state', '=', 'invited')
      .returning('deputy_id')
      .executeTakeFirst();
    if (!gone) throw new AppError('NOT_FOUND');
    await event(trx, actor, id, 'uninvite', { deputyId });
    await p.audit.record(trx, ctx, {
      action: 'suggestion.uninvite',
      subjectType: 'suggestion',
      subjectId: id,
      summary: { deputyId },
    });
  });
}

/** The deputies the lead deputy may invite: serving deputies of the suggestion's congress, not the lead, by name. */
export async function signerCandidates(p: Platform, actor: Actor, id: number, q: string | undefined) {
  const s = await loadForActor(p.db, actor, id, false);
  if (!s.capacities.includes('lead')) throw new AppError('FORBIDDEN');
  const rows = await servingDeputiesUnder(p.db, s.row.org_path, q);
  return rows
    .filter((r) => r.id !== s.row.lead_deputy_id)
    .map((r) => ({ id: r.id, name: r.name, orgName: r.org_name }));
}
