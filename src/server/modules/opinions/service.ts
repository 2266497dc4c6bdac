import { deputyNames } from '../deputies/names.js';
import { isReceptionOf } from '../receptions/receptions.js';
import { informantNameSql, isActiveInformantOf } from '../stations/informants.js';
import { sql, type AliasedExpression, type Expression, type SqlBool } from 'kysely';
import type {
  ListOpinionsQuery,
  OpinionState,
  OpinionSummary,
  OpinionView,
  RegisterOpinion,
  TodoQueue,
} from '../../../contracts/opinions.js';
import { opinionStates, todoQueues } from '../../../contracts/opinions.js';
import { type Db, inTransaction, type Tx } from '../../db/database.js';
import { authorize, can, type Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors/errors.js';
import { cursorId, keysetPage } from '../../platform/http/paging.js';
import { enqueue } from '../../platform/notify/outbox.js';
import { maskName, maskPhone, normalizePhone } from '../../platform/text/personal-data.js';
import { searchDocument, searchQuery } from '../../platform/text/segment.js';
import { canRead, capacitiesOf, readableSql, unitScopes, type OpinionScope } from './access.js';
import { listOpinionFiles } from './files.js';
import { formatReceiptCode, newReceiptCode, normaliseReceiptCode } from './receipt.js';
import { allowedActions, type OpinionFacts } from './workflow.js';

const COMMITTEES = ['streetWorkingCommittee', 'townshipPresidium'];

/** Who registers: a staff user (with their request), or a constituent through the portal. */
export type Registrar = { kind: 'staff'; actor: Actor; ctx: RequestContext } | { kind: 'constituent' };

/**
 * Registers an opinion and its first event in one transaction, with the receipt message in the
 * outbox. A repeated idempotency key returns the opinion the first call created.
 */
export async function registerInTx(trx: Tx, p: Platform, input: RegisterOpinion, by: Registrar) {
  if (input.idempotencyKey) {
    const seen = await trx
      .selectFrom('opinion')
      .select(['id', 'receipt_code', 'state', 'content', 'org_id'])
      .where('idempotency_key', '=', input.idempotencyKey)
      .executeTakeFirst();
    if (seen) {
      // The same key with other content is another opinion sent under a stale key, not a retry.
      if (seen.content !== input.content || seen.org_id !== input.orgId)
        throw new AppError('CONFLICT', { field: 'idempotencyKey' });
      return { id: seen.id, receiptCode: formatReceiptCode(seen.receipt_code), state: seen.state as OpinionState };
    }
  }
  const org = await trx
    .selectFrom('organization')
    .select(['id', 'path', 'active', 'kind', 'parent_id'])
    .where('id', '=', input.orgId)
    .executeTakeFirst();
  if (by.kind === 'staff') {
    if (!org) throw new AppError('NOT_FOUND');
    authorize(by.actor, 'opinion.register', { orgPath: org.path }, 'opinion.read');
  }
  if (!org || !org.active)
    throw invalid({ path: 'body.orgId', zh: '联络站不存在或已停用', en: 'No such station, or it is closed' });
  if (input.categoryId) {
    const c = await trx
      .selectFrom('opinion_category')
      .select('id')
      .where('id', '=', input.categoryId)
      .where('active', '=', true)
      .executeTakeFirst();
    if (!c) throw invalid({ path: 'body.categoryId', zh: '分类不存在', en: 'No such category' });
  }
  if (input.channel === 'informant' && !input.informantId)
    throw invalid({
      path: 'body.informantId',
      zh: '请选择反映情况的民情联络员',
      en: 'Choose the informant who passed it on',
    });
  if (input.informantId) {
    if (!(await isActiveInformantOf(trx, input.informantId, org.id)))
      throw invalid({
        path: 'body.informantId',
        zh: '该联络站没有这位民情联络员',
        en: 'No such informant at this station',
      });
  }
  const deputyIds = [...new Set(input.deputyIds)];
  if (deputyIds.length) {
    const found = await deputyNames(trx, deputyIds);
    if (found.length !== deputyIds.length)
      throw invalid({ path: 'body.deputyIds', zh: '代表不存在', en: 'No such deputy' });
  }
  if (input.receptionId) {
    if (!(await isReceptionOf(trx, input.receptionId, org.id)))
      throw invalid({
        path: 'body.receptionId',
        zh: '接待活动不存在或不属于该联络站',
        en: 'No such reception at this station',
      });
  }
  const c = input.constituent;
  const anonymous = c.anonymous;
  const name = anonymous ? null : (c.name ?? null);
  const phone = anonymous || c.phone == null ? null : normalizePhone(c.phone);
  const address = anonymous ? null : (c.address ?? null);
  const receipt = newReceiptCode();
  const row = await trx
    .insertInto('opinion')
    .values({
      receipt_code: receipt,
      org_id: org.id,
      org_path: org.path,
      committee_id: org.kind === 'station' ? org.parent_id : COMMITTEES.includes(org.kind) ? org.id : null,
      channel: input.channel,
      reception_id: input.receptionId ?? null,
      informant_id: input.informantId ?? null,
      state: 'registered',
      category_id: input.categoryId ?? null,
      content: input.content,
      location: input.location ?? null,
      anonymous,
      constituent_name_sealed: name ? p.fields.encrypt(name) : null,
      constituent_name_masked: name ? maskName(name) : null,
      constituent_phone_sealed: phone ? p.fields.encrypt(phone) : null,
      constituent_phone_masked: phone ? maskPhone(phone) : null,
      constituent_phone_digest: phone ? p.fields.blindIndex(phone) : null,
      constituent_address_sealed: address ? p.fields.encrypt(address) : null,
      contactable: !!(phone || address),
      search: sql`to_tsvector('simple', ${searchDocument(`${input.content} ${input.location ?? ''}`)})`,
      idempotency_key: input.idempotencyKey ?? null,
      created_by: by.kind === 'staff' ? by.actor.userId : null,
    })
    .returning(['id'])
    .executeTakeFirstOrThrow();
  if (deputyIds.length)
    await trx
      .insertInto('opinion_deputy')
      .values(deputyIds.map((d) => ({ opinion_id: row.id, deputy_id: d })))
      .execute();
  await trx
    .insertInto('opinion_event')
    .values({
      opinion_id: row.id,
      action: 'register',
      from_state: null,
      to_state: 'registered',
      actor_kind: by.kind === 'staff' ? 'staff' : 'constituent',
      actor_id: by.kind === 'staff' ? by.actor.userId : null,
      actor_name: by.kind === 'staff' ? by.actor.displayName : null,
      data: JSON.stringify({ channel: input.channel, receptionId: input.receptionId ?? null }),
    })
    .execute();
  if (phone)
    await enqueue(trx, {
      type: 'opinion.receipt',
      to: { phoneSealed: p.fields.encrypt(phone) },
      vars: { receiptCode: formatReceiptCode(receipt) },
      dedupeKey: `opinion.receipt:${row.id}`,
      scopeOrgId: org.id,
    });
  // Last: the audit chain's lock is held from here to the commit.
  if (by.kind === 'staff')
    await p.audit.record(trx, by.ctx, {
      action: 'opinion.register',
      subjectType: 'opinion',
      subjectId: row.id,
      summary: { orgId: org.id, channel: input.channel },
    });
  return { id: row.id, receiptCode: formatReceiptCode(receipt), state: 'registered' as const };
}

/** Registers an opinion brought to a staff member (at a reception, by phone, letter, visit…). */
export function registerOpinion(p: Platform, ctx: RequestContext, actor: Actor, input: RegisterOpinion) {
  return inTransaction(p.db, (trx) => registerInTx(trx, p, input, { kind: 'staff', actor, ctx }));
}

/** The opinion's own columns of a list row: what lists filter, order and page on. */
function pageQuery(db: Db | Tx) {
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
type PageRow = Awaited<ReturnType<ReturnType<typeof pageQuery>['executeTakeFirstOrThrow']>>;

/**
 * A page of rows with the names of their station, category and lead unit, newest first. The
 * names are joined to the page only (a few rows): the query that finds the page stays on one
 * table, quick to plan and free to use the queue indexes.
 */
function withNames(db: Db | Tx, page: AliasedExpression<PageRow, 'o'>) {
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

function presentSummary(r: SummaryRow): OpinionSummary {
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

/** The columns the workflow and the access rules read, for one opinion (optionally locked). */
export async function loadForAction(db: Db | Tx, id: number, lock: boolean) {
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
  const facts: OpinionFacts = {
    state: o.state as OpinionState,
    contactable: o.contactable,
    tier: o.tier as OpinionFacts['tier'],
    rating: o.rating as OpinionFacts['rating'],
    reopenCount: o.reopen_count,
    fedBack: !!o.fed_back,
    extensionPending: o.extension_pending,
    escalated: !!o.was_escalated,
  };
  return { row: o, scope, facts, current };
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

/** One opinion as its page shows it, with the actions this user may take. */
export async function getOpinion(p: Platform, actor: Actor, id: number): Promise<OpinionView> {
  const loaded = await loadForAction(p.db, id, false);
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
  const [deputies, assignments, events, files] = await Promise.all([
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
      response: a.response,
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
  };
}

/** The constituent's contact in clear, for a call or a letter; every reveal is audited. */
export async function revealConstituent(p: Platform, ctx: RequestContext, actor: Actor, id: number) {
  return inTransaction(p.db, async (trx) => {
    const loaded = await loadForAction(trx, id, false);
    if (!loaded || !canRead(actor, loaded.scope)) throw new AppError('NOT_FOUND');
    if (!can(actor, 'opinion.revealContact', { orgPath: loaded.scope.orgPath })) throw new AppError('FORBIDDEN');
    const o = await trx
      .selectFrom('opinion')
      .select(['constituent_name_sealed', 'constituent_phone_sealed', 'constituent_address_sealed'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    await p.audit.record(trx, ctx, { action: 'opinion.revealContact', subjectType: 'opinion', subjectId: id });
    const open = (v: string | null) => (v ? p.fields.decrypt(v) : null);
    return {
      name: open(o.constituent_name_sealed),
      phone: open(o.constituent_phone_sealed),
      address: open(o.constituent_address_sealed),
    };
  });
}

const deskStates = {
  toSort: ['registered'],
  toAssign: ['triaged'],
  toFeedBack: ['answered', 'responded', 'escalated'],
  toRate: ['fedBack'],
  toClose: ['rated'],
} as const;

/** The SQL condition of a to-do queue for this actor (false when the queue is not theirs). */
function queueCondition(actor: Actor, queue: TodoQueue): Expression<SqlBool> {
  const units = unitScopes(actor);
  const leadIn = units.length
    ? sql<SqlBool>`o.lead_unit_path <@ ARRAY[${sql.join(units)}]::ltree[]`
    : sql<SqlBool>`false`;
  const officer = actor.roles.some((g) => g.role === 'streetOfficer' || g.role === 'districtOfficer');
  const desk = can(actor, 'opinion.ledger');
  switch (queue) {
    case 'toAccept':
      return sql<SqlBool>`(o.state = 'assigned' AND ${leadIn})`;
    case 'toRespond':
      return sql<SqlBool>`(o.state = 'inProgress' AND ${leadIn})`;
    case 'toDecide':
      return officer
        ? sql<SqlBool>`(o.extension_pending AND o.state IN ('assigned','inProgress'))`
        : sql<SqlBool>`false`;
    case 'toAssign':
      return officer ? sql<SqlBool>`o.state = 'triaged'` : sql<SqlBool>`false`;
    default:
      return desk ? sql<SqlBool>`o.state IN (${sql.join([...deskStates[queue]])})` : sql<SqlBool>`false`;
  }
}

/** Counts of "my to-do" for each queue this user works. */
export async function todoCounts(p: Platform, actor: Actor) {
  const readable = await readableSql(p.db, actor);
  const counts = await Promise.all(
    todoQueues.map(async (queue) => {
      const r = await p.db
        .selectFrom('opinion as o')
        .select(sql<number>`count(*)::int`.as('n'))
        .where(readable)
        .where(queueCondition(actor, queue))
        .executeTakeFirstOrThrow();
      return { queue, count: r.n };
    }),
  );
  return { queues: counts };
}

/** The states a to-do queue is made of (its other conditions stay in `queueCondition`). */
function queueStates(queue: TodoQueue): readonly string[] {
  switch (queue) {
    case 'toAccept':
      return ['assigned'];
    case 'toRespond':
      return ['inProgress'];
    case 'toDecide':
      return ['assigned', 'inProgress'];
    default:
      return deskStates[queue];
  }
}

/**
 * Opinions the user may read, filtered, newest first, a keyset page at a time.
 *
 * A filter on states runs as one branch per state, each ordered by (state, id) so that it walks
 * the queue index of its station or committee (org_id / committee_id, state, id) and stops after
 * a page: the newest rows are mostly in early states, and a walk down the primary key would step
 * over all of them to find the older closed ones. The branches meet in a sort of a few pages.
 */
export async function listOpinions(p: Platform, actor: Actor, q: ListOpinionsQuery) {
  let states: readonly string[] | null = null;
  if (q.state) {
    const wanted = q.state.split(',');
    const bad = wanted.find((s) => !(opinionStates as readonly string[]).includes(s));
    if (bad) throw invalid({ path: 'query.state', zh: `未知状态：${bad}`, en: `Unknown state: ${bad}` });
    states = [...new Set(wanted)];
  }
  if (q.todo) {
    if (!(todoQueues as readonly string[]).includes(q.todo))
      throw invalid({ path: 'query.todo', zh: '未知的待办类别', en: 'Unknown to-do queue' });
    const inQueue = queueStates(q.todo as TodoQueue);
    states = states ? states.filter((s) => inQueue.includes(s)) : inQueue;
  }
  if (states?.length === 0) return { items: [], nextCursor: null };
  let query = pageQuery(p.db).where(await readableSql(p.db, actor));
  if (q.todo) query = query.where(queueCondition(actor, q.todo as TodoQueue));
  if (q.categoryId)
    query = query.where((eb) =>
      eb.or([
        eb('o.category_id', '=', q.categoryId!),
        eb(
          'o.category_id',
          'in',
          eb.selectFrom('opinion_category').select('id').where('parent_id', '=', q.categoryId!),
        ),
      ]),
    );
  if (q.orgId) {
    const org = await p.db.selectFrom('organization').select('path').where('id', '=', q.orgId).executeTakeFirst();
    query = org ? query.where(sql<SqlBool>`o.org_path <@ ${org.path}::ltree`) : query.where(sql<SqlBool>`false`);
  }
  if (q.unitId) {
    const unit = await p.db.selectFrom('organization').select('path').where('id', '=', q.unitId).executeTakeFirst();
    query = unit ? query.where(sql<SqlBool>`o.unit_paths @> ${unit.path}::ltree`) : query.where(sql<SqlBool>`false`);
  }
  if (q.tier) query = query.where('o.tier', '=', q.tier);
  if (q.channel) query = query.where('o.channel', '=', q.channel);
  if (q.overdue) query = query.where('o.overdue', '=', q.overdue === 'true');
  if (q.from)
    query = query.where(sql<SqlBool>`o.created_at >= ${q.from}::date::timestamp AT TIME ZONE 'Asia/Shanghai'`);
  if (q.to)
    query = query.where(sql<SqlBool>`o.created_at < (${q.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`);
  const asReceipt = q.q ? normaliseReceiptCode(q.q) : null;
  if (asReceipt) query = query.where('o.receipt_code', '=', asReceipt);
  else if (q.q) {
    const tsq = searchQuery(q.q);
    if (!tsq) return { items: [], nextCursor: null };
    query = query.where(sql<SqlBool>`o.search @@ to_tsquery('simple', ${tsq})`);
  }
  const after = cursorId(q.cursor);
  if (after) query = query.where('o.id', '<', after);
  const take = q.limit + 1;
  let found: AliasedExpression<PageRow, 'o'>;
  if (!states) found = query.orderBy('o.id', 'desc').limit(take).as('o');
  else {
    const branches = states.map((s) => query.where('o.state', '=', s).orderBy('o.id', 'desc').limit(take));
    found =
      branches.length === 1
        ? branches[0]!.as('o')
        : sql<PageRow>`(SELECT * FROM (${sql.join(
            branches.map((b) => sql`(${b})`),
            sql` UNION ALL `,
          )}) AS branches ORDER BY id DESC LIMIT ${take})`.as('o');
  }
  const rows = await withNames(p.db, found).execute();
  const page = keysetPage(rows, q.limit);
  return { items: page.items.map(presentSummary), nextCursor: page.nextCursor };
}

/** The handling units an opinion may be assigned to: active street offices and departments of its district. */
export async function assignableUnits(p: Platform, actor: Actor, id: number) {
  const loaded = await loadForAction(p.db, id, false);
  if (!loaded || !canRead(actor, loaded.scope)) throw new AppError('NOT_FOUND');
  const root = loaded.scope.orgPath.split('.')[0]!;
  const rows = await p.db
    .selectFrom('organization as u')
    .leftJoin('organization as parent', 'parent.id', 'u.parent_id')
    .select(['u.id', 'u.name', 'u.kind', 'parent.name as parent_name'])
    .where('u.kind', 'in', ['streetOffice', 'department'])
    .where('u.active', '=', true)
    .where(sql<SqlBool>`u.path <@ ${root}::ltree`)
    .orderBy('u.kind', 'desc')
    .orderBy('u.name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, parentName: r.parent_name }));
}
