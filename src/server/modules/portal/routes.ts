import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AltchaChallenge,
  PublicDeputy,
  PublicIdParams,
  PublicStation,
  PublicStationSummary,
  PublicSubmissionResult,
  StationsNearQuery,
} from '../../../contracts/portal.js';
import type { Platform } from '../../platform/context.js';
import { AppError } from '../../platform/errors/errors.js';
import { fileStore } from '../../platform/files/store.js';
import { sendFile } from '../../platform/files/upload.js';
import { contextOf } from '../../platform/http/request-context.js';
import { listCategories } from '../opinions/categories.js';
import { newChallenge } from './pow.js';
import * as portal from './service.js';
import { readSubmission, submitFromPortal } from './submit.js';

/** What the public portal reads and sends: no session, limited per address where it writes. */
export const portalRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform: p }) => {
  const tags = ['public'];
  const config = { auth: 'public' as const };
  const photo = async (fileId: number | null) => {
    const file = fileId ? await fileStore(p).read(p, fileId) : null;
    if (!file) throw new AppError('NOT_FOUND');
    return file;
  };

  app.get('/altcha', {
    config,
    schema: { tags, summary: 'A proof-of-work challenge for the submission form', response: { 200: AltchaChallenge } },
    handler: () => newChallenge(p),
  });
  app.get('/stations', {
    config,
    schema: {
      tags,
      summary: 'Find stations: by region, by name, or nearest to a point',
      querystring: StationsNearQuery,
      response: { 200: z.object({ items: z.array(PublicStationSummary) }) },
    },
    handler: async (req) => ({ items: await portal.findStations(p, req.query) }),
  });
  app.get('/stations/:id', {
    config,
    schema: { tags, summary: "A station's public page", params: PublicIdParams, response: { 200: PublicStation } },
    handler: (req) => portal.publicStation(p, req.params.id, req.lang),
  });
  app.get('/stations/:id/photos/:photoId', {
    config,
    schema: { tags, summary: 'A photo of the station', params: z.object({ id: z.string(), photoId: z.string() }) },
    handler: async (req, reply) =>
      sendFile(
        reply,
        await photo(
          await portal.publicStationPhotoFile(p, Number(req.params.id) || 0, Number(req.params.photoId) || 0),
        ),
      ),
  });
  app.get('/deputies/:id', {
    config,
    schema: { tags, summary: "A deputy's public page", params: PublicIdParams, response: { 200: PublicDeputy } },
    handler: (req) => portal.publicDeputy(p, req.params.id),
  });
  app.get('/deputies/:id/photo', {
    config,
    schema: { tags, summary: "A deputy's photo", params: PublicIdParams },
    handler: async (req, reply) => sendFile(reply, await photo(await portal.publicDeputyPhotoFile(p, req.params.id))),
  });
  app.get('/categories', {
    config,
    schema: {
      tags,
      summary: 'The opinion categories (active ones)',
      response: {
        200: z.object({
          items: z.array(
            z.object({ id: z.number(), parentId: z.number().nullable(), name: z.string(), nameEn: z.string() }),
          ),
        }),
      },
    },
    handler: async () => ({
      items: (await listCategories(p))
        .filter((c) => c.active)
        .map((c) => ({ id: c.id, parentId: c.parentId, name: c.name, nameEn: c.nameEn })),
    }),
  });
  app.post('/opinions', {
    config,
    schema: {
      tags,
      summary:
        'Raise an opinion (JSON, or multipart with a `data` JSON field and up to 6 `photo` files); idempotent by key',
      consumes: ['application/json', 'multipart/form-data'],
      response: { 201: PublicSubmissionResult },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await submitFromPortal(p, contextOf(req), await readSubmission(req))),
  });
};
