import type { ModuleManifest } from '../../platform/modules.js';
import { seedDemoProjects } from './demo.js';
import { projectErrors } from './errors.js';
import { projectTemplates } from './messages.js';
import { projectGrants } from './policy.js';
import { projectRoutes, publicProjectRoutes } from './routes.js';

/** Livelihood projects (民生实事项目): reserve, screening, the deputies' secret vote, implementation, year-end rating, portal. */
export const projects: ModuleManifest = {
  name: 'projects',
  routes: [{ prefix: '/api/projects', plugin: projectRoutes }],
  publicRoutes: [{ prefix: '/api/public/projects', plugin: publicProjectRoutes }],
  templates: projectTemplates,
  errors: projectErrors,
  grants: projectGrants,
  seedDemo: seedDemoProjects,
  nav: [
    { key: 'projects', path: '/projects', action: 'project.read', order: 60 },
    { key: 'projectBallots', path: '/projects/ballots', action: 'project.vote', order: 61 },
  ],
};
