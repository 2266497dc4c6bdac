import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { ListRegionsQuery, RegionInput, RegionPatch, RegionView } from '../../../contracts/regions.js';
import { type Db, inTransaction, type Tx } from '../../db/database.js';
import { authorize, type Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors/errors.js';
import { likeText } from '../../platform/http/paging.js';

/** One division: [code, name, level, parentCode] as written by scripts/regions-extract.mjs. */
export type RegionRow = [string, string, 'province' | 'city' | 'county' | 'township' | 'village', string | null];

const LEVELS = ['province', 'city', 'county', 'township', 'village'];

/** The region file shipped for a subtree root (e.g. 330206), or the given file. */
export function loadRegionFile(root: string, file?: string): RegionRow[] {
  // Resolved from the project root, so that the compiled server (dist/) finds the same files.
  const source = file ?? path.resolve(import.meta.dirname, `../../../../src/server/modules/regions/data/${root}.json`);
  if (!fs.existsSync(source)) {
    throw new Error(
      `no region data for ${root}: generate it with scripts/regions-extract.mjs (see README) and pass --file`,
    );
  }
  const rows = JSON.parse(fs.readFileSync(source, 'utf8')) as RegionRow[];
  const bad = rows.find((r) => !/^\d{6,12}$/.test(r[0]) || !r[1] || !LEVELS.includes(r[2]));
  if (bad) throw new Error(`${source}: invalid region row ${JSON.stringify(bad)}`);
  return rows;
}

/**
 * Adds or corrects the divisions of a subtree (parents before children), keeping the ltree paths
 * whole. Existing codes are updated in place, so organisations that point at them stay valid.
 */
export async function importRegions(p: Platform, trx: Tx, ctx: RequestContext, rows: RegionRow[]) {
  const sorted = [...rows].sort((a, b) => LEVELS.indexOf(a[2]) - LEVELS.indexOf(b[2]));
  const known = new Map(
    (await trx.selectFrom('region').select(['code', 'path']).execute()).map((r) => [r.code, r.path]),
  );
  const values = [];
  for (const [code, name, level, parent] of sorted) {
    const parentPath = parent ? known.get(parent) : null;
    if (parent && !parentPath) throw new Error(`region ${code} ${name}: parent ${parent} is missing`);
    const regionPath = parentPath ? `${parentPath}.${code}` : code;
    known.set(code, regionPath);
    values.push({ code, name, level, parent_code: parent, path: regionPath });
  }
  for (let i = 0; i < values.length; i += 2000) {
    await trx
      .insertInto('region')
      .values(values.slice(i, i + 2000))
      .onConflict((oc) =>
        oc.column('code').doUpdateSet({
          name: sql`excluded.name`,
          level: sql`excluded.level`,
          parent_code: sql`excluded.parent_code`,
          path: sql`excluded.path`,
        }),
      )
      .execute();
  }
  await p.audit.record(trx, ctx, { action: 'region.import', summary: { regions: values.length } });
  return values.length;
}

const NEXT_LEVEL: Record<string, string | undefined> = {
  province: 'city',
  city: 'county',
  county: 'township',
  township: 'village',
};

function regionQuery(db: Db) {
  return db
    .selectFrom('region as g')
    .select([
      'g.code',
      'g.name',
      'g.level',
      'g.parent_code',
      sql<boolean>`EXISTS (SELECT 1 FROM region c WHERE c.parent_code = g.code)`.as('has_children'),
    ]);
}

const presentRegion = (r: {
  code: string;
  name: string;
  level: string;
  parent_code: string | null;
  has_children: boolean;
}): RegionView => ({
  code: r.code,
  name: r.name,
  level: r.level as RegionView['level'],
  parentCode: r.parent_code,
  hasChildren: r.has_children,
});

/**
 * Regions (reference data, readable by every signed-in user): the children of a node, the top of
 * the tree, some nodes by code, or up to 50 whose name contains a word.
 */
export async function listRegions(p: Platform, actor: Actor, q: z.infer<typeof ListRegionsQuery>) {
  authorize(actor, 'org.read');
  let query = regionQuery(p.db);
  if (q.codes) query = query.where('g.code', 'in', q.codes.split(','));
  else if (q.q) query = query.where('g.name', 'like', `%${likeText(q.q)}%`).limit(50);
  else if (q.parentCode) query = query.where('g.parent_code', '=', q.parentCode);
  else query = query.where('g.parent_code', 'is', null);
  const rows = await query.orderBy('g.path').execute();
  return { items: rows.map(presentRegion) };
}

async function loadRegion(db: Db, code: string) {
  const row = await regionQuery(db).select('g.path').where('g.code', '=', code).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** Corrects the name of a division (codes never change: organisations and stations point at them). */
export async function renameRegion(p: Platform, ctx: RequestContext, actor: Actor, code: string, input: RegionPatch) {
  authorize(actor, 'region.manage');
  const row = await loadRegion(p.db, code);
  await inTransaction(p.db, async (trx) => {
    await trx.updateTable('region').set({ name: input.name }).where('code', '=', code).execute();
    await p.audit.record(trx, ctx, {
      action: 'region.update',
      subjectType: 'region',
      subjectId: code,
      summary: { before: { name: row.name }, after: { name: input.name } },
    });
  });
  return presentRegion({ ...row, name: input.name });
}

/** Adds a division below another (a new community, say), one level down. */
export async function addRegion(p: Platform, ctx: RequestContext, actor: Actor, input: RegionInput) {
  authorize(actor, 'region.manage');
  const parent = await p.db
    .selectFrom('region')
    .select(['code', 'level', 'path'])
    .where('code', '=', input.parentCode)
    .executeTakeFirst();
  if (!parent) throw invalid({ path: 'body.parentCode', zh: '上级区划不存在', en: 'No such parent region' });
  const level = NEXT_LEVEL[parent.level];
  if (!level) {
    throw invalid({
      path: 'body.parentCode',
      zh: '村（社区）下不能再设区划',
      en: 'A village or community has no divisions below it',
    });
  }
  if (!input.code.startsWith(input.parentCode.replace(/0+$/, '')) || input.code.length < input.parentCode.length) {
    throw invalid({
      path: 'body.code',
      zh: `代码应以上级代码 ${input.parentCode.replace(/0+$/, '')} 开头，且不短于上级代码`,
      en: `The code must start with the parent's ${input.parentCode.replace(/0+$/, '')} and be at least as long`,
    });
  }
  const taken = await p.db.selectFrom('region').select('code').where('code', '=', input.code).executeTakeFirst();
  if (taken) throw invalid({ path: 'body.code', zh: '该代码已存在', en: 'This code exists already' });
  await inTransaction(p.db, async (trx) => {
    await trx
      .insertInto('region')
      .values({
        code: input.code,
        name: input.name,
        level,
        parent_code: parent.code,
        path: `${parent.path}.${input.code}`,
      })
      .execute();
    await p.audit.record(trx, ctx, {
      action: 'region.create',
      subjectType: 'region',
      subjectId: input.code,
      summary: { after: { ...input, level } },
    });
  });
  return presentRegion({ code: input.code, name: input.name, level, parent_code: parent.code, has_children: false });
}
