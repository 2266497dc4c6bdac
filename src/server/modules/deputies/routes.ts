import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, Page } from '../../../contracts/common.js';
import {
  DeputyInput,
  DeputyPatch,
  DeputyView,
  ListDeputiesQuery,
  RevealedContact,
} from '../../../contracts/deputies.js';
import type { Platform } from '../../platform/context.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import * as deputies from './service.js';

/** Deputies: profiles, levels, contacts (private phone masked; revealed on request, audited). */
export const deputyRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform: p }) => {
  const tags = ['deputies'];
  app.get('/', {
    schema: {
      tags,
      summary: 'Deputies in scope (name, pinyin initials)',
      querystring: ListDeputiesQuery,
      response: { 200: Page(DeputyView) },
    },
    handler: (req) => deputies.listDeputies(p, actorOf(req), req.query),
  });
  app.get('/:id', {
    schema: { tags, summary: 'One deputy', params: IdParams, response: { 200: DeputyView } },
    handler: (req) => deputies.getDeputy(p, actorOf(req), req.params.id),
  });
  app.post('/', {
    schema: { tags, summary: 'Register a deputy', body: DeputyInput, response: { 201: DeputyView } },
    handler: async (req, reply) =>
      reply.status(201).send(await deputies.createDeputy(p, contextOf(req), actorOf(req), req.body)),
  });
  app.patch('/:id', {
    schema: { tags, summary: 'Change a deputy', params: IdParams, body: DeputyPatch, response: { 200: DeputyView } },
    handler: (req) => deputies.updateDeputy(p, contextOf(req), actorOf(req), req.params.id, req.body),
  });
  app.post('/:id/reveal-contact', {
    schema: {
      tags,
      summary: 'Show the private phone in full (audited)',
      params: IdParams,
      response: { 200: RevealedContact },
    },
    handler: (req) => deputies.revealContact(p, contextOf(req), actorOf(req), req.params.id),
  });
};
