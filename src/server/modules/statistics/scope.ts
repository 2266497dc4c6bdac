// Whose figures a request may see, and the period it asks for.
import type { ScopeKind } from '../../../contracts/statistics.js';
import type { Db } from '../../db/database.js';
import { isWithin, scopesFor, type Actor } from '../../platform/access/policy.js';
import { addDays, chinaToday, daysBetween } from '../../platform/calendar/dates.js';
import { AppError, invalid } from '../../platform/errors/errors.js';

export interface StatScope {
  kind: ScopeKind;
  orgId: number;
  path: string;
  name: string;
}

const UNIT_KINDS = ['streetOffice', 'department'];

/**
 * The scope of a statistics request: the organisation asked for (a street, station or unit) when
 * it lies in the actor's subtree, otherwise "not found"; by default the actor's widest area, or
 * their own unit. A handling unit's staff see only their unit's figures; a committee that asks
 * for a unit of its subtree sees that unit's figures too.
 */
export async function resolveScope(db: Db, actor: Actor, orgId?: number): Promise<StatScope> {
  const areas = scopesFor(actor, 'statistics.read');
  const units = scopesFor(actor, 'statistics.unit');
  if (!areas.length && !units.length) throw new AppError('FORBIDDEN');
  const load = (where: { id?: number; path?: string }) => {
    let q = db.selectFrom('organization').select(['id', 'path', 'name', 'kind']);
    if (where.id !== undefined) q = q.where('id', '=', where.id);
    if (where.path !== undefined) q = q.where('path', '=', where.path);
    return q.executeTakeFirst();
  };
  if (orgId === undefined) {
    const widest = [...areas].sort((a, b) => a.length - b.length)[0];
    const org = await load({ path: widest ?? units[0]! });
    if (!org) throw new AppError('NOT_FOUND');
    return { kind: widest ? 'area' : 'unit', orgId: org.id, path: org.path, name: org.name };
  }
  const org = await load({ id: orgId });
  if (!org) throw new AppError('NOT_FOUND');
  const inArea = areas.some((a) => isWithin(org.path, a));
  const inUnit = units.some((u) => isWithin(org.path, u));
  if (UNIT_KINDS.includes(org.kind) && (inArea || inUnit))
    return { kind: 'unit', orgId: org.id, path: org.path, name: org.name };
  if (inArea) return { kind: 'area', orgId: org.id, path: org.path, name: org.name };
  throw new AppError('NOT_FOUND');
}

/**
 * The scope of hot topics: the statistics scope for who has one; for a deputy (`statistics.topics`)
 * the station (or other organisation) their deputy role is held on, or a part of it asked for;
 * another area is "not found".
 */
export async function topicScope(db: Db, actor: Actor, orgId?: number): Promise<StatScope> {
  if (scopesFor(actor, 'statistics.read').length || scopesFor(actor, 'statistics.unit').length)
    return resolveScope(db, actor, orgId);
  const areas = scopesFor(actor, 'statistics.topics');
  if (!areas.length) throw new AppError('FORBIDDEN');
  let q = db.selectFrom('organization').select(['id', 'path', 'name']);
  q = orgId === undefined ? q.where('path', '=', areas[0]!) : q.where('id', '=', orgId);
  const org = await q.executeTakeFirst();
  if (!org || !areas.some((a) => isWithin(org.path, a))) throw new AppError('NOT_FOUND');
  return { kind: 'area', orgId: org.id, path: org.path, name: org.name };
}

/** The areas whose opinions an actor may turn into a suggestion draft or a project candidate. */
export const topicAreas = (actor: Actor) => [
  ...scopesFor(actor, 'statistics.read'),
  ...scopesFor(actor, 'statistics.topics'),
];

export interface Periods {
  period: { from: string; to: string };
  previous: { from: string; to: string };
  lastYear: { from: string; to: string };
}

/** The same day a year earlier (29 February has no twin: the 28th stands in). */
const minusYear = (day: string) => {
  const [y, m, d] = day.split('-');
  return `${Number(y) - 1}-${m}-${m === '02' && d === '29' ? '28' : d}`;
};

/** The period asked for (default: this year to today), the one just before it and the same one a year ago. */
export function periodsOf(q: { from?: string; to?: string }, today = chinaToday()): Periods {
  const to = q.to ?? today;
  const from = q.from ?? `${to.slice(0, 4)}-01-01`;
  if (from > to)
    throw invalid({ path: 'query.from', zh: '开始日期不能晚于结束日期', en: 'The start cannot be after the end' });
  const length = daysBetween(from, to);
  if (length > 3 * 366)
    throw invalid({ path: 'query.from', zh: '统计期间最长3年', en: 'A period is at most 3 years long' });
  const prevTo = addDays(from, -1);
  return {
    period: { from, to },
    previous: { from: addDays(prevTo, -length), to: prevTo },
    lastYear: { from: minusYear(from), to: minusYear(to) },
  };
}
