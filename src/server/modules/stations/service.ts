import { sql } from 'kysely';
import type { z } from 'zod';
import type { ListStationsQuery, StationInput, StationPatch, StationView } from '../../../contracts/stations.js';
import { type Db, inTransaction } from '../../db/database.js';
import { authorize, inScope, type Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors/errors.js';
import { likeText } from '../../platform/http/paging.js';
import { loadDeputy } from '../deputies/service.js';
import { compositionProblems } from './composition.js';

const SERVING = sql<boolean>`d.status = 'serving'`;

function baseQuery(db: Db) {
  return db
    .selectFrom('station as s')
    .innerJoin('organization as o', 'o.id', 's.org_id')
    .leftJoin('organization as parent', 'parent.id', 'o.parent_id')
    .select([
      's.org_id as id',
      'o.parent_id',
      'parent.name as parent_name',
      'o.name',
      'o.path',
      'o.region_code',
      'o.active',
      's.kind',
      's.domain',
      's.address',
      's.latitude',
      's.longitude',
      's.opening_hours',
      's.reception_rule',
      's.published_rules',
      's.published_workflow',
      's.online_enabled',
      sql<number>`(SELECT count(*) FROM station_member m JOIN deputy d ON d.id = m.deputy_id
                   WHERE m.station_id = s.org_id AND ${SERVING})::int`.as('serving_deputies'),
      sql<boolean>`EXISTS (SELECT 1 FROM station_member m JOIN deputy d ON d.id = m.deputy_id
                   WHERE m.station_id = s.org_id AND m.is_head AND ${SERVING})`.as('has_head'),
      sql<number>`(SELECT count(*) FROM user_role r JOIN app_user u ON u.id = r.user_id
                   WHERE r.org_id = s.org_id AND r.role = 'liaisonOfficer' AND u.status = 'active')::int`.as(
        'liaison_officers',
      ),
    ]);
}
type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

const problemsOf = (r: Row) =>
  compositionProblems({
    servingDeputies: r.serving_deputies,
    hasHead: r.has_head,
    liaisonOfficers: r.liaison_officers,
    address: r.address,
    openingHours: r.opening_hours,
    receptionRule: r.reception_rule,
    publishedRules: r.published_rules,
    publishedWorkflow: r.published_workflow,
  });

async function present(db: Db, rows: Row[]): Promise<StationView[]> {
  const ids = rows.map((r) => r.id);
  const [members, officers] = ids.length
    ? await Promise.all([
        db
          .selectFrom('station_member as m')
          .innerJoin('deputy as d', 'd.id', 'm.deputy_id')
          .select(['m.station_id', 'm.deputy_id', 'd.name', 'm.is_head', sql<string>`m.since::text`.as('since')])
          .where('m.station_id', 'in', ids)
          .orderBy('m.is_head', 'desc')
          .orderBy('d.name_sort')
          .execute(),
        db
          .selectFrom('user_role as r')
          .innerJoin('app_user as u', 'u.id', 'r.user_id')
          .select(['r.org_id', 'u.id', 'u.display_name'])
          .where('r.org_id', 'in', ids)
          .where('r.role', '=', 'liaisonOfficer')
          .where('u.status', '=', 'active')
          .execute(),
      ])
    : [[], []];
  return rows.map((r) => ({
    id: r.id,
    parentId: r.parent_id,
    parentName: r.parent_name,
    name: r.name,
    kind: r.kind as StationView['kind'],
    domain: r.domain,
    regionCode: r.region_code,
    address: r.address,
    latitude: r.latitude,
    longitude: r.longitude,
    openingHours: r.opening_hours,
    receptionRule: r.reception_rule,
    publishedRules: r.published_rules,
    publishedWorkflow: r.published_workflow,
    onlineEnabled: r.online_enabled,
    active: r.active,
    members: members
      .filter((m) => m.station_id === r.id)
      .map((m) => ({ deputyId: m.deputy_id, name: m.name, isHead: m.is_head, since: m.since })),
    liaisonOfficers: officers
      .filter((o) => o.org_id === r.id)
      .map((o) => ({ userId: o.id, displayName: o.display_name })),
    problems: problemsOf(r),
  }));
}

async function loadStation(db: Db, actor: Actor, id: number) {
  const row = await baseQuery(db).where('s.org_id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  authorize(actor, 'station.read', { orgPath: row.path });
  return row;
}

/** Stations in scope, by name; optionally only those that break the composition rules. */
export async function listStations(p: Platform, actor: Actor, q: z.infer<typeof ListStationsQuery>) {
  authorize(actor, 'station.read');
  let query = baseQuery(p.db).where(inScope(actor, 'station.read', sql.ref('o.path')));
  if (q.q) query = query.where('o.name', 'like', `%${likeText(q.q)}%`);
  if (q.kind) query = query.where('s.kind', '=', q.kind);
  const rows = await query
    .orderBy(sql`string_to_array(o.path::text, '.')::bigint[]`)
    .limit(2000)
    .execute();
  const items = await present(p.db, q.withProblems ? rows.filter((r) => problemsOf(r).length > 0) : rows);
  return { items };
}

/** One station with its members, liaison officers and what it lacks. */
export async function getStation(p: Platform, actor: Actor, id: number): Promise<StationView> {
  return (await present(p.db, [await loadStation(p.db, actor, id)]))[0]!;
}

function stationColumns(input: StationPatch) {
  const map: [keyof StationPatch, string][] = [
    ['kind', 'kind'],
    ['domain', 'domain'],
    ['address', 'address'],
    ['latitude', 'latitude'],
    ['longitude', 'longitude'],
    ['openingHours', 'opening_hours'],
    ['receptionRule', 'reception_rule'],
    ['publishedRules', 'published_rules'],
    ['publishedWorkflow', 'published_workflow'],
    ['onlineEnabled', 'online_enabled'],
  ];
  const cols: Record<string, unknown> = {};
  for (const [key, col] of map) if (input[key] !== undefined) cols[col] = input[key] === '' ? null : input[key];
  return cols;
}

function checkDomain(kind: string | undefined, domain: string | null | undefined) {
  if (kind === 'professional' && !domain) {
    throw invalid({
      path: 'body.domain',
      zh: '专业代表工作站须填写专业领域',
      en: 'A professional station needs its domain',
    });
  }
}

/** Opens a station under a working committee in the actor's scope. */
export async function createStation(p: Platform, ctx: RequestContext, actor: Actor, input: StationInput) {
  const parent = await p.db
    .selectFrom('organization')
    .select(['id', 'path', 'region_code'])
    .where('id', '=', input.parentId)
    .executeTakeFirst();
  if (!parent) throw invalid({ path: 'body.parentId', zh: '上级机构不存在', en: 'No such parent organisation' });
  authorize(actor, 'station.manage', { orgPath: parent.path }, 'org.read');
  checkDomain(input.kind, input.domain);
  const id = await inTransaction(p.db, async (trx) => {
    const { id } = await trx
      .insertInto('organization')
      .values({
        name: input.name,
        kind: 'station',
        parent_id: parent.id,
        region_code: input.regionCode ?? parent.region_code,
        path: sql<string>`'0'::ltree`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('organization')
      .set({ path: `${parent.path}.${id}` })
      .where('id', '=', id)
      .execute();
    await trx
      .insertInto('station')
      .values({ org_id: id, ...stationColumns(input) } as never)
      .execute();
    await p.audit.record(trx, ctx, {
      action: 'station.create',
      subjectType: 'station',
      subjectId: id,
      summary: { name: input.name, kind: input.kind, parentId: parent.id },
    });
    return id;
  });
  return getStation(p, actor, id);
}

/** Edits a station; deactivating keeps it and its history (never deleted). */
export async function updateStation(p: Platform, ctx: RequestContext, actor: Actor, id: number, input: StationPatch) {
  const row = await loadStation(p.db, actor, id);
  authorize(actor, 'station.manage', { orgPath: row.path }, 'station.read');
  checkDomain(input.kind ?? row.kind, input.domain === undefined ? row.domain : input.domain);
  const current = (await present(p.db, [row]))[0]! as Record<string, unknown>;
  const before = Object.fromEntries(Object.keys(input).map((k) => [k, current[k] ?? null]));
  await inTransaction(p.db, async (trx) => {
    const cols = stationColumns(input);
    if (Object.keys(cols).length) {
      await trx
        .updateTable('station')
        .set({ ...cols, updated_at: new Date() } as never)
        .where('org_id', '=', id)
        .execute();
    }
    if (input.name !== undefined || input.active !== undefined) {
      await trx
        .updateTable('organization')
        .set({
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.active !== undefined ? { active: input.active } : {}),
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .execute();
    }
    await p.audit.record(trx, ctx, {
      action: 'station.update',
      subjectType: 'station',
      subjectId: id,
      summary: { before, after: input },
    });
  });
  return getStation(p, actor, id);
}

/** Assigns a deputy to a station (a deputy may serve several); `isHead` makes them its head. */
export async function addMember(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  deputyId: number,
  isHead = false,
) {
  const station = await loadStation(p.db, actor, id);
  authorize(actor, 'station.manage', { orgPath: station.path }, 'station.read');
  const deputy = await loadDeputy(p.db, actor, deputyId).catch(() => {
    throw invalid({ path: 'body.deputyId', zh: '代表不存在或不在您的管理范围内', en: 'No such deputy in your scope' });
  });
  if (deputy.status !== 'serving') {
    throw invalid({ path: 'body.deputyId', zh: '该代表已不在任', en: 'This deputy is no longer serving' });
  }
  await inTransaction(p.db, async (trx) => {
    if (isHead) await trx.updateTable('station_member').set({ is_head: false }).where('station_id', '=', id).execute();
    await trx
      .insertInto('station_member')
      .values({ station_id: id, deputy_id: deputyId, is_head: isHead })
      .onConflict((oc) => oc.columns(['station_id', 'deputy_id']).doUpdateSet({ is_head: isHead }))
      .execute();
    await p.audit.record(trx, ctx, {
      action: 'station.addMember',
      subjectType: 'station',
      subjectId: id,
      summary: { deputyId, isHead },
    });
  });
  return getStation(p, actor, id);
}

/** Takes a deputy off a station. */
export async function removeMember(p: Platform, ctx: RequestContext, actor: Actor, id: number, deputyId: number) {
  const station = await loadStation(p.db, actor, id);
  authorize(actor, 'station.manage', { orgPath: station.path }, 'station.read');
  await inTransaction(p.db, async (trx) => {
    const res = await trx
      .deleteFrom('station_member')
      .where('station_id', '=', id)
      .where('deputy_id', '=', deputyId)
      .executeTakeFirst();
    if (!res.numDeletedRows) throw new AppError('NOT_FOUND');
    await p.audit.record(trx, ctx, {
      action: 'station.removeMember',
      subjectType: 'station',
      subjectId: id,
      summary: { deputyId },
    });
  });
  return getStation(p, actor, id);
}
