import type { Action, Role } from '../../../contracts/roles.js';

const desk: readonly Action[] = ['reception.read', 'reception.manage'];

/** Receptions: plan, announce and run the table (manage); the street committee approves annual plans. */
export const receptionGrants: Partial<Record<Role, readonly Action[]>> = {
  districtOfficer: [...desk, 'reception.approve'],
  streetOfficer: [...desk, 'reception.approve'],
  stationHead: desk,
  liaisonOfficer: desk,
  deputy: ['reception.read'],
};
