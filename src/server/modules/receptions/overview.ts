import { sql } from 'kysely';
import { authorize, type Actor } from '../../platform/access/policy.js';
import type { Platform } from '../../platform/context.js';
import { activeStationsInScope } from '../stations/members.js';

/** The district's overview: per station, receptions (not cancelled) per month of a year. */
export async function overview(p: Platform, actor: Actor, year: number, orgId?: number) {
  authorize(actor, 'reception.read');
  const stations = await activeStationsInScope(p.db, actor, 'reception.read', orgId);
  const ids = stations.map((s) => s.id);
  const counts = ids.length
    ? await p.db
        .selectFrom('reception as r')
        .select([
          'r.station_id',
          sql<number[]>`array_agg(extract(month FROM r.day)::int)`.as('months'),
          sql<number>`(count(r.id) FILTER (WHERE r.status = 'closed'))::int`.as('held'),
          sql<number>`count(r.id)::int`.as('planned'),
        ])
        .where(sql<boolean>`r.station_id = ANY(${ids}::int[])`)
        .where('r.status', '!=', 'cancelled')
        .where(sql<boolean>`extract(year FROM r.day) = ${year}`)
        .groupBy('r.station_id')
        .execute()
    : [];
  const byStation = new Map(counts.map((c) => [c.station_id, c]));
  return {
    year,
    items: stations.map((s) => {
      const c = byStation.get(s.id);
      const months = Array.from({ length: 12 }, () => 0);
      for (const m of c?.months ?? []) months[m - 1]!++;
      return { stationId: s.id, stationName: s.name, months, held: c?.held ?? 0, planned: c?.planned ?? 0 };
    }),
  };
}
