import crypto from 'node:crypto';
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { z } from 'zod';
import type { ListUnitsQuery, OrgInput, OrgPatch, OrgView } from '../../../contracts/org.js';
import { handlingUnitKinds } from '../../../contracts/org.js';
import { type Db, inTransaction, type Tx } from '../../db/database.js';
import { authorize, can, inScope, type Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import { beforeOf } from '../../platform/audit/changes.js';
import type { Platform } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors/errors.js';
import { afterInNameOrder, keysetPage, likeText } from '../../platform/http/paging.js';
import { pinyinKeys } from '../../platform/text/pinyin.js';

function baseQuery(db: Db | Tx) {
  return (db as Db)
    .selectFrom('organization as o')
    .leftJoin('region as r', 'r.code', 'o.region_code')
    .leftJoin('organization as parent', 'parent.id', 'o.parent_id')
    .select([
      'o.id',
      'o.parent_id',
      'parent.path as parent_path',
      'parent.active as parent_active',
      'o.name',
      'o.kind',
      'o.code',
      'o.path',
      'o.region_code',
      'r.name as region_name',
      'o.active',
      'o.contact_person',
      'o.contact_phone',
      sql<number>`nlevel(o.path)`.as('depth'),
    ]);
}
type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

const present = (r: Row): OrgView => ({
  id: r.id,
  parentId: r.parent_id,
  name: r.name,
  kind: r.kind as OrgView['kind'],
  code: r.code,
  regionCode: r.region_code,
  regionName: r.region_name,
  depth: r.depth,
  active: r.active,
  contactPerson: r.contact_person,
  contactPhone: r.contact_phone,
});

/** The organisations in the actor's scope, in tree order (parents before children). */
export async function listOrganizations(p: Platform, actor: Actor): Promise<OrgView[]> {
  authorize(actor, 'org.read');
  const rows = await baseQuery(p.db)
    .where(inScope(actor, 'org.read', sql.ref('o.path')))
    .orderBy(sql`string_to_array(o.path::text, '.')::bigint[]`)
    .execute();
  return rows.map(present);
}

async function loadOrg(db: Db, actor: Actor, id: number) {
  const row = await baseQuery(db).where('o.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  authorize(actor, 'org.read', { orgPath: row.path });
  return row;
}

/** One organisation the actor may see. */
export async function getOrganization(p: Platform, actor: Actor, id: number): Promise<OrgView> {
  return present(await loadOrg(p.db, actor, id));
}

/**
 * A body is managed from above: changing it needs `org.manage` over its parent, so an officer
 * manages the bodies below the one their role is held on (not that body itself, nor the root).
 */
async function loadForManage(db: Db, actor: Actor, id: number) {
  const row = await loadOrg(db, actor, id);
  if (!row.parent_path || !can(actor, 'org.manage', { orgPath: row.parent_path })) throw new AppError('FORBIDDEN');
  return row;
}

/** The body a new organisation (or station) goes under: in the actor's scope for `action`, active, not a station. */
export async function parentForNew(db: Db, actor: Actor, parentId: number, action: 'org.manage' | 'station.manage') {
  const parent = await db
    .selectFrom('organization')
    .select(['id', 'path', 'kind', 'region_code', 'active'])
    .where('id', '=', parentId)
    .executeTakeFirst();
  if (!parent) throw invalid({ path: 'body.parentId', zh: '上级机构不存在', en: 'No such parent organisation' });
  authorize(actor, action, { orgPath: parent.path }, 'org.read');
  if (parent.kind === 'station') {
    throw invalid({ path: 'body.parentId', zh: '联络站下不能再设机构', en: 'A station has no bodies below it' });
  }
  if (!parent.active) {
    throw invalid({ path: 'body.parentId', zh: '上级机构已停用', en: 'The parent organisation is deactivated' });
  }
  return parent;
}

/** Checks what an organisation's fields refer to: the region exists, the code is not taken by another body. */
export async function checkOrgRefs(
  db: Db | Tx,
  input: { regionCode?: string | null; code?: string | null },
  self?: number,
) {
  if (input.regionCode) {
    const region = await db.selectFrom('region').select('code').where('code', '=', input.regionCode).executeTakeFirst();
    if (!region) throw invalid({ path: 'body.regionCode', zh: '行政区划不存在', en: 'No such region' });
  }
  if (input.code) {
    let q = db.selectFrom('organization').select('id').where('code', '=', input.code);
    if (self) q = q.where('id', '!=', self);
    if (await q.executeTakeFirst()) {
      throw invalid({ path: 'body.code', zh: '该编号已被其他机构使用', en: 'Another organisation has this code' });
    }
  }
}

export interface NewOrganization {
  parent: { id: number; path: string };
  name: string;
  kind: string;
  code?: string | null;
  regionCode?: string | null;
  contactPerson?: string | null;
  contactPhone?: string | null;
  active?: boolean;
}

/** Inserts an organisation below `parent`, with its tree path and pinyin keys; returns its id. */
export async function insertOrganization(
  trx: Tx,
  parent: { id: number; path: string },
  org: Omit<NewOrganization, 'parent'>,
) {
  const [id] = await insertOrganizations(trx, [{ ...org, parent }]);
  return id!;
}

/**
 * Inserts organisations in a few statements whatever their number (an import's new rows); returns
 * their ids in the same order. Each gets its tree path once its id is known.
 */
export async function insertOrganizations(trx: Tx, orgs: readonly NewOrganization[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < orgs.length; i += 500) {
    const chunk = orgs.slice(i, i + 500);
    // PostgreSQL returns the rows of an INSERT … VALUES in the order of the values.
    const rows = await trx
      .insertInto('organization')
      .values(
        chunk.map((org) => {
          const keys = pinyinKeys(org.name);
          return {
            name: org.name,
            kind: org.kind,
            code: org.code || null,
            parent_id: org.parent.id,
            region_code: org.regionCode ?? null,
            contact_person: org.contactPerson || null,
            contact_phone: org.contactPhone || null,
            active: org.active ?? true,
            name_initials: keys.initials,
            name_sort: keys.sort,
            // A placeholder until the id is known: unique (the path is), and never a real path.
            path: sql<string>`${`pending_${crypto.randomBytes(9).toString('hex')}`}::ltree`,
          };
        }),
      )
      .returning('id')
      .execute();
    ids.push(...rows.map((r) => r.id));
  }
  if (ids.length)
    await sql`UPDATE organization o SET path = v.path::ltree
               FROM unnest(${ids}::bigint[], ${orgs.map((org, i) => `${org.parent.path}.${ids[i]}`)}::text[]) AS v(id, path)
              WHERE o.id = v.id`.execute(trx);
  return ids;
}

/** Writes an organisation patch (name with its pinyin keys, code, active, …) to one organisation; nothing when empty. */
export async function patchOrganization(trx: Tx, id: number, input: OrgPatch) {
  const cols = orgColumns(input);
  if (!Object.keys(cols).length) return;
  await trx
    .updateTable('organization')
    .set({ ...cols, updated_at: new Date() } as never)
    .where('id', '=', id)
    .execute();
}

/** Column values of an organisation patch ('' and null clear a field). */
export function orgColumns(input: OrgPatch) {
  const cols: Record<string, unknown> = {};
  if (input.name !== undefined) {
    const keys = pinyinKeys(input.name);
    Object.assign(cols, { name: input.name, name_initials: keys.initials, name_sort: keys.sort });
  }
  const map: [keyof OrgPatch, string][] = [
    ['kind', 'kind'],
    ['code', 'code'],
    ['regionCode', 'region_code'],
    ['contactPerson', 'contact_person'],
    ['contactPhone', 'contact_phone'],
    ['active', 'active'],
  ];
  for (const [key, col] of map) if (input[key] !== undefined) cols[col] = input[key] === '' ? null : input[key];
  return cols;
}

/** Creates a body (committee, street office, department …) below one in the actor's scope. */
export async function createOrganization(p: Platform, ctx: RequestContext, actor: Actor, input: OrgInput) {
  const parent = await parentForNew(p.db, actor, input.parentId, 'org.manage');
  await checkOrgRefs(p.db, input);
  const id = await inTransaction(p.db, async (trx) => {
    const id = await insertOrganization(trx, parent, { ...input, regionCode: input.regionCode ?? parent.region_code });
    await p.audit.record(trx, ctx, {
      action: 'org.create',
      subjectType: 'organization',
      subjectId: id,
      summary: { after: input },
    });
    return id;
  });
  return getOrganization(p, actor, id);
}

/** Edits a body, or (de)activates it. Bodies are never deleted: their history stays attached. */
export async function updateOrganization(p: Platform, ctx: RequestContext, actor: Actor, id: number, input: OrgPatch) {
  const row = await loadForManage(p.db, actor, id);
  if (row.kind === 'station') {
    throw invalid({ path: 'body', zh: '联络站请在“联络站”中修改', en: 'Change stations on the stations screen' });
  }
  await checkOrgRefs(p.db, input, id);
  if (input.active === true && row.parent_active === false) {
    throw invalid({ path: 'body.active', zh: '上级机构已停用，不能启用', en: 'The parent is deactivated' });
  }
  if (input.active === false && row.active) {
    const { n } = await p.db
      .selectFrom('organization')
      .select((e) => e.fn.countAll<number>().as('n'))
      .where('parent_id', '=', id)
      .where('active', '=', true)
      .executeTakeFirstOrThrow();
    if (Number(n) > 0) {
      throw invalid({
        path: 'body.active',
        zh: `还有 ${n} 个下级机构在用，请先停用它们`,
        en: `${n} bodies below it are still active; deactivate them first`,
      });
    }
  }
  await inTransaction(p.db, async (trx) => {
    const cols = orgColumns(input);
    if (Object.keys(cols).length) {
      await trx
        .updateTable('organization')
        .set({ ...cols, updated_at: new Date() })
        .where('id', '=', id)
        .execute();
    }
    await p.audit.record(trx, ctx, {
      action: 'org.update',
      subjectType: 'organization',
      subjectId: id,
      summary: { before: beforeOf(present(row), input), after: input },
    });
  });
  return getOrganization(p, actor, id);
}

type UnitFilters = Omit<z.infer<typeof ListUnitsQuery>, 'limit' | 'cursor'>;

/** Handling units (street offices, government departments) in scope, in pinyin order, a page at a time. */
export async function listUnits(
  p: Platform,
  actor: Actor,
  q: UnitFilters & { limit: number; cursor?: string },
): Promise<{ items: OrgView[]; nextCursor: string | null }> {
  authorize(actor, 'org.read');
  let query = baseQuery(p.db)
    .select('o.name_sort')
    .where(inScope(actor, 'org.read', sql.ref('o.path')))
    .where('o.kind', 'in', q.kind ? [q.kind] : [...handlingUnitKinds]);
  if (q.q) query = query.where(orgNameMatches(q.q));
  if (q.orgId) query = query.where(sql<boolean>`o.path <@ (SELECT path FROM organization WHERE id = ${q.orgId})`);
  if (q.active !== undefined) query = query.where('o.active', '=', q.active);
  const rows = await query
    .where(afterInNameOrder('o', 'organization', q.cursor))
    .orderBy('o.name_sort')
    .orderBy('o.id')
    .limit(q.limit + 1)
    .execute();
  const page = keysetPage(rows, q.limit);
  return { items: page.items.map(present), nextCursor: page.nextCursor };
}

/**
 * Whether the organisation under `alias` matches a search word: pinyin initials or the start of
 * the full pinyin for Latin letters (xq, xinqi), its code, or part of its name.
 */
export function orgNameMatches(text: string, alias = 'o'): RawBuilder<SqlBool> {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  const word = text.toLowerCase();
  if (/^[a-z]+$/.test(word)) {
    const prefix = `${likeText(word)}%`;
    return sql<SqlBool>`(${col('name_initials')} LIKE ${prefix} OR ${col('name_sort')} LIKE ${prefix} OR ${col('code')} = ${text})`;
  }
  return sql<SqlBool>`(${col('name')} LIKE ${`%${likeText(text)}%`} OR ${col('code')} = ${text})`;
}
