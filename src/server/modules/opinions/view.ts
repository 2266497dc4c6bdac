// The read model of one opinion: list-row presenters, the columns the workflow and access rules read, the page.
import { deputyNames } from '../deputies/names.js';
import { informantNameSql } from '../stations/informants.js';
import { sql, type AliasedExpression } from 'kysely';
import type { OpinionState, OpinionSummary, OpinionView } from '../../../contracts/opinions.js';
import { type Db, type Tx } from '../../db/database.js';
import { type Actor } from '../../platform/access/policy.js';
import type { Platform } from '../../platform/context.js';
import { AppError } from '../../platform/errors/errors.js';
import { canRead, capacitiesOf, type OpinionScope } from './access.js';
import { listOpinionFiles } from './files.js';
import { formatReceiptCode } from './receipt.js';
import { pendingSignOffOf } from './signoff-query.js';
import { closableOn, waitOpen, type RatingWait } from './rating-wait.js';
import { allowedActions, decide, type OpinionFacts } from './workflow.js';

/** The opinion's own columns of a list row: what lists filter, order and page on. */
export function pageQuery(db: Db | Tx) {
  return db
    .selectFrom('opinion as o')
    .select([
      'o.id',
      'o.receipt_code',
      'o.state',
      'o.channel',
      'o.org_id',
      'o.category_id',
      'o.lead_unit_id',
      'o.tier',
      'o.urgency',
      sql<string>`left(o.content, 80)`.as('excerpt'),
      'o.constituent_name_masked',
      'o.constituent_phone_masked',
      'o.anonymous',
      sql<string | null>`to_char(o.deadline, 'YYYY-MM-DD')`.as('deadline'),
      'o.overdue',
      'o.supervision_level',
      'o.return_count',
      'o.extension_count',
      'o.rating',
      'o.created_at',
    ]);
}
export type PageRow = Awaited<ReturnType<ReturnType<typeof pageQuery>['executeTakeFirstOrThrow']>>;

/**
 * A page of rows with the names of their station, category and lead unit, newest first. The
 * names are joined to the page only (a few rows): the query that finds the page stays on one
 * table, quick to plan and free to use the queue indexes.
 */
export function withNames(db: Db | Tx, page: AliasedExpression<PageRow, 'o'>) {
  return db
    .selectFrom(page)
    .innerJoin('organization as org', 'org.id', 'o.org_id')
    .leftJoin('opinion_category as c', 'c.id', 'o.category_id')
    .leftJoin('organization as lu', 'lu.id', 'o.lead_unit_id')
    .selectAll('o')
    .select(['org.name as org_name', 'c.name as category_name', 'lu.name as lead_unit_name'])
    .orderBy('o.id', 'desc');
}
type SummaryRow = Awaited<ReturnType<ReturnType<typeof withNames>['executeTakeFirstOrThrow']>>;

export function presentSummary(r: SummaryRow): OpinionSummary {
  return {
    id: r.id,
    receiptCode: formatReceiptCode(r.receipt_code),
    state: r.state as OpinionSummary['state'],
    channel: r.channel as OpinionSummary['channel'],
    orgId: r.org_id,
    orgName: r.org_name,
    categoryId: r.category_id,
    categoryName: r.category_name,
    tier: r.tier as OpinionSummary['tier'],
    urgency: r.urgency as OpinionSummary['urgency'],
    excerpt: r.excerpt,
    constituentName: r.constituent_name_masked,
    constituentPhone: r.constituent_phone_masked,
    anonymous: r.anonymous,
    leadUnitName: r.lead_unit_name,
    deadline: r.deadline,
    overdue: r.overdue,
    supervisionLevel: r.supervision_level as OpinionSummary['supervisionLevel'],
    returnCount: r.return_count,
    extensionCount: r.extension_count,
    rating: r.rating as OpinionSummary['rating'],
    createdAt: r.created_at.toISOString(),
  };
}

/**
 * The columns the workflow and the access rules read, for one opinion (optionally locked);
 * `wait`: the rating-wait setting (`p.config.opinions`).
 */
