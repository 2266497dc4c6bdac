import type { StationChange } from '../../../contracts/stations.js';
import type { Actor } from '../../platform/access/policy.js';
import type { Platform } from '../../platform/context.js';
import { subjectHistory } from '../../platform/audit/search.js';
import { cursorId, keysetPage } from '../../platform/http/paging.js';
import { userNames } from '../users/contacts.js';
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
  const rows = await subjectHistory(p.db, 'station', String(id), q.limit + 1, cursorId(q.cursor) ?? undefined);
  const page = keysetPage(rows, q.limit);
  const names = new Map(
    (
      await userNames(
        p.db,
        page.items.flatMap((r) => (r.actor_id ? [r.actor_id] : [])),
      )
    ).map((u) => [u.id, u.display_name]),
  );
  return {
    items: page.items.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actorName: (r.actor_id ? names.get(r.actor_id) : undefined) ?? r.actor_name,
      action: r.action,
      summary: r.summary,
    })),
    nextCursor: page.nextCursor,
  };
}
