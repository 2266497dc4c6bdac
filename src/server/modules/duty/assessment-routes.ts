import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, Ok } from '../../../contracts/common.js';
import {
  AssessmentInput,
  Assessments,
  AwardCategory,
  AwardInput,
  Nominations,
  TrainingInput,
  Year,
} from '../../../contracts/duty.js';
import type { Platform } from '../../platform/context.js';
import { PHOTO_MAX_BYTES } from '../../platform/files/images.js';
import { uploadedFile } from '../../platform/files/upload.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import * as assessment from './assessment.js';
import * as awards from './awards.js';
import { recordTraining } from './training.js';

const tags = ['duty'];

/** Training attendance, station assessment against the standard ("六有") and the year's awards (评选), under /api/duty. */
export const dutyAssessmentRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform: p }) => {
  app.get('/assessments', {
    schema: {
      tags,
      summary: "Stations in scope against the year's standard",
      querystring: z.object({ year: Year }),
      response: { 200: Assessments },
    },
    handler: (req) => assessment.listAssessments(p, actorOf(req), req.query.year),
  });
  app.put('/assessments', {
    schema: {
      tags,
      summary: 'Assess a station (each item met or not)',
      body: AssessmentInput,
      response: { 200: z.object({ id: z.number(), score: z.number(), passed: z.boolean() }) },
    },
    handler: (req) => assessment.assessStation(p, contextOf(req), actorOf(req), req.body),
  });
  app.post('/assessments/:id/evidence', {
    schema: {
      tags,
      summary: 'Attach a photo as evidence of one item (multipart field "file")',
      consumes: ['multipart/form-data'],
      params: IdParams,
      querystring: z.object({ item: z.string().max(30) }),
      response: { 200: Ok },
    },
    handler: async (req) => {
      const bytes = await uploadedFile(req, PHOTO_MAX_BYTES);
      await assessment.addAssessmentEvidence(p, contextOf(req), actorOf(req), req.params.id, req.query.item, bytes);
      return { ok: true as const };
    },
  });
  app.post('/trainings', {
    schema: {
      tags,
      summary: 'Record a training session with its attendance and hours',
      body: TrainingInput,
      response: { 200: z.object({ attendees: z.number(), added: z.number() }) },
    },
    handler: (req) => recordTraining(p, contextOf(req), actorOf(req), req.body),
  });
  app.get('/awards/nominations', {
    schema: {
      tags,
      summary: "The year's nominations of a category, pre-ranked",
      querystring: z.object({ year: Year, category: AwardCategory }),
      response: { 200: Nominations },
    },
    handler: (req) => awards.nominations(p, actorOf(req), req.query.year, req.query.category),
  });
  app.post('/awards', {
    schema: {
      tags,
      summary: "Record the committee's award decision",
      body: AwardInput,
      response: { 201: z.object({ id: z.number() }) },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await awards.decideAward(p, contextOf(req), actorOf(req), req.body)),
  });
};
