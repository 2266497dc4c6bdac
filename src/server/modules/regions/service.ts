import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';

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
