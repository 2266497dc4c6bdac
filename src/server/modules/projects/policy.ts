import type { Action, Role } from '../../../contracts/roles.js';

/**
 * Who does what with livelihood projects: the district deputy affairs committee keeps the reserve,
 * screens, sets up and runs the votes (as the presidium's office), enters paper ballots, publishes
 * results and records plans and decisions; street committees and departments (unit staff) propose;
 * handling units report progress on the projects they are responsible for; deputies vote.
 */
export const projectGrants: Partial<Record<Role, readonly Action[]>> = {
  districtOfficer: ['project.read', 'project.propose', 'project.manage'],
  streetOfficer: ['project.read', 'project.propose'],
  handlingUnitStaff: ['project.propose', 'project.report'],
  deputy: ['project.vote'],
};
