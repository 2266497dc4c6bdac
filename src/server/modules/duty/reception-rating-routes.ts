import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../contracts/common.js';
import {
  PublicReceptionForRating,
  ReceptionRatingInput,
  ReceptionRatingLink,
  ReceptionRatingsQuery,
  ReceptionRatingsView,
  ReceptionRatingToken,
} from '../../../contracts/duty.js';
import type { Platform } from '../../platform/context.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import * as ratings from './reception-ratings.js';

/** 接待满意度, the staff's side (under /api/duty): the figures and the on-the-spot link. */
export const receptionRatingRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform: p }) => {
  app.get('/reception-ratings', {
    schema: {
      tags: ['duty'],
      summary: "Visitors' satisfaction with the receptions: per station in scope and per reception",
      querystring: ReceptionRatingsQuery,
      response: { 200: ReceptionRatingsView },
    },
    handler: (req) => ratings.ratingFigures(p, actorOf(req), req.query.year, req.query.stationId),
  });
  app.post('/reception-ratings/:id/link', {
    schema: {
      tags: ['duty'],
      summary: 'The link (QR code) visitors open on the spot to rate a reception',
      params: IdParams,
      response: { 200: ReceptionRatingLink },
    },
    handler: (req) => ratings.ratingLink(p, contextOf(req), actorOf(req), req.params.id),
  });
};

/** 接待满意度, the visitor's side (under /api/public/duty): what is rated, and the rating. */
export const publicReceptionRatingRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (
  app,
  { platform: p },
) => {
  const config = { auth: 'public' as const };
  app.get('/reception-rating', {
    config,
    schema: {
      tags: ['portal'],
      summary: 'The reception a rating link is for',
      querystring: z.object({ t: ReceptionRatingToken }),
      response: { 200: PublicReceptionForRating },
    },
    handler: (req) => ratings.ratingInfo(p, req.query.t),
  });
  app.post('/reception-rating', {
    config,
    schema: {
      tags: ['portal'],
      summary: 'Rate the reception (satisfied, basically satisfied, dissatisfied); a second rating replaces the first',
      body: ReceptionRatingInput,
      response: { 201: z.object({ ok: z.literal(true), replaced: z.boolean() }) },
    },
    handler: async (req, reply) => reply.status(201).send(await ratings.rateReception(p, contextOf(req), req.body)),
  });
};
