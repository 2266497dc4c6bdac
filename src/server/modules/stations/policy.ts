import type { Action, Role } from '../../../contracts/roles.js';

/** Stations: the working committees keep them and see informants' phones; the station's own people read. */
export const stationGrants: Partial<Record<Role, readonly Action[]>> = {
  districtOfficer: ['station.read', 'station.manage', 'informant.revealContact'],
  streetOfficer: ['station.read', 'station.manage', 'informant.revealContact'],
  streetHead: ['station.read'],
  stationHead: ['station.read'],
  liaisonOfficer: ['station.read'],
  deputy: ['station.read'],
};
