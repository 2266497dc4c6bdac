import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { Action, Role } from '../../../contracts/roles.js';
import { AppError } from '../errors/errors.js';

const officer: readonly Action[] = [
  'org.read',
  'user.read',
  'station.read',
  'station.manage',
  'deputy.read',
  'deputy.manage',
  'deputy.revealContact',
  'org.manage',
  'informant.revealContact',
];

/** The closed loop: who reads, registers and sees constituents' contacts (steps: opinions/workflow.ts). */
const loopDesk: readonly Action[] = ['opinion.read', 'opinion.register', 'opinion.revealContact', 'opinion.ledger'];
const loopSeat: readonly Action[] = ['opinion.read', 'opinion.register'];

/** Receptions: plan, announce, run the table (manage); approve annual plans (the street committee). */
const receptionDesk: readonly Action[] = ['reception.read', 'reception.manage'];
const receptionBoard: readonly Action[] = [...receptionDesk, 'reception.approve'];

/** The notification outbox: see deliveries in scope; retry or cancel them. */
const notifyDesk: readonly Action[] = ['notify.read', 'notify.manage'];

/** What each role may do, within the subtree of the organisation it is held on. */
export const grants: Record<Role, readonly Action[]> = {
  admin: [
    'calendar.manage',
    'calendar.read',
    'category.manage',
    'open311.manage',
    'org.read',
    'org.manage',
    'region.manage',
    'user.read',
    'user.create',
    'user.update',
    'user.resetPassword',
    ...notifyDesk,
  ],
  securityAdmin: ['calendar.read', 'org.read', 'user.read', 'role.grant', 'user.unlock', 'user.revokeSessions'],
  auditor: ['calendar.read', 'org.read', 'user.read', 'audit.read'],
  districtOfficer: ['calendar.read', ...officer, ...loopDesk, ...notifyDesk, ...receptionBoard],
  streetOfficer: ['calendar.read', ...officer, ...loopDesk, ...notifyDesk, ...receptionBoard],
  stationHead: ['calendar.read', 'org.read', 'station.read', 'deputy.read', ...loopDesk, ...receptionDesk],
  liaisonOfficer: ['calendar.read', 'org.read', 'station.read', 'deputy.read', ...loopDesk, ...receptionDesk],
  deputy: ['calendar.read', 'org.read', 'station.read', 'deputy.read', ...loopSeat, 'reception.read'],
  handlingUnitStaff: ['calendar.read', 'org.read', 'opinion.read'],
  consultant: ['calendar.read', 'org.read', ...loopSeat],
};

export interface RoleGrant {
  role: Role;
  orgId: number;
  /** ltree path of the organisation the role is held on. */
  orgPath: string;
  /** Its kind (station, streetWorkingCommittee …), when the session loaded it: lists use it to pick indexes. */
  orgKind?: string;
}

/** The signed-in user acting in a request. */
export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  orgId: number;
  roles: RoleGrant[];
  sessionId: string;
}

/** Anything that lives in the organisation tree. */
export interface Scoped {
  orgPath: string;
}

/** `a` equals `b` or lies below it, on ltree paths. */
export function isWithin(a: string, b: string) {
  return a === b || a.startsWith(`${b}.`);
}

/** Paths of the subtrees where the actor may perform `action`. */
export function scopesFor(actor: Actor, action: Action): string[] {
  return actor.roles.filter((g) => grants[g.role].includes(action)).map((g) => g.orgPath);
}

/** Whether the actor may perform `action` on `subject` (or anywhere, when no subject is given). */
export function can(actor: Actor, action: Action, subject?: Scoped): boolean {
  const scopes = scopesFor(actor, action);
  return subject ? scopes.some((s) => isWithin(subject.orgPath, s)) : scopes.length > 0;
}

/**
 * Throws unless the actor may perform `action` on `subject`. A subject the actor cannot even
 * read is reported as not found, so that its existence is not revealed.
 */
export function authorize(actor: Actor, action: Action, subject?: Scoped, readAction?: Action): void {
  if (can(actor, action, subject)) return;
  if (subject && readAction && !can(actor, readAction, subject)) throw new AppError('NOT_FOUND');
  throw new AppError(subject && !readAction ? 'NOT_FOUND' : 'FORBIDDEN');
}

/** A SQL condition keeping rows whose organisation path lies in the actor's scope for `action`. */
export function inScope(actor: Actor, action: Action, pathColumn: Expression<string>): RawBuilder<SqlBool> {
  const scopes = scopesFor(actor, action);
  if (scopes.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`${pathColumn} <@ ARRAY[${sql.join(scopes)}]::ltree[]`;
}

/** The actions the console may offer this user (the server still checks each one). */
export function abilities(actor: Actor): Action[] {
  return [...new Set(actor.roles.flatMap((g) => grants[g.role]))].sort();
}
