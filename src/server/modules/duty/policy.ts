import { sql } from 'kysely';
import type { Action, Role } from '../../../contracts/roles.js';
import { can, inScope, isWithin, type Actor } from '../../platform/access/policy.js';
import { servesInScopeSql } from '../stations/members.js';

/**
 * Who does what with the duty record: a deputy keeps their own (enters activities with evidence,
 * disputes an entry, drafts the report-back, reads bulletins); stations and street committees
 * read and check the deputies they serve or register; the district committee also sets the point
 * rules, records decisions and pushes bulletins.
 */
export const dutyGrants: Partial<Record<Role, readonly Action[]>> = {
  districtOfficer: ['duty.read', 'duty.check', 'duty.manage'],
  streetOfficer: ['duty.read', 'duty.check'],
  stationHead: ['duty.read', 'duty.check'],
  liaisonOfficer: ['duty.read', 'duty.check'],
  deputy: ['duty.own'],
};

/** SQL: the deputy behind `deputyId` (registered at `pathColumn`) is in the actor's scope of `action`, by registration or by a station they serve. */
export function deputyInScopeSql(actor: Actor, action: Action, deputyId: string, pathColumn: string) {
  return sql<boolean>`(${inScope(actor, action, sql.ref(pathColumn))} OR ${servesInScopeSql(sql.ref(deputyId), actor, action)})`;
}

/** Whether the actor may `action` on a deputy registered at `orgPath` serving `stationPaths`. */
export function canOnDeputy(actor: Actor, action: Action, orgPath: string, stationPaths: readonly string[]) {
  return can(actor, action, { orgPath }) || stationPaths.some((s) => can(actor, action, { orgPath: s }));
}

/** The actor's own deputy, when they act as one. */
export function actsAsDeputy(actor: Actor, ownDeputyId: number | null, deputyId: number) {
  return ownDeputyId === deputyId && actor.roles.some((g) => g.role === 'deputy');
}

export { isWithin };
