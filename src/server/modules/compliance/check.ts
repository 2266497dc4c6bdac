import type { Actor } from '../../platform/access/policy.js';
import { authorize } from '../../platform/access/policy.js';
import { chinaToday } from '../../platform/calendar/dates.js';
import type { Platform } from '../../platform/context.js';
import { stationCompositionInScope } from '../stations/members.js';
import { checkCompliance } from './receptions.js';

/** One rule of the documents, checked: who falls short of it, and how many. */
export interface ComplianceRule {
  code: 'stationComposition' | 'receptionCadence' | 'districtDeputyReception' | 'groupActivities';
  label: { zh: string; en: string };
  shortfalls: { id: number; name: string; detail: string }[];
  count: number;
}

export interface ComplianceReport {
  asOf: string;
  rules: ComplianceRule[];
}

/** Every rule check in one report, in the actor's scope (under `orgId` when given), as of a day of `year` (today by default). */
export async function checkAll(
  p: Platform,
  actor: Actor,
  opts: { orgId?: number; year?: number } = {},
): Promise<ComplianceReport> {
  authorize(actor, 'reception.read');
  const today = chinaToday();
  const asOf = !opts.year || opts.year === Number(today.slice(0, 4)) ? today : `${opts.year}-12-31`;
  const [receptions, composition] = await Promise.all([
    checkCompliance(p, actor, { asOf, ...(opts.orgId ? { orgId: opts.orgId } : {}) }),
    stationCompositionInScope(p.db, actor, 'reception.read', opts.orgId),
  ]);
  const rule = (code: ComplianceRule['code'], zh: string, en: string, shortfalls: ComplianceRule['shortfalls']) => ({
    code,
    label: { zh, en },
    shortfalls,
    count: shortfalls.length,
  });
  return {
    asOf,
    rules: [
      rule(
        'stationComposition',
        '联络站至少 2 名代表、代表任站长、配联络员，上墙信息齐全',
        'Stations: 2 deputies, a deputy head, a liaison officer, complete published information',
        composition.map((s) => ({ id: s.stationId, name: s.stationName, detail: s.problems.join(',') })),
      ),
      rule(
        'receptionCadence',
        '联络站每两个月至少接待一次',
        'Stations hold a reception at least once every two months',
        receptions.stations.map((s) => ({ id: s.stationId, name: s.stationName, detail: s.state })),
      ),
      rule(
        'districtDeputyReception',
        '区人大代表每年至少参加一次接待',
        'District deputies take part in a reception each year',
        receptions.deputies.map((d) => ({
          id: d.deputyId,
          name: d.name,
          detail: d.scheduled ? 'scheduled' : 'none',
        })),
      ),
      rule(
        'groupActivities',
        '代表小组每年至少活动两次',
        'Deputy groups meet at least twice a year',
        receptions.groups.map((g) => ({ id: g.groupId, name: g.name, detail: String(g.activities) })),
      ),
    ],
  };
}
