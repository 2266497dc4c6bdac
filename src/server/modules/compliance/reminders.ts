import { chinaToday } from '../../platform/calendar/dates.js';
import type { Platform } from '../../platform/context.js';
import { enqueue } from '../../platform/notify/outbox.js';
import { checkCompliance } from './receptions.js';

/** Reminds stations at risk (in-app and SMS to the station's staff), once per station and due day. */
export async function remindCompliance(p: Platform, asOf = chinaToday()) {
  const c = await checkCompliance(p, null, { asOf });
  let sent = 0;
  for (const s of c.stations.filter((x) => x.state === 'atRisk')) {
    await enqueue(p.db, {
      type: 'reception.compliance',
      to: { orgId: s.stationId },
      vars: { stationName: s.stationName, dueBy: s.dueBy! },
      dedupeKey: `reception.compliance:${s.stationId}:${s.dueBy}`,
    });
    sent++;
  }
  return sent;
}
