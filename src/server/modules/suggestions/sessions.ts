// Congress sessions (大会期间 / 闭会期间) with their number series, and the committee's rules (clocks).
import type { z } from 'zod';
import {
  type CongressSessionInput,
  type CongressSessionView,
  SuggestionRules,
} from '../../../contracts/suggestions.js';
import { inTransaction, type Db } from '../../db/database.js';
import { authorize, can, inScope, scopesFor, type Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors/errors.js';
import { sql } from 'kysely';
import { orgById } from '../org/tree.js';
import { deputyOfAccount } from '../deputies/names.js';
import { rulesFor } from './clock.js';

function present(r: {
  id: number;
  org_id: number;
  name: string;
  kind: string;
  year: number;
  prefix: string;
  open: boolean;
  count: number;
}): CongressSessionView {
  return {
    id: r.id,
    orgId: r.org_id,
    name: r.name,
    kind: r.kind as CongressSessionView['kind'],
    year: r.year,
    prefix: r.prefix,
    open: r.open,
    count: r.count,
  };
}

function sessions(db: Db) {
  return db
    .selectFrom('congress_session as cs')
    .innerJoin('organization as o', 'o.id', 'cs.org_id')
    .select(['cs.id', 'cs.org_id', 'cs.name', 'cs.kind', 'cs.year', 'cs.prefix', 'cs.open'])
    .select(
      sql<number>`(SELECT count(*) FROM suggestion s WHERE s.session_id = cs.id AND s.number IS NOT NULL)::int`.as(
        'count',
      ),
    );
}

/**
 * The sessions a user works with: the committee's in its subtree; a deputy's, those of the congress
 * that registers them (the committees above their organisation), newest first.
 */
export async function listSessions(p: Platform, actor: Actor): Promise<CongressSessionView[]> {
  const deputy = actor.roles.some((g) => g.role === 'deputy') ? await deputyOfAccount(p.db, actor.userId) : undefined;
  const rows = await sessions(p.db)
    .where((eb) =>
      eb.or([
        inScope(actor, 'suggestion.read', sql.ref('o.path')),
        ...(deputy ? [sql<boolean>`${deputy.org_path}::ltree <@ o.path`] : []),
        // A unit's staff: the sessions of the committees above their unit.
        ...scopesFor(actor, 'suggestion.handle').map((unit) => sql<boolean>`${unit}::ltree <@ o.path`),
      ]),
    )
    .orderBy('cs.year', 'desc')
    .orderBy('cs.id', 'desc')
    .execute();
  return rows.map(present);
}

/** A new session of the committee the officer holds the role on (or `orgId` within their scope). */
export async function createSession(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  input: z.infer<typeof CongressSessionInput> & { orgId?: number },
) {
  const orgId = input.orgId ?? actor.roles.find((g) => g.role === 'districtOfficer')?.orgId;
  const org = orgId ? await orgById(p.db, orgId) : undefined;
  if (!org) throw invalid({ path: 'body.orgId', zh: '请选择人大常委会', en: 'Choose the standing committee' });
  authorize(actor, 'suggestion.review', { orgPath: org.path });
  return inTransaction(p.db, async (trx) => {
    const clash = await trx
      .selectFrom('congress_session')
      .select('id')
      .where('org_id', '=', org.id)
      .where('name', '=', input.name)
      .executeTakeFirst();
    if (clash) throw invalid({ path: 'body.name', zh: '已有同名会议', en: 'A session of this name exists' });
    const { id } = await trx
      .insertInto('congress_session')
      .values({
        org_id: org.id,
        name: input.name,
        kind: input.kind,
        year: input.year,
        prefix: input.prefix,
        open: input.open,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await p.audit.record(trx, ctx, {
      action: 'suggestion.session.create',
      subjectType: 'congress_session',
      subjectId: id,
      summary: input,
    });
    return id;
  });
}

/** Opens or closes a session for new suggestions. */
export async function setSessionOpen(p: Platform, ctx: RequestContext, actor: Actor, id: number, open: boolean) {
  const row = await sessions(p.db).select('o.path').where('cs.id', '=', id).executeTakeFirst();
  if (!row || !can(actor, 'suggestion.read', { orgPath: row.path })) throw new AppError('NOT_FOUND');
  authorize(actor, 'suggestion.review', { orgPath: row.path });
  await inTransaction(p.db, async (trx) => {
    await trx.updateTable('congress_session').set({ open }).where('id', '=', id).execute();
    await p.audit.record(trx, ctx, {
      action: 'suggestion.session.open',
      subjectType: 'congress_session',
      subjectId: id,
      summary: { before: row.open, after: open },
    });
  });
}

/** The rules in force for the officer's committee (the nearest set above it, else the defaults). */
export async function getRules(p: Platform, actor: Actor) {
  authorize(actor, 'suggestion.read');
  const g = actor.roles.find((r) => r.role === 'districtOfficer');
  if (!g) throw new AppError('FORBIDDEN');
  return { orgId: g.orgId, rules: await rulesFor(p.db, g.orgPath) };
}

/** Sets the committee's rules (every clock and switch), audited before/after. */
export async function setRules(p: Platform, ctx: RequestContext, actor: Actor, rules: SuggestionRules) {
  const g = actor.roles.find((r) => r.role === 'districtOfficer');
  if (!g) throw new AppError('FORBIDDEN');
  authorize(actor, 'suggestion.review', { orgPath: g.orgPath });
  if (rules.maxMonths < rules.answerMonths)
    throw invalid({
      path: 'body.maxMonths',
      zh: '最长期限不能短于答复期限',
      en: 'The longest time cannot be shorter than the answer time',
    });
  const before = await rulesFor(p.db, g.orgPath);
  await inTransaction(p.db, async (trx) => {
    await trx
      .insertInto('suggestion_rules')
      .values({ org_id: g.orgId, rules: JSON.stringify(rules), updated_by: actor.userId })
      .onConflict((oc) =>
        oc
          .column('org_id')
          .doUpdateSet({ rules: JSON.stringify(rules), updated_by: actor.userId, updated_at: new Date() }),
      )
      .execute();
    await p.audit.record(trx, ctx, {
      action: 'suggestion.rules',
      subjectType: 'organization',
      subjectId: g.orgId,
      summary: { before, after: rules },
    });
  });
  return { orgId: g.orgId, rules: SuggestionRules.parse(rules) };
}
