import { sql } from 'kysely';
import type { Compliance } from '../../../contracts/receptions.js';
import { authorize, type Actor } from '../../platform/access/policy.js';
import { addDays, chinaToday } from '../../platform/calendar/dates.js';
import type { Platform } from '../../platform/context.js';
import { activeGroupsInScope, districtDeputiesInScope } from '../deputies/names.js';
import { dutyOfDeputies, groupActivitiesOf, receptionDaysOf } from '../receptions/facts.js';
import { activeStationsInScope } from '../stations/members.js';

/**
 * The rules on receptions, checked (DESIGN.md "Rules the documents set"):
 * - a station holds a reception at least once every two months: a station whose last reception
 *   (published or closed, on or before the day) is more than two calendar months back has **missed**;
 *   one due within `warnDays` with nothing scheduled by then is **at risk**;
 * - each district (county-level) deputy takes part in a reception each year (signed in at one);
 * - each deputy group holds at least two activities a year (receptions with the group attached).
 * "Held" means not cancelled and on or before `asOf`; the due day itself still counts as in time.
 */
export const WARN_DAYS = 14;

/** The lists; `actor` null: every station (the daily job). */
export async function checkCompliance(
  p: Platform,
  actor: Actor | null,
  opts: { asOf?: string; orgId?: number } = {},
): Promise<Compliance> {
  if (actor) authorize(actor, 'reception.read');
  const asOf = opts.asOf ?? chinaToday();
  const year = Number(asOf.slice(0, 4));

  const stationRows = await activeStationsInScope(p.db, actor, 'reception.read', opts.orgId);
  const days = await receptionDaysOf(
    p.db,
    stationRows.map((s) => s.id),
    asOf,
  );
  const stations = stationRows.map((s) => ({ ...s, last: null, next: null, ...days.get(s.id) }));
  const dueOf = await (async () => {
    const lasts = stations.filter((s) => s.last).map((s) => s.last!);
    if (!lasts.length) return new Map<string, string>();
    const { rows } = await sql<{ last: string; due: string }>`
      SELECT to_char(d, 'YYYY-MM-DD') AS last, to_char((d + interval '2 months')::date, 'YYYY-MM-DD') AS due
      FROM unnest(${lasts}::date[]) AS d`.execute(p.db);
    return new Map(rows.map((r) => [r.last, r.due]));
  })();
  const stationItems: Compliance['stations'] = [];
  for (const s of stations) {
    const dueBy = s.last ? dueOf.get(s.last)! : null;
    const missed = dueBy === null || dueBy < asOf;
    const atRisk = !missed && dueBy <= addDays(asOf, WARN_DAYS) && !(s.next && s.next <= dueBy);
    if (missed || atRisk)
      stationItems.push({
        stationId: s.id,
        stationName: s.name,
        lastReception: s.last,
        dueBy,
        nextScheduled: s.next,
        state: missed ? 'missed' : 'atRisk',
      });
  }

  const district = await districtDeputiesInScope(p.db, actor, 'reception.read', opts.orgId);
  const duty = await dutyOfDeputies(
    p.db,
    district.map((d) => d.id),
    year,
    asOf,
  );
  const deputies = district.filter((d) => !duty.signedIn.has(d.id)).slice(0, 2000);

  const groupRows = await activeGroupsInScope(p.db, actor, 'reception.read', opts.orgId);
  const activities = await groupActivitiesOf(
    p.db,
    groupRows.map((g) => g.id),
    year,
    asOf,
  );
  const groups = groupRows.map((g) => ({ ...g, activities: activities.get(g.id) ?? 0 }));

  return {
    asOf,
    stations: stationItems,
    deputies: deputies.map((d) => ({
      deputyId: d.id,
      name: d.name,
      orgName: d.org_name,
      scheduled: duty.scheduled.has(d.id),
    })),
    groups: groups
      .filter((g) => g.activities < 2)
      .map((g) => ({ groupId: g.id, name: g.name, orgName: g.org_name, activities: g.activities })),
  };
}
