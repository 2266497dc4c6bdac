import { z } from 'zod';
import { IdParam } from '../../../contracts/common.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AltchaChallenge,
  AppointmentByToken,
  AppointmentByTokenRequest,
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
import { appointmentByCancelToken } from '../receptions/portal-appointment.js';
import { regionsWithStations } from '../stations/public-view.js';
import { figuresCsv, monthFigures } from './open-data.js';
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
    schema: { tags, summary: 'A photo of the station', params: z.object({ id: IdParam, photoId: IdParam }) },
    handler: async (req, reply) =>
      sendFile(reply, await photo(await portal.publicStationPhotoFile(p, req.params.id, req.params.photoId))),
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
  app.get('/regions', {
    config,
    schema: {
      tags,
      summary: 'Divisions for the station finder: children of `parent` (or the top) that have stations below them',
      querystring: z.object({
        parent: z
          .string()
          .regex(/^[0-9]{6,12}$/)
          .optional(),
      }),
      response: {
        200: z.object({ items: z.array(z.object({ code: z.string(), name: z.string(), level: z.string() })) }),
      },
    },
    // A division counts when an active station sits in it or covers a place in it.
    handler: async (req) => ({ items: await regionsWithStations(p.db, req.query.parent) }),
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
  app.get('/open-data/:file', {
    config,
    schema: {
      tags,
      summary:
        'A month’s figures (YYYY-MM.json or YYYY-MM.csv): by category, street, state, satisfaction; cells under 5 suppressed',
      params: z.object({ file: z.string().max(20) }),
    },
    handler: async (req, reply) => {
      const m = /^(\d{4}-\d{2})\.(json|csv)$/.exec(req.params.file);
      if (!m) throw new AppError('NOT_FOUND');
      const figures = await monthFigures(p, m[1]!);
      if (m[2] === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(figures));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="liaison-${m[1]}.csv"`)
        .header('cache-control', 'public, max-age=600')
        .send(figuresCsv(figures));
    },
  });
  app.post('/appointments/by-token', {
    config,
    schema: {
      tags,
      summary:
        "The appointment a cancel link's token stands for (station, day, time, deputies): the cancel page names it",
      body: AppointmentByTokenRequest,
      response: { 200: AppointmentByToken },
    },
    handler: async (req) => {
      const a = await appointmentByCancelToken(p.db, req.body.token);
      if (!a) throw new AppError('NOT_FOUND');
      return a;
    },
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
