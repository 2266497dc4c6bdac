import { sql } from 'kysely';
import type { OrgView } from '../../../contracts/org.js';
import { authorize, inScope, type Actor } from '../../platform/access/policy.js';
import type { Platform } from '../../platform/context.js';

/** The organisations in the actor's scope, in tree order (parents before children). */
export async function listOrganizations(p: Platform, actor: Actor): Promise<OrgView[]> {
  authorize(actor, 'org.read');
  const rows = await p.db
    .selectFrom('organization as o')
    .leftJoin('region as r', 'r.code', 'o.region_code')
    .select([
      'o.id',
      'o.parent_id',
      'o.name',
      'o.kind',
      'o.region_code',
      'r.name as region_name',
      sql<number>`nlevel(o.path)`.as('depth'),
    ])
    .where(inScope(actor, 'org.read', sql.ref('o.path')))
    .orderBy(sql`string_to_array(o.path::text, '.')::bigint[]`)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    parentId: r.parent_id,
    name: r.name,
    kind: r.kind as OrgView['kind'],
    regionCode: r.region_code,
    regionName: r.region_name,
    depth: r.depth,
  }));
}