export async function loadForAction(db: Db | Tx, id: number, lock: boolean, wait: RatingWait) {
  let q = db
    .selectFrom('opinion')
    .select([
      'id',
      'receipt_code',
      'state',
      'org_id',
      'org_path',
      'contactable',
      'tier',
      'rating',
      'reopen_count',
      'extension_pending',
      'suggestion_ref',
      'unit_paths',
      'lead_unit_id',
      'lead_unit_path',
      'category_id',
      'urgency',
      'content',
      'constituent_phone_sealed',
      'merged_into',
      'deadline',
      'supervision_level',
      'committee_id',
    ])
    .select((eb) => [
      eb
        .exists(
          eb
            .selectFrom('opinion_event as e')
            .whereRef('e.opinion_id', '=', 'opinion.id')
            .where('e.action', '=', 'escalate'),
        )
        .as('was_escalated'),
      eb
        .exists(
          eb
            .selectFrom('opinion_event as e')
            .whereRef('e.opinion_id', '=', 'opinion.id')
            .where('e.action', '=', 'feedback')
            .where('e.data', '@>', sql<string>`jsonb_build_object('round', opinion.reopen_count)`),
        )
        .as('fed_back'),
      eb
        .selectFrom('opinion_event as e')
        .select('e.at')
        .whereRef('e.opinion_id', '=', 'opinion.id')
        .where('e.action', '=', 'feedback')
        .where('e.data', '@>', sql<string>`jsonb_build_object('round', opinion.reopen_count)`)
        .orderBy('e.id', 'desc')
        .limit(1)
        .as('fed_back_at'),
    ])
    .where('id', '=', id);
  if (lock) q = q.forUpdate();
  const o = await q.executeTakeFirst();
  if (!o) return null;
  const current = await db
    .selectFrom('opinion_assignment as a')
    .innerJoin('organization as u', 'u.id', 'a.unit_id')
    .select(['a.id', 'a.unit_id', 'a.is_lead', 'a.state', 'u.path', 'u.name'])
    .where('a.opinion_id', '=', id)
    .where('a.round', '=', sql<number>`(SELECT max(round) FROM opinion_assignment WHERE opinion_id = ${id})`)
    .where('a.state', 'in', ['assigned', 'accepted', 'responded'])
    .execute();
  const scope: OpinionScope = {
    orgPath: o.org_path,
    leadUnitPath: current.find((a) => a.is_lead && a.state !== 'responded')?.path ?? null,
    coUnitPaths: current.filter((a) => !a.is_lead && a.state !== 'responded').map((a) => a.path),
    unitPaths: parsePaths(o.unit_paths),
  };
  const ratingWaitUntil = await closableOn(
    db,
    { state: o.state, contactable: o.contactable, fedBackAt: (o.fed_back_at as Date | null) ?? null },
    wait,
  );
  const facts: OpinionFacts = {
    state: o.state as OpinionState,
    contactable: o.contactable,
    tier: o.tier as OpinionFacts['tier'],
    rating: o.rating as OpinionFacts['rating'],
    reopenCount: o.reopen_count,
    fedBack: !!o.fed_back,
    extensionPending: o.extension_pending,
    escalated: !!o.was_escalated,
    ratingWaitOpen: waitOpen(ratingWaitUntil),
  };
  return { row: o, scope, facts, current, ratingWaitUntil };
}
export type Loaded = NonNullable<Awaited<ReturnType<typeof loadForAction>>>;

/** ltree[] comes back from pg as text like `{1.2,1.3}` (or already as an array). */
export function parsePaths(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v !== 'string' || v === '{}') return [];
  return v
    .replace(/^\{|\}$/g, '')
    .split(',')
    .filter(Boolean);
}

/** The files a unit gave with its answer to one assignment (kept in the respond event). */
function responseFiles(events: { action: string; data: unknown }[], assignmentId: number): number[] {
  const e = events.find(
    (x) => x.action === 'respond' && (x.data as { assignmentId?: number } | null)?.assignmentId === assignmentId,
  );
  const ids = (e?.data as { fileIds?: unknown } | undefined)?.fileIds;
  return Array.isArray(ids) ? ids.filter((id): id is number => typeof id === 'number') : [];
}

