import type { Action, Role } from '../../../contracts/roles.js';

/** Organisations: every staff role reads the tree in its scope; the committees and the administrator keep it. */
export const orgGrants: Partial<Record<Role, readonly Action[]>> = {
  admin: ['org.read', 'org.manage'],
  securityAdmin: ['org.read'],
  auditor: ['org.read'],
  districtOfficer: ['org.read', 'org.manage'],
  streetOfficer: ['org.read', 'org.manage'],
  streetHead: ['org.read'],
  stationHead: ['org.read'],
  liaisonOfficer: ['org.read'],
  deputy: ['org.read'],
  handlingUnitStaff: ['org.read'],
  consultant: ['org.read'],
};
