import { sql } from 'kysely';
import type { z } from 'zod';
import type { GroupInput, GroupPatch, GroupView, ListGroupsQuery } from '../../../contracts/groups.js';
import { type Db, inTransaction } from '../../db/database.js';
import { authorize, can, inScope, type Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import { beforeOf } from '../../platform/audit/changes.js';
import type { Platform } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors/errors.js';
import { afterInNameOrder, keysetPage, likeText } from '../../platform/http/paging.js';
import { pinyinKeys } from '../../platform/text/pinyin.js';
import { servingDeputy } from './service.js';

/** Deputy groups (代表小组) belong to a street working committee or a township presidium. */
const GROUP_ORG_KINDS = ['streetWorkingCommittee', 'townshipPresidium'];

function baseQuery(db: Db) {
  return db
    .selectFrom('deputy_group as g')
    .innerJoin('organization as o', 'o.id', 'g.org_id')
    .select(['g.id', 'g.org_id', 'o.name as org_name', 'o.path as org_path', 'g.name', 'g.name_sort', 'g.active']);
}
type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

async function present(db: Db, rows: Row[]): Promise<GroupView[]> {
  const ids = rows.map((r) => r.id);
  const members = ids.length
    ? await db
        .selectFrom('deputy_group_member as m')
        .innerJoin('deputy as d', 'd.id', 'm.deputy_id')
        .select([
          'm.group_id',
          'm.deputy_id',
          'd.name',
          'd.status',
          'm.is_leader',
          sql<string>`m.since::text`.as('since'),
        ])
        .where('m.group_id', 'in', ids)
        .orderBy('m.is_leader', 'desc')
        .orderBy('d.name_sort')
        .execute()
    : [];
  return rows.map((r) => {
    const mine = members.filter((m) => m.group_id === r.id);
    const leader = mine.find((m) => m.is_leader);
    return {
      id: r.id,
      orgId: r.org_id,
      orgName: r.org_name,
      name: r.name,
      active: r.active,
      leader: leader ? { deputyId: leader.deputy_id, name: leader.name } : null,
      members: mine.map((m) => ({
        deputyId: m.deputy_id,
        name: m.name,
        isLeader: m.is_leader,
        since: m.since,
        status: m.status,
      })),
    };
  });
}

/** The group has the signed-in user among its members, as a deputy (a deputy sees the own groups outside the station's scope). */
const memberOf = (actor: Actor) =>
  sql<boolean>`EXISTS (SELECT 1 FROM deputy_group_member gm JOIN deputy gd ON gd.id = gm.deputy_id
    WHERE gm.group_id = g.id AND gd.user_id = ${actor.userId})`;

async function loadGroup(db: Db, actor: Actor, id: number) {
  const row = await baseQuery(db).select(memberOf(actor).as('mine')).where('g.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  if (row.mine) authorize(actor, 'deputy.read');
  else authorize(actor, 'deputy.read', { orgPath: row.org_path });
  return row;
}

async function loadForManage(db: Db, actor: Actor, id: number) {
  const row = await loadGroup(db, actor, id);
  // A member sees the group: refused (403), not "not found".
  if (row.mine && !can(actor, 'deputy.manage', { orgPath: row.org_path })) throw new AppError('FORBIDDEN');
  authorize(actor, 'deputy.manage', { orgPath: row.org_path }, 'deputy.read');
  return row;
}

/** The body a group is to belong to: a working committee or presidium the actor manages. */
async function groupOrg(db: Db, actor: Actor, orgId: number) {
  const org = await db
    .selectFrom('organization')
    .select(['id', 'path', 'kind'])
    .where('id', '=', orgId)
    .executeTakeFirst();
  if (!org) throw invalid({ path: 'body.orgId', zh: '机构不存在', en: 'No such organisation' });
  authorize(actor, 'deputy.manage', { orgPath: org.path }, 'org.read');
  if (!GROUP_ORG_KINDS.includes(org.kind)) {
    throw invalid({
      path: 'body.orgId',
      zh: '代表小组应属于街道人大工委或乡镇人大主席团',
      en: 'A deputy group belongs to a street working committee or a township presidium',
    });
  }
  return org;
}

/** Groups in scope, in pinyin order of their names, a page at a time. */
export async function listGroups(p: Platform, actor: Actor, q: z.infer<typeof ListGroupsQuery>) {
  authorize(actor, 'deputy.read');
  let query = baseQuery(p.db).where(
    sql<boolean>`(${inScope(actor, 'deputy.read', sql.ref('o.path'))} OR ${memberOf(actor)})`,
  );
  if (q.q) {
    const term = q.q.toLowerCase();
    query = /^[a-z]+$/.test(term)
      ? query.where('g.name_sort', 'like', `${likeText(term)}%`)
      : query.where('g.name', 'like', `%${likeText(q.q)}%`);
  }
  if (q.orgId) query = query.where(sql<boolean>`o.path <@ (SELECT path FROM organization WHERE id = ${q.orgId})`);
  if (q.active !== undefined) query = query.where('g.active', '=', q.active);
  if (q.mine) query = query.where(memberOf(actor));
  const rows = await query
    .where(afterInNameOrder('g', 'deputy_group', q.cursor))
    .orderBy('g.name_sort')
    .orderBy('g.id')
    .limit(q.limit + 1)
    .execute();
  const page = keysetPage(rows, q.limit);
  return { items: await present(p.db, page.items), nextCursor: page.nextCursor };
}

/** One group with its members, leader first. */
export async function getGroup(p: Platform, actor: Actor, id: number): Promise<GroupView> {
  return (await present(p.db, [await loadGroup(p.db, actor, id)]))[0]!;
}

/** Forms a deputy group under a working committee or presidium in the actor's scope. */
export async function createGroup(p: Platform, ctx: RequestContext, actor: Actor, input: GroupInput) {
  await groupOrg(p.db, actor, input.orgId);
  const id = await inTransaction(p.db, async (trx) => {
    const { id } = await trx
      .insertInto('deputy_group')
      .values({
        org_id: input.orgId,
        name: input.name,
        name_sort: pinyinKeys(input.name).sort,
        active: input.active ?? true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await p.audit.record(trx, ctx, {
      action: 'group.create',
      subjectType: 'deputyGroup',
      subjectId: id,
      summary: { after: input },
    });
    return id;
  });
  return getGroup(p, actor, id);
}

/** Renames, moves or (de)activates a group; a group is never deleted. */
export async function updateGroup(p: Platform, ctx: RequestContext, actor: Actor, id: number, input: GroupPatch) {
  const row = await loadForManage(p.db, actor, id);
  if (input.orgId !== undefined && input.orgId !== row.org_id) await groupOrg(p.db, actor, input.orgId);
  const before = { orgId: row.org_id, name: row.name, active: row.active };
  await inTransaction(p.db, async (trx) => {
    await trx
      .updateTable('deputy_group')
      .set({
        ...(input.orgId !== undefined ? { org_id: input.orgId } : {}),
        ...(input.name !== undefined ? { name: input.name, name_sort: pinyinKeys(input.name).sort } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await p.audit.record(trx, ctx, {
      action: 'group.update',
      subjectType: 'deputyGroup',
      subjectId: id,
      summary: { before: beforeOf(before, input), after: input },
    });
  });
  return getGroup(p, actor, id);
}

/** Adds a serving deputy the actor can see to the group; `isLeader` makes them its leader (组长). */
export async function addGroupMember(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  deputyId: number,
  isLeader = false,
) {
  await loadForManage(p.db, actor, id);
  const deputy = await servingDeputy(p.db, actor, deputyId);
  await inTransaction(p.db, async (trx) => {
    if (isLeader)
      await trx.updateTable('deputy_group_member').set({ is_leader: false }).where('group_id', '=', id).execute();
    await trx
      .insertInto('deputy_group_member')
      .values({ group_id: id, deputy_id: deputyId, is_leader: isLeader })
      .onConflict((oc) => oc.columns(['group_id', 'deputy_id']).doUpdateSet({ is_leader: isLeader }))
      .execute();
    await p.audit.record(trx, ctx, {
      action: 'group.addMember',
      subjectType: 'deputyGroup',
      subjectId: id,
      summary: { deputyId, deputyName: deputy.name, isLeader },
    });
  });
  return getGroup(p, actor, id);
}

/** Takes a deputy out of the group. */
export async function removeGroupMember(p: Platform, ctx: RequestContext, actor: Actor, id: number, deputyId: number) {
  await loadForManage(p.db, actor, id);
  await inTransaction(p.db, async (trx) => {
    const removed = await trx
      .deleteFrom('deputy_group_member')
      .where('group_id', '=', id)
      .where('deputy_id', '=', deputyId)
      .returning('is_leader')
      .executeTakeFirst();
    if (!removed) throw new AppError('NOT_FOUND');
    await p.audit.record(trx, ctx, {
      action: 'group.removeMember',
      subjectType: 'deputyGroup',
      subjectId: id,
      summary: { deputyId, wasLeader: removed.is_leader },
    });
  });
  return getGroup(p, actor, id);
}
