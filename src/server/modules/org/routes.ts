import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { OrgList } from '../../../contracts/org.js';
import type { Platform } from '../../platform/context.js';
import { actorOf } from '../../platform/http/request-context.js';
import { listOrganizations } from './service.js';

/** The organisation tree, as far as the user may see it. */
export const orgRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform: p }) => {
  app.get('/', {
    schema: { tags: ['organizations'], summary: 'Organisations in scope', response: { 200: OrgList } },
    handler: async (req) => ({ items: await listOrganizations(p, actorOf(req)) }),
  });
};