/** One opinion as its page shows it, with the actions this user may take. */
export async function getOpinion(p: Platform, actor: Actor, id: number): Promise<OpinionView> {
  const loaded = await loadForAction(p.db, id, false, p.config.opinions);
  if (!loaded || !canRead(actor, loaded.scope)) throw new AppError('NOT_FOUND');
  const summary = await withNames(p.db, pageQuery(p.db).where('o.id', '=', id).as('o')).executeTakeFirstOrThrow();
  const full = await p.db
    .selectFrom('opinion')
    .select([
      'content',
      'location',
      'tags',
      'contactable',
      'merged_into',
      'reopen_count',
      'outcome',
      'suggestion_ref',
      'reception_id',
    ])
    .select((eb) => [
      eb
        .selectFrom('opinion as m')
        .whereRef('m.merged_into', '=', 'opinion.id')
        .select(sql<number>`count(*)::int`.as('n'))
        .as('merged_count'),
      informantNameSql(sql.ref('opinion.informant_id')).as('informant_name'),
    ])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const [deputies, assignments, events, files, pendingSignOff] = await Promise.all([
    p.db
      .selectFrom('opinion_deputy')
      .select('deputy_id')
      .where('opinion_id', '=', id)
      .execute()
      .then(async (rows) =>
        (
          await deputyNames(
            p.db,
            rows.map((r) => r.deputy_id),
          )
        ).map((d) => ({ id: d.id, name: d.name })),
      ),
    p.db
      .selectFrom('opinion_assignment as a')
      .innerJoin('organization as u', 'u.id', 'a.unit_id')
      .select([
        'a.id',
        'a.unit_id',
        'u.name as unit_name',
        'a.is_lead',
        'a.round',
        'a.state',
        sql<string>`to_char(a.deadline, 'YYYY-MM-DD')`.as('deadline'),
        sql<string>`to_char(a.accept_by, 'YYYY-MM-DD')`.as('accept_by'),
        'a.signed_by',
        'a.signed_at',
        'a.signoff_kind',
        'a.signoff_file_id',
        'a.response',
        'a.result_type',
        'a.extension_days',
        'a.extension_reason',
        'a.extension_state',
      ])
      .where('a.opinion_id', '=', id)
      .orderBy('a.round')
      .orderBy('a.is_lead', 'desc')
      .orderBy('a.id')
      .execute(),
    p.db
      .selectFrom('opinion_event as e')
      .leftJoin('organization as u', 'u.id', 'e.unit_id')
      .select([
        'e.id',
        'e.action',
        'e.from_state',
        'e.to_state',
        'e.actor_kind',
        'e.actor_name',
        'u.name as unit_name',
        'e.note',
        'e.public_note',
        'e.data',
        'e.at',
      ])
      .where('e.opinion_id', '=', id)
      .orderBy('e.id')
      .execute(),
    listOpinionFiles(p, id),
    pendingSignOffOf(p.db, id),
  ]);
  return {
    ...presentSummary(summary),
    content: full.content,
    location: full.location,
    tags: full.tags,
    contactable: full.contactable,
    mergedInto: full.merged_into,
    mergedCount: full.merged_count ?? 0,
    reopenCount: full.reopen_count,
    outcome: full.outcome as OpinionView['outcome'],
    suggestionRef: full.suggestion_ref,
    receptionId: full.reception_id,
    informantName: full.informant_name ?? null,
    deputies,
    assignments: assignments.map((a) => ({
      id: a.id,
      unitId: a.unit_id,
      unitName: a.unit_name,
      isLead: a.is_lead,
      round: a.round,
      state: a.state as OpinionView['assignments'][number]['state'],
      deadline: a.deadline,
      acceptBy: a.accept_by,
      signedBy: a.signed_by,
      signedAt: a.signed_at.toISOString(),
      signOffKind: a.signoff_kind as OpinionView['assignments'][number]['signOffKind'],
      signOffFileId: a.signoff_file_id,
      response: a.response,
      responseFileIds: responseFiles(events, a.id),
      resultType: a.result_type as OpinionView['assignments'][number]['resultType'],
      extensionDays: a.extension_days,
      extensionReason: a.extension_reason,
      extensionState: a.extension_state as OpinionView['assignments'][number]['extensionState'],
    })),
    events: events.map((e) => ({
      id: e.id,
      action: e.action,
      fromState: e.from_state as OpinionState | null,
      toState: e.to_state as OpinionState,
      actorKind: e.actor_kind as 'staff' | 'constituent' | 'system',
      actorName: e.actor_name,
      unitName: e.unit_name,
      note: e.note,
      publicNote: e.public_note,
      data: (e.data ?? {}) as Record<string, unknown>,
      at: e.at.toISOString(),
    })),
    files,
    allowedActions: allowedActions(loaded.facts, capacitiesOf(actor, loaded.scope)),
    ratingWaitUntil: loaded.ratingWaitUntil,
    closeWaits:
      loaded.facts.ratingWaitOpen &&
      decide({ ...loaded.facts, ratingWaitOpen: false }, 'close', capacitiesOf(actor, loaded.scope)).ok,
    pendingSignOff,
  };
}
