import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import { roles, type Action, type Role } from '../../../contracts/roles.js';
import { AppError } from '../errors/errors.js';

/** The notification outbox: see deliveries in scope; retry or cancel them. */
const notifyDesk: readonly Action[] = ['notify.read', 'notify.manage'];

/**
 * The platform's own grants (calendar, audit, the outbox); each module adds its own through its
 * manifest (`modules/<name>/policy.ts`). What a role may do is the union, within the subtree of
 * the organisation the role is held on.
 */
const platformGrants: Record<Role, readonly Action[]> = {
  admin: ['calendar.manage', 'calendar.read', ...notifyDesk],
  securityAdmin: ['calendar.read'],
  auditor: ['calendar.read', 'audit.read'],
  districtOfficer: ['calendar.read', ...notifyDesk],
  streetOfficer: ['calendar.read', ...notifyDesk],
  streetHead: ['calendar.read'],
  stationHead: ['calendar.read'],
  liaisonOfficer: ['calendar.read'],
  deputy: ['calendar.read'],
  handlingUnitStaff: ['calendar.read'],
  consultant: ['calendar.read'],
};

const table = new Map<Role, Set<Action>>(roles.map((r) => [r, new Set(platformGrants[r])]));

/** Joins a module's grants to the table (its manifest does, when the list of modules is installed). */
export function registerGrants(more: Partial<Record<Role, readonly Action[]>>) {
  for (const [role, list] of Object.entries(more) as [Role, readonly Action[]][])
    for (const a of list) table.get(role)!.add(a);
}

/** What each role may do now (platform's and installed modules' grants), sorted. */
export function grantsOf(role: Role): Action[] {
  return [...table.get(role)!].sort();
}

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
  return actor.roles.filter((g) => table.get(g.role)!.has(action)).map((g) => g.orgPath);
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
  return [...new Set(actor.roles.flatMap((g) => [...table.get(g.role)!]))].sort();
}
