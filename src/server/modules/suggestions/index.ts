import type { ModuleManifest } from '../../platform/modules.js';
import { suggestionAuditSubjects } from './audit-names.js';
import { seedDemoSuggestions } from './demo.js';
import { suggestionErrors } from './errors.js';
import { suggestionJobs } from './jobs.js';
import { suggestionTemplates } from './messages.js';
import { suggestionGrants } from './policy.js';
import { publicSuggestionRoutes, suggestionRoutes } from './routes.js';

/** Deputies' suggestions (代表建议): drafting, co-signing, review, assignment, clocks, answers, ratings, disclosure, figures. */
export const suggestions: ModuleManifest = {
  name: 'suggestions',
  routes: [{ prefix: '/api/suggestions', plugin: suggestionRoutes }],
  publicRoutes: [{ prefix: '/api/public/suggestions', plugin: publicSuggestionRoutes }],
  jobs: suggestionJobs,
  templates: suggestionTemplates,
  errors: suggestionErrors,
  grants: suggestionGrants,
  auditSubjects: suggestionAuditSubjects,
  seedDemo: seedDemoSuggestions,
};
