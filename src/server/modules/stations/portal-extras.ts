import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';

/**
 * What the public portal adds to a station's public row: its contact phone (the station's
 * organisation's) and whether it has published anything a visitor could use — a member, opening
 * hours, reception days, the workflow or the rules.
 */
export async function stationPortalExtras(db: Db | Tx, ids: readonly number[]) {
  if (!ids.length) return new Map<number, { phone: string | null; published: boolean }>();
  const rows = await (db as Db)
    .selectFrom('station as s')
    .innerJoin('organization as o', 'o.id', 's.org_id')
    .select(['o.id', 'o.contact_phone'])
    .select(
      sql<boolean>`(s.opening_hours IS NOT NULL OR s.reception_rule IS NOT NULL OR s.reception_schedule IS NOT NULL
        OR s.published_workflow IS NOT NULL OR s.published_rules IS NOT NULL
        OR EXISTS (SELECT 1 FROM station_member m WHERE m.station_id = s.org_id))`.as('published'),
    )
    .where('o.id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, { phone: r.contact_phone, published: r.published }]));
}

/** A station's street address (where a reception with no place of its own is held). */
export async function stationAddress(db: Db | Tx, orgId: number): Promise<string | null> {
  const row = await (db as Db).selectFrom('station').select('address').where('org_id', '=', orgId).executeTakeFirst();
  return row?.address ?? null;
}
