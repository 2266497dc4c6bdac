import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common.js';
import {
  ListStationsQuery,
  MemberParams,
  MemberRequest,
  StationInput,
  StationPatch,
  StationView,
} from '../../../contracts/stations.js';
import type { Platform } from '../../platform/context.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import * as stations from './service.js';

/** Liaison stations: details, members, and the composition check. */
export const stationRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform: p }) => {
  const tags = ['stations'];
  app.get('/', {
    schema: {
      tags,
      summary: 'Stations in scope; withProblems=true lists those breaking the composition rules',
      querystring: ListStationsQuery,
      response: { 200: z.object({ items: z.array(StationView) }) },
    },
    handler: (req) => stations.listStations(p, actorOf(req), req.query),
  });
  app.get('/:id', {
    schema: { tags, summary: 'One station', params: IdParams, response: { 200: StationView } },
    handler: (req) => stations.getStation(p, actorOf(req), req.params.id),
  });
  app.post('/', {
    schema: { tags, summary: 'Open a station', body: StationInput, response: { 201: StationView } },
    handler: async (req, reply) =>
      reply.status(201).send(await stations.createStation(p, contextOf(req), actorOf(req), req.body)),
  });
  app.patch('/:id', {
    schema: { tags, summary: 'Change a station', params: IdParams, body: StationPatch, response: { 200: StationView } },
    handler: (req) => stations.updateStation(p, contextOf(req), actorOf(req), req.params.id, req.body),
  });
  app.post('/:id/members', {
    schema: {
      tags,
      summary: 'Assign a deputy (optionally as head)',
      params: IdParams,
      body: MemberRequest,
      response: { 200: StationView },
    },
    handler: (req) =>
      stations.addMember(p, contextOf(req), actorOf(req), req.params.id, req.body.deputyId, req.body.isHead),
  });
  app.delete('/:id/members/:deputyId', {
    schema: { tags, summary: 'Take a deputy off the station', params: MemberParams, response: { 200: StationView } },
    handler: (req) => stations.removeMember(p, contextOf(req), actorOf(req), req.params.id, req.params.deputyId),
  });
};
