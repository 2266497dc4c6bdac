import type { FastifyPluginAsync } from 'fastify';
import type { Action, Role } from '../../contracts/roles.js';
import type { Tx } from '../db/database.js';
import { registerGrants } from './access/policy.js';
import type { RequestContext } from './audit/audit.js';
import { registerSubjectNamers, type SubjectNamer } from './audit/subjects.js';
import type { Platform } from './context.js';
import { defineErrors, type ErrorSpec } from './errors/errors.js';
import type { QueueDefinition } from './jobs/jobs.js';
import { registerTemplates, type MessageTemplate } from './notify/templates.js';

/** A mounted set of routes: a Fastify plugin given the platform, under a prefix. */
export interface MountedRoutes {
  prefix?: string;
  // The module's own plugins are typed with their zod provider; Fastify only needs the shape.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  plugin: FastifyPluginAsync<{ platform: Platform }> | FastifyPluginAsync<any>;
}

/** An entry of the console's navigation: shown to whoever may do `action` somewhere. */
export interface NavEntry {
  key: string;
  path: string;
  action: Action;
  /** Place in the menu (smaller first). */
  order: number;
}

/**
 * Everything a feature module brings to the platform, in one place (after decidim's component
 * manifest): the app, the job starter, the error and message catalogues, the grants and the demo
 * seed loop over the list of these in `modules/index.ts`. Platform code imports no module.
 */
export interface ModuleManifest {
  name: string;
  /** Staff routes (signed in; each route says what it needs). */
  routes?: readonly MountedRoutes[];
  /** Routes open to the public (portal, Open311): rate-limited, anonymous. */
  publicRoutes?: readonly MountedRoutes[];
  /** pg-boss queues and schedules of the module. */
  jobs?: (p: Platform) => QueueDefinition[];
  /** Texts of the module's message types (the types themselves are contracts: `contracts/notify.ts`). */
  templates?: Record<string, MessageTemplate>;
  /** The module's error codes with their HTTP status and messages. */
  errors?: Record<string, ErrorSpec>;
  /** What each role may do in this module, on the subtree the role is held on (`policy.ts`). */
  grants?: Partial<Record<Role, readonly Action[]>>;
  /** Demo rows, after the district, its accounts, stations and deputies exist (in that transaction). */
  seedDemo?: (p: Platform, trx: Tx, ctx: RequestContext) => Promise<void>;
  /** The console's menu entries of the module. */
  nav?: readonly NavEntry[];
  /** How the audit trail names the module's subjects (subject type → namer). */
  auditSubjects?: Record<string, SubjectNamer>;
}

const installed = new Set<string>();

/**
 * Joins the modules' catalogues (errors, grants, message templates) to the platform's. Idempotent:
 * the list module calls it when first imported, so whatever imports the list has them.
 */
export function installModules(list: readonly ModuleManifest[]) {
  for (const m of list) {
    if (installed.has(m.name)) continue;
    installed.add(m.name);
    if (m.errors) defineErrors(m.errors);
    if (m.grants) registerGrants(m.grants);
    if (m.templates) registerTemplates(m.templates);
    if (m.auditSubjects) registerSubjectNamers(m.auditSubjects);
  }
}
