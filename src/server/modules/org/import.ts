import { sql } from 'kysely';
import type { ImportProblem, ImportResult } from '../../../contracts/imports.js';
import { OrgCode } from '../../../contracts/org.js';
import { Phone } from '../../../contracts/common.js';
import { type Db, type Tx, inTransaction } from '../../db/database.js';
import type { Action } from '../../../contracts/roles.js';
import { authorize, inScope, isWithin, type Actor } from '../../platform/access/policy.js';
import type { AuditEntry, RequestContext } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { AppError } from '../../platform/errors/errors.js';
import type { Table } from '../../platform/files/table-file.js';
import { readRows, refuseUnlessClean, type RowReader, yesNo } from '../../platform/files/table-import.js';
import { insertOrganizations, orgColumns } from './service.js';

/** The body an import applies to: new rows without a 上级机构 go below it. */
export async function importTarget(db: Db, actor: Actor, orgId: number, action: Action) {
  const org = await db
    .selectFrom('organization')
    .select(['id', 'name', 'path', 'region_code', 'kind', 'active'])
    .where('id', '=', orgId)
    .executeTakeFirst();
  if (!org) throw new AppError('NOT_FOUND');
  authorize(actor, action, { orgPath: org.path }, 'org.read');
  return org;
}

export interface ParentRef {
  id: number;
  name: string;
  path: string;
  region_code: string | null;
}

/**
 * The bodies named in a 上级机构 column: active, not stations, within the actor's scope for `action`.
 * A name held by several such bodies cannot be used (the row must name it by its code instead).
 */
export async function parentsByName(db: Db, actor: Actor, action: Action, names: string[]) {
  const rows = names.length
    ? await db
        .selectFrom('organization as o')
        .select(['o.id', 'o.name', 'o.code', 'o.path', 'o.region_code'])
        .where((eb) => eb.or([eb('o.name', 'in', names), eb('o.code', 'in', names)]))
        .where('o.kind', '!=', 'station')
        .where('o.active', '=', true)
        .where(inScope(actor, action, sql.ref('o.path')))
        .execute()
    : [];
  const found = new Map<string, ParentRef[]>();
  for (const r of rows) {
    for (const key of [r.name, r.code]) if (key) found.set(key, [...(found.get(key) ?? []), r]);
  }
  return (row: { line: number }, name: string, problems: ImportProblem[]): ParentRef | null => {
    const hits = found.get(name) ?? [];
    if (hits.length === 1) return hits[0]!;
    problems.push({
      row: row.line,
      column: '上级机构',
      problem: hits.length
        ? `有 ${hits.length} 个机构名为“${name}”，请改填其编号`
        : `上级机构“${name}”不存在、已停用或不在您的管理范围内`,
    });
    return null;
  };
}

interface Existing {
  id: number;
  name: string;
  code: string | null;
  kind: string;
  path: string;
}

/**
 * Matches rows to organisations already there: by 编号 when the row has one, else by name among
 * those of `kinds` in the actor's scope. A code used by a body the actor may not change, or of
 * another kind, is a problem of the row.
 */
export async function matchExisting(
  db: Db,
  actor: Actor,
  action: Action,
  kinds: readonly string[],
  rows: readonly { line: number; code: string | null; name: string }[],
  problems: ImportProblem[],
) {
  const codes = rows.flatMap((r) => (r.code ? [r.code] : []));
  const names = rows.filter((r) => !r.code).map((r) => r.name);
  const byCode = new Map(
    (codes.length
      ? await db
          .selectFrom('organization')
          .select(['id', 'name', 'code', 'kind', 'path'])
          .where('code', 'in', codes)
          .execute()
      : []
    ).map((o) => [o.code!, o]),
  );
  const sameName = names.length
    ? await db
        .selectFrom('organization as o')
        .select(['o.id', 'o.name', 'o.code', 'o.kind', 'o.path'])
        .where('o.name', 'in', names)
        .where('o.kind', 'in', [...kinds])
        .where(inScope(actor, action, sql.ref('o.path')))
        .execute()
    : [];
  const scopes = new Set(
    (codes.length
      ? await db
          .selectFrom('organization as o')
          .select('o.id')
          .where('o.code', 'in', codes)
          .where(inScope(actor, action, sql.ref('o.path')))
          .execute()
      : []
    ).map((o) => o.id),
  );
  const matched = new Map<number, Existing>();
  for (const r of rows) {
    if (r.code) {
      const hit = byCode.get(r.code);
      if (!hit) continue;
      if (!kinds.includes(hit.kind) || !scopes.has(hit.id)) {
        problems.push({ row: r.line, column: '编号', problem: `编号“${r.code}”已被其他机构使用` });
      } else matched.set(r.line, hit);
    } else {
      const hits = sameName.filter((o) => o.name === r.name);
      if (hits.length > 1) {
        problems.push({ row: r.line, column: '名称', problem: `已有 ${hits.length} 个同名机构，请填写编号以区分` });
      } else if (hits[0]) matched.set(r.line, hits[0]);
    }
  }
  return matched;
}

