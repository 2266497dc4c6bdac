import { installModules, type ModuleManifest } from '../platform/modules.js';
import { compliance } from './compliance/index.js';
import { deputies } from './deputies/index.js';
import { duty } from './duty/index.js';
import { open311 } from './open311/index.js';
import { opinions } from './opinions/index.js';
import { org } from './org/index.js';
import { portal } from './portal/index.js';
import { projects } from './projects/index.js';
import { receptions } from './receptions/index.js';
import { regions } from './regions/index.js';
import { stations } from './stations/index.js';
import { statistics } from './statistics/index.js';
import { suggestions } from './suggestions/index.js';
import { users } from './users/index.js';

/**
 * Every feature module, in the order their routes are mounted and their demo rows seeded. A new
 * module is one folder with its `index.ts` manifest and one line here.
 */
export const modules: readonly ModuleManifest[] = [
  users,
  org,
  stations,
  deputies,
  regions,
  opinions,
  portal,
  open311,
  receptions,
  compliance,
  suggestions,
  projects,
  statistics,
  duty,
];

// The catalogues (errors, grants, message templates) are complete as soon as the list is imported.
installModules(modules);
