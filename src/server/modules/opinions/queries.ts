// Lists and queues: the filtered work queue, the to-do counts, the units an opinion may go to.
import { sql, type AliasedExpression, type Expression, type SqlBool } from 'kysely';
import type { ListOpinionsQuery, TodoQueue } from '../../../contracts/opinions.js';
import { dissatisfiedLevels, opinionStates, todoQueues } from '../../../contracts/opinions.js';
import { can, type Actor } from '../../platform/access/policy.js';
import type { Platform } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors/errors.js';
import { cursorId, keysetPage } from '../../platform/http/paging.js';
import { searchQuery } from '../../platform/text/segment.js';
import { canRead, readableSql, unitScopes } from './access.js';
import { normaliseReceiptCode } from './receipt.js';
import { pendingSignOffCount } from './signoff-query.js';
import { loadForAction, pageQuery, presentSummary, withNames, type PageRow } from './view.js';
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
  const officer = actor.roles.some((g) => ['streetOfficer', 'districtOfficer', 'streetHead'].includes(g.role));
  // A first dissatisfied rating is reviewed (reassigned) by an officer before anyone may close it.
  const firstDissatisfied = sql<SqlBool>`(coalesce(o.rating IN (${sql.join([...dissatisfiedLevels])}), false) AND o.reopen_count = 0)`;
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
    case 'toReview':
      return officer ? sql<SqlBool>`(o.state = 'rated' AND ${firstDissatisfied})` : sql<SqlBool>`false`;
    case 'toClose':
      return desk ? sql<SqlBool>`(o.state = 'rated' AND NOT ${firstDissatisfied})` : sql<SqlBool>`false`;
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
  // What is late and what is nearly late, in one pass over the handling states.
  const late = p.db
    .selectFrom('opinion as o')
    .select([
      sql<number>`count(*) FILTER (WHERE o.overdue)::int`.as('overdue'),
      sql<number>`count(*) FILTER (WHERE ${dueSoonSql})::int`.as('dueSoon'),
    ])
    .where(readable)
    .where('o.state', 'in', ['assigned', 'inProgress'])
    .executeTakeFirstOrThrow();
  const [{ overdue, dueSoon }, signOffs] = await Promise.all([
    late,
    can(actor, 'opinion.signOff') ? pendingSignOffCount(p.db, actor) : 0,
  ]);
  return { queues: counts, overdue, dueSoon, signOffs };
}

/** Being handled, not yet overdue, the deadline within the next 3 days (China time). */
const dueSoonSql = sql<SqlBool>`(o.state IN ('assigned', 'inProgress') AND NOT o.overdue
  AND o.deadline <= (now() AT TIME ZONE 'Asia/Shanghai')::date + 3)`;

/** The states a to-do queue is made of (its other conditions stay in `queueCondition`). */
function queueStates(queue: TodoQueue): readonly string[] {
  switch (queue) {
    case 'toAccept':
      return ['assigned'];
    case 'toRespond':
      return ['inProgress'];
    case 'toDecide':
      return ['assigned', 'inProgress'];
    case 'toReview':
      return ['rated'];
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
  if (q.dueSoon) query = query.where(dueSoonSql);
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
  const loaded = await loadForAction(p.db, id, false, p.config.opinions);
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
