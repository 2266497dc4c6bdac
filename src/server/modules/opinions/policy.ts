import type { Action, Role } from '../../../contracts/roles.js';
import type { Capacity } from './workflow.js';

/** The role held over an opinion's station that gives each capacity (units: by assignment, see access.ts). */
export const capacityOfRole: Partial<Record<Role, Capacity>> = {
  districtOfficer: 'officer',
  streetOfficer: 'officer',
  // The street office head works the desk too, and signs the assignments (签字交办).
  streetHead: 'officer',
  stationHead: 'station',
  liaisonOfficer: 'station',
  deputy: 'deputy',
  consultant: 'consultant',
};

/** The role whose staff act as an opinion's lead or co-unit when their unit is assigned. */
export const unitRole: Role = 'handlingUnitStaff';

type OpinionAction = Extract<Action, `opinion.${string}`>;

/**
 * What each capacity may do with opinions beyond the steps of the loop (those are in workflow.ts):
 * the desks read, register, see contacts and keep the ledger; deputies and consultants read and
 * register what they hear; units read what they were given.
 */
export const capacityActions: Record<Exclude<Capacity, 'constituent' | 'system'>, readonly OpinionAction[]> = {
  officer: ['opinion.read', 'opinion.register', 'opinion.revealContact', 'opinion.ledger'],
  station: ['opinion.read', 'opinion.register', 'opinion.revealContact', 'opinion.ledger'],
  deputy: ['opinion.read', 'opinion.register'],
  consultant: ['opinion.read', 'opinion.register'],
  leadUnit: ['opinion.read'],
  coUnit: ['opinion.read'],
};

/**
 * The grants of the opinions module, derived from the capacities: the abilities the console gets
 * are computed from the same table that decides, per opinion, what the server allows.
 */
export const opinionGrants: Partial<Record<Role, readonly Action[]>> = {
  ...Object.fromEntries(
    Object.entries(capacityOfRole).map(([role, capacity]) => [
      role,
      capacityActions[capacity as keyof typeof capacityActions],
    ]),
  ),
  [unitRole]: [...new Set([...capacityActions.leadUnit, ...capacityActions.coUnit])],
  streetHead: [...capacityActions.officer, 'opinion.signOff'],
  admin: ['category.manage'],
};
