import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ListRegionsQuery,
  RegionCodeParams,
  RegionInput,
  RegionList,
  RegionPatch,
  RegionView,
} from '../../../contracts/regions.js';
import type { Platform } from '../../platform/context.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import * as regions from './service.js';

/** The division tree: browsed by everyone signed in, corrected by administrators. */
export const regionRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform: p }) => {
  const tags = ['regions'];
  app.get('/', {
    schema: {
      tags,
      summary: 'Children of a node, the top of the tree, nodes by code, or a name search',
      querystring: ListRegionsQuery,
      response: { 200: RegionList },
    },
    handler: (req) => regions.listRegions(p, actorOf(req), req.query),
  });
  app.post('/', {
    schema: { tags, summary: 'Add a division below another', body: RegionInput, response: { 201: RegionView } },
    handler: async (req, reply) =>
      reply.status(201).send(await regions.addRegion(p, contextOf(req), actorOf(req), req.body)),
  });
  app.patch('/:code', {
    schema: {
      tags,
      summary: "Correct a division's name",
      params: RegionCodeParams,
      body: RegionPatch,
      response: { 200: RegionView },
    },
    handler: (req) => regions.renameRegion(p, contextOf(req), actorOf(req), req.params.code, req.body),
  });
};