/** Reads the 编号 cell: empty, or a code of letters, digits and . _ - */
export function readCode<C extends string>(row: RowReader<C | '编号'>): string | null {
  const code = row.get('编号');
  if (code && !OrgCode.safeParse(code).success) row.bad('编号', '编号只能包含字母、数字和 . _ -，不超过 50 个字符');
  return code || null;
}

/** Reads the 状态 cell: 启用/停用, or null when empty (a new row is active; an existing one keeps its state). */
export function readActive<C extends string>(row: RowReader<C | '状态'>): boolean | null {
  const text = row.get('状态');
  const active = text ? yesNo(text) : null;
  if (text && active === null) row.bad('状态', '状态应为“启用”或“停用”');
  return active;
}

// ---- handling units ----

export const unitColumns = ['编号', '名称', '类型', '上级机构', '行政区划代码', '联系人', '联系电话', '状态'] as const;
const unitKinds: Record<string, 'streetOffice' | 'department'> = {
  街道办事处: 'streetOffice',
  办事处: 'streetOffice',
  政府部门: 'department',
  部门: 'department',
};
export const unitKindLabel = { streetOffice: '街道办事处', department: '政府部门' } as const;

export const unitTemplate: string[][] = [
  [...unitColumns],
  ['U001', '某区住房和城乡建设局', '政府部门', '', '', '张三', '0574-86780000', '启用'],
];

interface UnitRow {
  line: number;
  code: string | null;
  name: string;
  kind: 'streetOffice' | 'department';
  parent: string;
  regionCode: string | null;
  contactPerson: string | null;
  contactPhone: string | null;
  active: boolean | null;
}

function parseUnits(table: Table) {
  return readRows(table, unitColumns, ['名称', '类型'], (row): UnitRow => {
    const name = row.get('名称');
    if (!name) row.bad('名称', '名称不能为空');
    row.maxLength('名称', 100);
    const kind = unitKinds[row.get('类型')];
    if (!kind) row.bad('类型', '类型应为“街道办事处”或“政府部门”');
    const code = readCode(row);
    const region = row.get('行政区划代码');
    if (region && !/^[0-9]{6,12}$/.test(region)) row.bad('行政区划代码', '行政区划代码应为 6 到 12 位数字');
    row.maxLength('联系人', 50);
    const phone = row.get('联系电话');
    if (phone && !Phone.safeParse(phone).success) row.bad('联系电话', `电话号码“${phone}”无效`);
    row.unique(code ?? `name:${name}`, code ? '编号' : '名称');
    return {
      line: row.line,
      code,
      name,
      kind: kind!,
      parent: row.get('上级机构'),
      regionCode: region || null,
      contactPerson: row.get('联系人') || null,
      contactPhone: phone || null,
      active: readActive(row),
    };
  });
}

/**
 * Imports handling units (street offices, departments) below `orgId`: all rows or none; rows are
 * matched by 编号, or by name among the units in scope, so a second import of a file changes nothing.
 */
