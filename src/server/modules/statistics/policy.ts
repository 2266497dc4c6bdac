import type { Action, Role } from '../../../contracts/roles.js';

/**
 * Who sees which statistics: the district and street committees and the stations see the figures
 * of the opinions of their subtree (`statistics.read`); handling-unit staff only their own unit's
 * timeliness (`statistics.unit`); the committees also the warnings (`statistics.signals`); a
 * deputy the hot topics of the station they are attached to (`statistics.topics`), to draft a
 * suggestion from one.
 */
export const statisticsGrants: Partial<Record<Role, readonly Action[]>> = {
  districtOfficer: ['statistics.read', 'statistics.signals'],
  streetOfficer: ['statistics.read', 'statistics.signals'],
  stationHead: ['statistics.read'],
  liaisonOfficer: ['statistics.read'],
  handlingUnitStaff: ['statistics.unit'],
  deputy: ['statistics.topics'],
};
