import { sql } from 'kysely';
import type { z } from 'zod';
import { describeRule, normalizeRule, parseRuleText, ReceptionRule } from '../../../contracts/reception-rule.js';
import type {
  ListStationsQuery,
  StationFilters,
  StationInput,
  StationPatch,
  StationView,
} from '../../../contracts/stations.js';
import { type Db, inTransaction, type Tx } from '../../db/database.js';
import { authorize, inScope, type Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors/errors.js';
import { afterInNameOrder, keysetPage } from '../../platform/http/paging.js';
import { addDays, chinaToday } from '../../platform/calendar/dates.js';
import { type HolidayCalendar, occurrences } from '../../platform/calendar/reception-rule.js';
import { calendarCache, packageCalendar } from '../../platform/calendar/working-days.js';
import { deputyNames } from '../deputies/names.js';
import { servingDeputy } from '../deputies/service.js';
import { activeHoldersOn } from '../users/contacts.js';
import { fileFacts } from '../../platform/files/store.js';
import { checkOrgRefs, insertOrganization, orgNameMatches, parentForNew, patchOrganization } from '../org/service.js';
import {
  compositionProblems,
  failsCompositionSql,
  hasHeadSql,
  liaisonOfficersSql,
  servingDeputiesSql,
} from './composition.js';

function baseQuery(db: Db | Tx) {
  return (db as Db)
    .selectFrom('station as s')
    .innerJoin('organization as o', 'o.id', 's.org_id')
    .leftJoin('organization as parent', 'parent.id', 'o.parent_id')
    .select([
      's.org_id as id',
      'o.parent_id',
      'parent.name as parent_name',
      'o.name',
      'o.name_sort',
      'o.code',
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
      's.reception_schedule',
      's.published_rules',
      's.published_workflow',
      's.online_enabled',
      servingDeputiesSql.as('serving_deputies'),
      hasHeadSql.as('has_head'),
      liaisonOfficersSql.as('liaison_officers'),
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
    hasReceptionSchedule: r.reception_schedule !== null,
    publishedRules: r.published_rules,
    publishedWorkflow: r.published_workflow,
  });

async function present(db: Db, rows: Row[]): Promise<StationView[]> {
  const ids = rows.map((r) => r.id);
  if (!ids.length) return [];
  const [calendar, memberRows, staff, regions, photoRows] = await Promise.all([
    receptionCalendar(db),
    db
      .selectFrom('station_member as m')
      .select(['m.station_id', 'm.deputy_id', 'm.is_head', sql<string>`m.since::text`.as('since')])
      .where('m.station_id', 'in', ids)
      .execute(),
    activeHoldersOn(db, ids, ['liaisonOfficer', 'consultant']),
    db
      .selectFrom('station_region as sr')
      .innerJoin('region as g', 'g.code', 'sr.region_code')
      .select(['sr.station_id', 'g.code', 'g.name'])
      .where('sr.station_id', 'in', ids)
      .orderBy('g.path')
      .execute(),
    db
      .selectFrom('station_photo as ph')
      .select(['ph.id', 'ph.station_id', 'ph.caption', 'ph.file_id'])
      .where('ph.station_id', 'in', ids)
      .orderBy('ph.id')
      .execute(),
  ]);
  // Names come from the deputies (in pinyin order), sizes from the file store: heads first, then by name.
  const [deputies, files] = await Promise.all([
    deputyNames(
      db,
      memberRows.map((m) => m.deputy_id),
    ),
    fileFacts(
      db,
      photoRows.map((ph) => ph.file_id),
    ),
  ]);
  const order = new Map(deputies.map((d, i) => [d.id, { i, name: d.name }]));
  const members = memberRows
    .map((m) => ({ ...m, name: order.get(m.deputy_id)?.name ?? '', rank: order.get(m.deputy_id)?.i ?? 0 }))
    .sort((a, b) => Number(b.is_head) - Number(a.is_head) || a.rank - b.rank);
  const photos = photoRows.map((ph) => ({
    ...ph,
    width: files.get(ph.file_id)?.width ?? null,
    height: files.get(ph.file_id)?.height ?? null,
  }));
  const staffOf = (id: number, role: string) =>
    staff.filter((o) => o.org_id === id && o.role === role).map((o) => ({ userId: o.id, displayName: o.display_name }));
  return rows.map((r) => ({
    id: r.id,
    parentId: r.parent_id,
    parentName: r.parent_name,
    name: r.name,
    code: r.code,
    kind: r.kind as StationView['kind'],
    domain: r.domain,
    regionCode: r.region_code,
    address: r.address,
    latitude: r.latitude,
    longitude: r.longitude,
    openingHours: r.opening_hours,
    receptionSchedule: scheduleOf(r),
    receptionDescription: describe(scheduleOf(r)),
    receptionRule: r.reception_rule,
    nextReceptions: nextReceptions(scheduleOf(r), calendar),
    publishedRules: r.published_rules,
    publishedWorkflow: r.published_workflow,
    onlineEnabled: r.online_enabled,
    active: r.active,
    regions: regions.filter((g) => g.station_id === r.id).map((g) => ({ code: g.code, name: g.name })),
    servingDeputies: r.serving_deputies,
    members: members
      .filter((m) => m.station_id === r.id)
      .map((m) => ({ deputyId: m.deputy_id, name: m.name, isHead: m.is_head, since: m.since })),
    liaisonOfficers: staffOf(r.id, 'liaisonOfficer'),
    consultants: staffOf(r.id, 'consultant'),
    photos: photos
      .filter((ph) => ph.station_id === r.id)
      .map((ph) => ({
        id: ph.id,
        caption: ph.caption,
        url: `/api/stations/${r.id}/photos/${ph.id}`,
        width: ph.width,
        height: ph.height,
      })),
    problems: problemsOf(r),
  }));
}

const scheduleOf = (r: Row) => (r.reception_schedule ? ReceptionRule.parse(r.reception_schedule) : null);

/** The working calendar with administrators' corrections; the shipped data when it cannot be loaded. */
async function receptionCalendar(db: Db): Promise<HolidayCalendar> {
  try {
    return await calendarCache(db).get();
  } catch {
    // Dates shown on a station page are a courtesy: without the corrected calendar, the package's will do.
    return packageCalendar();
  }
}

/** The next (up to 3) reception days from today, China time. */
export function nextReceptions(rule: ReceptionRule | null, calendar: HolidayCalendar, today = chinaToday()): string[] {
  if (!rule) return [];
  // A short window first (most rules are monthly or weekly), a year and more for the rare ones.
  for (const span of [100, 400]) {
    let days: string[];
    try {
      days = occurrences(rule, today, addDays(today, span), calendar);
    } catch {
      days = occurrences(rule, today, addDays(today, span), packageCalendar());
    }
    if (days.length >= 3 || span === 400) return days.slice(0, 3);
  }
  return [];
}

const describe = (rule: ReceptionRule | null) =>
  rule ? { zh: describeRule(rule, 'zh-CN'), en: describeRule(rule, 'en') } : null;

/** How a rule (given, or recognised from text) reads, and its next three days: for the rule editor. */
export async function previewRule(p: Platform, actor: Actor, input: { rule?: ReceptionRule; text?: string }) {
  authorize(actor, 'station.read');
  const rule = input.rule ? normalizeRule(input.rule) : parseRuleText(input.text ?? '');
  return { rule, description: describe(rule), next: nextReceptions(rule, await receptionCalendar(p.db)) };
}

/** A station the actor may read (anything else is not found). */
export async function loadStation(db: Db, actor: Actor, id: number) {
  const row = await baseQuery(db).where('s.org_id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  authorize(actor, 'station.read', { orgPath: row.path });
  return row;
}

/** A station the actor may change: not found when it cannot even read it. */
export async function loadStationForManage(db: Db, actor: Actor, id: number) {
  const row = await loadStation(db, actor, id);
  authorize(actor, 'station.manage', { orgPath: row.path }, 'station.read');
  return row;
}

type Filters = z.infer<typeof StationFilters>;

function filtered(db: Db, actor: Actor, q: Filters) {
  let query = baseQuery(db).where(inScope(actor, 'station.read', sql.ref('o.path')));
  if (q.q) query = query.where(orgNameMatches(q.q));
  if (q.kind) query = query.where('s.kind', '=', q.kind);
  if (q.orgId) query = query.where(sql<boolean>`o.path <@ (SELECT path FROM organization WHERE id = ${q.orgId})`);
  if (q.active !== undefined) query = query.where('o.active', '=', q.active);
  if (q.withProblems !== undefined) {
    query = query.where(q.withProblems ? failsCompositionSql : sql<boolean>`NOT ${failsCompositionSql}`);
  }
  return query;
}

/** Stations in scope, filtered, in pinyin order of their names, a page at a time. */
export async function listStations(p: Platform, actor: Actor, q: z.infer<typeof ListStationsQuery>) {
  authorize(actor, 'station.read');
  // Keyset over (name_sort, id), like the deputies: a page never repeats or skips a station.
  const rows = await filtered(p.db, actor, q)
    .where(afterInNameOrder('o', 'organization', q.cursor))
    .orderBy('o.name_sort')
    .orderBy('o.id')
    .limit(q.limit + 1)
    .execute();
  const page = keysetPage(rows, q.limit);
  return { items: await present(p.db, page.items), nextCursor: page.nextCursor };
}

/** How many stations in scope there are, and how many of them break the composition rules. */
export async function stationSummary(p: Platform, actor: Actor) {
  authorize(actor, 'station.read');
  const row = await p.db
    .selectFrom('station as s')
    .innerJoin('organization as o', 'o.id', 's.org_id')
    .select([
      sql<number>`count(*)::int`.as('total'),
      sql<number>`(count(*) FILTER (WHERE ${failsCompositionSql}))::int`.as('with_problems'),
    ])
    .where(inScope(actor, 'station.read', sql.ref('o.path')))
    .where('o.active', '=', true)
    .executeTakeFirstOrThrow();
  return { total: row.total, withProblems: row.with_problems };
}

/** One station with its members, liaison officers, consultants, regions, photos and what it lacks. */
export async function getStation(p: Platform, actor: Actor, id: number): Promise<StationView> {
  return (await present(p.db, [await loadStation(p.db, actor, id)]))[0]!;
}

const stationColumnMap: [keyof StationPatch, string][] = [
  ['kind', 'kind'],
  ['domain', 'domain'],
  ['address', 'address'],
  ['latitude', 'latitude'],
  ['longitude', 'longitude'],
  ['openingHours', 'opening_hours'],
  ['receptionRule', 'reception_rule'],
  ['receptionSchedule', 'reception_schedule'],
  ['publishedRules', 'published_rules'],
  ['publishedWorkflow', 'published_workflow'],
  ['onlineEnabled', 'online_enabled'],
];

/** The `station` table's columns of a patch ('' clears a field). */
export function stationColumns(input: StationPatch) {
  const cols: Record<string, unknown> = {};
  for (const [key, col] of stationColumnMap)
    if (input[key] !== undefined) cols[col] = input[key] === '' ? null : input[key];
  if (input.receptionSchedule) cols.reception_schedule = JSON.stringify(input.receptionSchedule);
  return cols;
}

export function checkDomain(kind: string | undefined, domain: string | null | undefined) {
  if (kind === 'professional' && !domain) {
    throw invalid({
      path: 'body.domain',
      zh: '专业代表工作站须填写专业领域',
      en: 'A professional station needs its domain',
    });
  }
}

/** Checks that every covered region exists. */
async function checkRegions(db: Db, codes: readonly string[] | undefined) {
  if (!codes?.length) return;
  const found = await db.selectFrom('region').select('code').where('code', 'in', codes).execute();
  const known = new Set(found.map((r) => r.code));
  const missing = codes.findIndex((c) => !known.has(c));
  if (missing >= 0) {
    throw invalid({
      path: `body.regionCodes.${missing}`,
      zh: `行政区划 ${codes[missing]} 不存在`,
      en: `No region ${codes[missing]}`,
    });
  }
}

/** Replaces the regions a station covers. */
export async function setStationRegions(trx: Tx, id: number, codes: readonly string[]) {
  await trx.deleteFrom('station_region').where('station_id', '=', id).execute();
  const unique = [...new Set(codes)];
  if (unique.length) {
    await trx
      .insertInto('station_region')
      .values(unique.map((region_code) => ({ station_id: id, region_code })))
      .execute();
  }
}

/** A change as the history shows it: a reception rule in words rather than as its JSON. */
function readable(values: Record<string, unknown>) {
  const rule = values.receptionSchedule;
  if (!rule) return values;
  return { ...values, receptionSchedule: describeRule(ReceptionRule.parse(rule), 'zh-CN') };
}

/** Opens a station under a working committee in the actor's scope. */
export async function createStation(p: Platform, ctx: RequestContext, actor: Actor, input: StationInput) {
  const parent = await parentForNew(p.db, actor, input.parentId, 'station.manage');
  checkDomain(input.kind, input.domain);
  await checkOrgRefs(p.db, input);
  await checkRegions(p.db, input.regionCodes);
  const id = await inTransaction(p.db, async (trx) => {
    const id = await insertOrganization(trx, parent, {
      name: input.name,
      kind: 'station',
      code: input.code,
      regionCode: input.regionCode ?? parent.region_code,
    });
    await trx
      .insertInto('station')
      .values({ org_id: id, ...stationColumns(input) } as never)
      .execute();
    if (input.regionCodes) await setStationRegions(trx, id, input.regionCodes);
    await p.audit.record(trx, ctx, {
      action: 'station.create',
      subjectType: 'station',
      subjectId: id,
      summary: { after: input },
    });
    return id;
  });
  return getStation(p, actor, id);
}

/** Edits a station; deactivating keeps it and its history (never deleted). */
export async function updateStation(p: Platform, ctx: RequestContext, actor: Actor, id: number, input: StationPatch) {
  const row = await loadStationForManage(p.db, actor, id);
  checkDomain(input.kind ?? row.kind, input.domain === undefined ? row.domain : input.domain);
  await checkOrgRefs(p.db, input, id);
  await checkRegions(p.db, input.regionCodes);
  const current = (await present(p.db, [row]))[0]! as Record<string, unknown>;
  current.regionCodes = (current.regions as { code: string }[]).map((g) => g.code);
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
    if (input.name !== undefined || input.active !== undefined || input.code !== undefined)
      await patchOrganization(trx, id, { name: input.name, active: input.active, code: input.code });
    if (input.regionCodes) await setStationRegions(trx, id, input.regionCodes);
    await p.audit.record(trx, ctx, {
      action: 'station.update',
      subjectType: 'station',
      subjectId: id,
      summary: { before: readable(before), after: readable(input) },
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
  await loadStationForManage(p.db, actor, id);
  const deputy = await servingDeputy(p.db, actor, deputyId);
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
      summary: { deputyId, deputyName: deputy.name, isHead },
    });
  });
  return getStation(p, actor, id);
}

/** Takes a deputy off a station. */
export async function removeMember(p: Platform, ctx: RequestContext, actor: Actor, id: number, deputyId: number) {
  await loadStationForManage(p.db, actor, id);
  await inTransaction(p.db, async (trx) => {
    const res = await trx
      .deleteFrom('station_member')
      .where('station_id', '=', id)
      .where('deputy_id', '=', deputyId)
      .returning('is_head')
      .executeTakeFirst();
    if (!res) throw new AppError('NOT_FOUND');
    const [deputy] = await deputyNames(trx, [deputyId]);
    await p.audit.record(trx, ctx, {
      action: 'station.removeMember',
      subjectType: 'station',
      subjectId: id,
      summary: { deputyId, deputyName: deputy?.name, wasHead: res.is_head },
    });
  });
  return getStation(p, actor, id);
}
