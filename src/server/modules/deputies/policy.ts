import type { Action, Role } from '../../../contracts/roles.js';

/** Deputies: the working committees keep the register and may reveal a private phone (audited). */
export const deputyGrants: Partial<Record<Role, readonly Action[]>> = {
  districtOfficer: ['deputy.read', 'deputy.manage', 'deputy.revealContact'],
  streetOfficer: ['deputy.read', 'deputy.manage', 'deputy.revealContact'],
  streetHead: ['deputy.read'],
  stationHead: ['deputy.read'],
  liaisonOfficer: ['deputy.read'],
  deputy: ['deputy.read'],
};
