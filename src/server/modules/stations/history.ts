import type { StationChange } from '../../../contracts/stations.js';
import type { Actor } from '../../platform/access/policy.js';
import type { Platform } from '../../platform/context.js';
import { cursorId, keysetPage } from '../../platform/http/paging.js';
import { loadStationForManage } from './service.js';

/**
 * A station's change history, newest first, read from the audit trail: who changed what, with the
 * before and after the use cases recorded. For those who manage the station (no addresses or
 * browser strings: those stay with the auditor).
 */
export async function stationHistory(
  p: Platform,
  actor: Actor,
  id: number,
  q: { limit: number; cursor?: string },
): Promise<{ items: StationChange[]; nextCursor: string | null }> {
  await loadStationForManage(p.db, actor, id);
  let query = p.db
    .selectFrom('audit_log as a')
    .leftJoin('app_user as u', 'u.id', 'a.actor_id')
    .select(['a.id', 'a.at', 'a.actor_name', 'u.display_name', 'a.action', 'a.summary'])
    .where('a.subject_type', '=', 'station')
    .where('a.subject_id', '=', String(id));
  const before = cursorId(q.cursor);
  if (before) query = query.where('a.id', '<', before);
  const rows = await query
    .orderBy('a.id', 'desc')
    .limit(q.limit + 1)
    .execute();
  const page = keysetPage(rows, q.limit);
  return {
    items: page.items.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actorName: r.display_name ?? r.actor_name,
      action: r.action,
      summary: r.summary,
    })),
    nextCursor: page.nextCursor,
  };
}
