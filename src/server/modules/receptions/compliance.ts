import { sql } from 'kysely';
import type { Compliance } from '../../../contracts/receptions.js';
import { authorize, inScope, type Actor } from '../../platform/access/policy.js';
import { addDays, chinaToday } from '../../platform/calendar/dates.js';
import type { Platform } from '../../platform/context.js';
import { enqueue } from '../../platform/notify/outbox.js';

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

const HELD = sql<boolean>`r.status IN ('published', 'closed')`;

/** The lists; `actor` null: every station (the daily job). */
export async function checkCompliance(
  p: Platform,
  actor: Actor | null,
  opts: { asOf?: string; orgId?: number } = {},
): Promise<Compliance> {
  if (actor) authorize(actor, 'reception.read');
  const asOf = opts.asOf ?? chinaToday();
  const year = Number(asOf.slice(0, 4));
  const scope = (col: string) => (actor ? inScope(actor, 'reception.read', sql.ref(col)) : sql<boolean>`true`);
  const under = (col: string) =>
    opts.orgId
      ? sql<boolean>`${sql.ref(col)} <@ (SELECT path FROM organization WHERE id = ${opts.orgId})`
      : sql<boolean>`true`;

  const stations = await p.db
    .selectFrom('station as s')
    .innerJoin('organization as o', 'o.id', 's.org_id')
    .select([
      's.org_id as id',
      'o.name',
      sql<
        string | null
      >`(SELECT to_char(max(r.day), 'YYYY-MM-DD') FROM reception r WHERE r.station_id = s.org_id AND ${HELD} AND r.day <= ${asOf}::date)`.as(
        'last',
      ),
      sql<
        string | null
      >`(SELECT to_char(min(r.day), 'YYYY-MM-DD') FROM reception r WHERE r.station_id = s.org_id AND r.status IN ('planned', 'published') AND r.day > ${asOf}::date)`.as(
        'next',
      ),
    ])
    .where('o.active', '=', true)
    .where(scope('o.path'))
    .where(under('o.path'))
    .orderBy('o.name_sort')
    .execute();
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

  const deputies = await p.db
    .selectFrom('deputy as d')
    .innerJoin('organization as o', 'o.id', 'd.org_id')
    .select([
      'd.id',
      'd.name',
      'o.name as org_name',
      sql<boolean>`EXISTS (SELECT 1 FROM reception_duty rd JOIN reception r ON r.id = rd.reception_id
        WHERE rd.deputy_id = d.id AND r.status IN ('planned', 'published') AND r.day > ${asOf}::date
          AND extract(year FROM r.day) = ${year})`.as('scheduled'),
    ])
    .where('d.status', '=', 'serving')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('deputy_level as l')
          .select('l.deputy_id')
          .whereRef('l.deputy_id', '=', 'd.id')
          .where('l.level', '=', 'county'),
      ),
    )
    .where(
      sql<boolean>`NOT EXISTS (SELECT 1 FROM reception_duty rd JOIN reception r ON r.id = rd.reception_id
        WHERE rd.deputy_id = d.id AND rd.signed_in_at IS NOT NULL AND r.status <> 'cancelled'
          AND r.day BETWEEN ${`${year}-01-01`}::date AND ${asOf}::date)`,
    )
    .where(scope('o.path'))
    .where(under('o.path'))
    .orderBy('d.name_sort')
    .limit(2000)
    .execute();

  const groups = await p.db
    .selectFrom('deputy_group as g')
    .innerJoin('organization as o', 'o.id', 'g.org_id')
    .select([
      'g.id',
      'g.name',
      'o.name as org_name',
      sql<number>`(SELECT count(*)::int FROM reception r WHERE r.group_id = g.id AND ${HELD}
        AND r.day BETWEEN ${`${year}-01-01`}::date AND ${asOf}::date)`.as('activities'),
    ])
    .where('g.active', '=', true)
    .where(scope('o.path'))
    .where(under('o.path'))
    .orderBy('g.name_sort')
    .execute();

  return {
    asOf,
    stations: stationItems,
    deputies: deputies.map((d) => ({ deputyId: d.id, name: d.name, orgName: d.org_name, scheduled: d.scheduled })),
    groups: groups
      .filter((g) => g.activities < 2)
      .map((g) => ({ groupId: g.id, name: g.name, orgName: g.org_name, activities: g.activities })),
  };
}

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