export async function importUnits(p: Platform, ctx: RequestContext, actor: Actor, orgId: number, table: Table) {
  const target = await importTarget(p.db, actor, orgId, 'org.manage');
  const { rows, problems } = parseUnits(table);
  const parentOf = await parentsByName(p.db, actor, 'org.manage', [
    ...new Set(rows.map((r) => r.parent).filter(Boolean)),
  ]);
  const regionCodes = [...new Set(rows.flatMap((r) => (r.regionCode ? [r.regionCode] : [])))];
  const knownRegions = new Set(
    regionCodes.length
      ? (await p.db.selectFrom('region').select('code').where('code', 'in', regionCodes).execute()).map((r) => r.code)
      : [],
  );
  const parents = new Map<number, ParentRef>();
  for (const r of rows) {
    const parent = r.parent ? parentOf(r, r.parent, problems) : target;
    if (parent) parents.set(r.line, parent);
    if (r.regionCode && !knownRegions.has(r.regionCode))
      problems.push({ row: r.line, column: '行政区划代码', problem: `行政区划 ${r.regionCode} 不存在` });
  }
  const matched = await matchExisting(p.db, actor, 'org.manage', ['streetOffice', 'department'], rows, problems);
  noCycles(rows, parents, matched, problems);
  refuseUnlessClean(problems, rows.length, { row: 1, column: '名称', problem: '文件中没有承办单位数据' });

  const current = new Map(
    (matched.size
      ? await p.db
          .selectFrom('organization')
          .select([
            'id',
            'name',
            'kind',
            'code',
            'parent_id',
            'region_code',
            'contact_person',
            'contact_phone',
            'active',
          ])
          .where(
            'id',
            'in',
            [...matched.values()].map((m) => m.id),
          )
          .execute()
      : []
    ).map((o) => [o.id, o]),
  );
  const fieldsOf = (r: (typeof rows)[number]) => {
    const parent = parents.get(r.line)!;
    const old = matched.get(r.line);
    return {
      name: r.name,
      kind: r.kind,
      code: r.code ?? (old ? current.get(old.id)!.code : null),
      regionCode: r.regionCode ?? parent.region_code,
      contactPerson: r.contactPerson,
      contactPhone: r.contactPhone,
    };
  };
  return inTransaction(p.db, async (trx) => {
    const result: ImportResult = { total: rows.length, created: 0, updated: 0, unchanged: 0 };
    const audits: AuditEntry[] = [];
    // New units go in together: a few statements for any number of rows.
    const fresh = rows.filter((r) => !matched.has(r.line));
    const freshIds = await insertOrganizations(
      trx,
      fresh.map((r) => ({ ...fieldsOf(r), parent: parents.get(r.line)!, active: r.active ?? true })),
    );
    fresh.forEach((r, i) =>
      audits.push({
        action: 'org.create',
        subjectType: 'organization',
        subjectId: freshIds[i]!,
        summary: {
          via: 'import',
          after: { ...fieldsOf(r), parentId: parents.get(r.line)!.id, active: r.active ?? true },
        },
      }),
    );
    result.created = fresh.length;
    for (const r of rows) {
      const parent = parents.get(r.line)!;
      const old = matched.get(r.line);
      if (!old) continue;
      const fields = fieldsOf(r);
      const o = current.get(old.id)!;
      const before: Record<string, unknown> = {
        name: o.name,
        kind: o.kind,
        code: o.code,
        regionCode: o.region_code,
        contactPerson: o.contact_person,
        contactPhone: o.contact_phone,
        active: o.active,
        parentId: o.parent_id,
      };
      const after: Record<string, unknown> = { ...fields, active: r.active ?? o.active, parentId: parent.id };
      const changed = Object.keys(before).filter((k) => before[k] !== after[k]);
      if (!changed.length) {
        result.unchanged++;
        continue;
      }
      await trx
        .updateTable('organization')
        .set({ ...orgColumns({ ...fields, active: r.active ?? o.active }), updated_at: new Date() })
        .where('id', '=', o.id)
        .execute();
      if (before.parentId !== parent.id) await moveOrganization(trx, o.id, parent);
      audits.push({
        action: 'org.update',
        subjectType: 'organization',
        subjectId: o.id,
        summary: {
          via: 'import',
          before: Object.fromEntries(changed.map((k) => [k, before[k]])),
          after: Object.fromEntries(changed.map((k) => [k, after[k]])),
        },
      });
      result.updated++;
    }
    audits.push({ action: 'org.importUnits', subjectType: 'organization', subjectId: orgId, summary: { ...result } });
    await p.audit.recordMany(trx, ctx, audits);
    return result;
  });
}

/** A row may not put an organisation below itself or its own subtree. */
export function noCycles(
  rows: readonly { line: number }[],
  parents: Map<number, { path: string }>,
  matched: Map<number, { path: string }>,
  problems: ImportProblem[],
) {
  for (const r of rows) {
    const parent = parents.get(r.line);
    const old = matched.get(r.line);
    if (parent && old && isWithin(parent.path, old.path))
      problems.push({ row: r.line, column: '上级机构', problem: '上级机构不能是它自己或它的下级' });
  }
}

/** Puts an organisation (and its subtree) below another parent, keeping the ltree paths whole. */
export async function moveOrganization(trx: Tx, id: number, parent: { id: number; path: string }) {
  const { path } = await trx.selectFrom('organization').select('path').where('id', '=', id).executeTakeFirstOrThrow();
  await trx.updateTable('organization').set({ parent_id: parent.id }).where('id', '=', id).execute();
  await sql`UPDATE organization SET path = ${parent.path}::ltree || subpath(path, nlevel(${path}::ltree) - 1)
            WHERE path <@ ${path}::ltree`.execute(trx);
}
