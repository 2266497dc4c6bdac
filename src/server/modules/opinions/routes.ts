import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParam, IdParams } from '../../../contracts/common.js';
import {
  BulkActionRequest,
  BulkActionResult,
  CategoryInput,
  CategoryPatch,
  CategoryView,
  FollowRequest,
  Hints,
  HintsQuery,
  LedgerQuery,
  ListOpinionsQuery,
  OpinionAction,
  OpinionSummary,
  OpinionView,
  PublicOpinion,
  PublicRateRequest,
  RegisterOpinion,
  RegisterResult,
  SignOffDecision,
  SignOffListQuery,
  SignOffRequest,
  SignOffView,
  TodoCounts,
} from '../../../contracts/opinions.js';
import { decideSignOff, listSignOffs, requestSignOff } from './signoff.js';
import type { Platform } from '../../platform/context.js';
import { sendLedger } from '../../platform/files/ledger-file.js';
import { sendFile, uploadedFile } from '../../platform/files/upload.js';
import { addOpinionFile, OPINION_FILE_MAX_BYTES, readOpinionFile } from './files.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import * as categories from './categories.js';
import { hints } from './hints.js';
import { ledger } from './ledger.js';
import { followOpinion, rateByConstituent } from './public.js';
import { revealConstituent } from './contact.js';
import { assignableUnits, listOpinions, todoCounts } from './queries.js';
import { registerOpinion } from './registration.js';
import { getOpinion } from './view.js';
import { actOnMany, actOnOpinion } from './steps.js';
import { pickLang } from '../../platform/errors/errors.js';

/** The closed loop for staff: register, work the queues, take each step. */
export const opinionRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform: p }) => {
  const tags = ['opinions'];
  app.get('/', {
    schema: {
      tags,
      summary: 'Opinions this user may read, filtered; keyset pages (pass nextCursor as cursor)',
      querystring: ListOpinionsQuery,
      response: { 200: z.object({ items: z.array(OpinionSummary), nextCursor: z.string().nullable() }) },
    },
    handler: (req) => listOpinions(p, actorOf(req), req.query),
  });
  app.get('/todo', {
    schema: { tags, summary: 'Counts of my to-do queues', response: { 200: TodoCounts } },
    handler: (req) => todoCounts(p, actorOf(req)),
  });
  app.get('/sign-offs', {
    schema: {
      tags,
      summary: 'The street office head’s queue of assignments to sign off (签字交办)',
      querystring: SignOffListQuery,
      response: { 200: z.object({ items: z.array(SignOffView) }) },
    },
    handler: (req) => listSignOffs(p, actorOf(req), req.query),
  });
  app.post('/sign-offs/:id/decision', {
    schema: {
      tags,
      summary: 'Sign an assignment off (the time limit runs from now) or send it back with the reason',
      params: IdParams,
      body: SignOffDecision,
      response: { 200: z.object({ ok: z.literal(true) }) },
    },
    handler: (req) => decideSignOff(p, contextOf(req), actorOf(req), req.params.id, req.body),
  });
  app.get('/hints', {
    schema: {
      tags,
      summary: 'While typing: likely categories, duplicates and handling units',
      querystring: HintsQuery,
      response: { 200: Hints },
    },
    handler: (req) => hints(p, actorOf(req), req.query),
  });
  app.get('/ledger', {
    schema: {
      tags,
      summary:
        'The ledger (台账) of a station or body for a period, as .xlsx (sheet 群众意见处理台账, a title row, then the columns)',
      querystring: LedgerQuery,
    },
    handler: async (req, reply) => {
      const l = await ledger(p, contextOf(req), actorOf(req), req.query);
      return sendLedger(reply, `ledger-${req.query.from}-${req.query.to}.xlsx`, l);
    },
  });
  app.get('/categories', {
    schema: { tags, summary: 'The category tree', response: { 200: z.object({ items: z.array(CategoryView) }) } },
    handler: async () => ({ items: await categories.listCategories(p) }),
  });
  app.post('/categories', {
    schema: {
      tags,
      summary: 'Add a category (admins)',
      body: CategoryInput,
      response: { 201: z.object({ id: z.number() }) },
    },
    handler: async (req, reply) =>
      reply.status(201).send({ id: await categories.createCategory(p, contextOf(req), actorOf(req), req.body) }),
  });
  app.patch('/categories/:id', {
    schema: {
      tags,
      summary: 'Change or deactivate a category (admins)',
      params: IdParams,
      body: CategoryPatch,
      response: { 200: z.object({ ok: z.literal(true) }) },
    },
    handler: async (req) => {
      await categories.updateCategory(p, contextOf(req), actorOf(req), req.params.id, req.body);
      return { ok: true as const };
    },
  });
  app.post('/', {
    schema: { tags, summary: 'Register an opinion', body: RegisterOpinion, response: { 201: RegisterResult } },
    handler: async (req, reply) =>
      reply.status(201).send(await registerOpinion(p, contextOf(req), actorOf(req), req.body)),
  });
  app.post('/bulk-actions', {
    schema: {
      tags,
      summary: 'The same step on many opinions (e.g. assign a batch); each succeeds or fails alone',
      body: BulkActionRequest,
      response: { 200: BulkActionResult },
    },
    handler: (req) =>
      actOnMany(p, contextOf(req), actorOf(req), req.body.ids, req.body.step, pickLang(req.headers['accept-language'])),
  });
  app.get('/:id', {
    schema: {
      tags,
      summary: 'One opinion with its timeline and the steps open to me',
      params: IdParams,
      response: { 200: OpinionView },
    },
    handler: (req) => getOpinion(p, actorOf(req), req.params.id),
  });
  app.post('/:id/actions', {
    schema: {
      tags,
      summary: 'Take a step of the loop (409 with the state when it does not fit)',
      params: IdParams,
      body: OpinionAction,
      response: { 200: OpinionView },
    },
    handler: async (req) => {
      await actOnOpinion(p, contextOf(req), actorOf(req), req.params.id, req.body);
      return getOpinion(p, actorOf(req), req.params.id);
    },
  });
  app.post('/:id/sign-off-requests', {
    schema: {
      tags,
      summary: 'Ask the street office head to sign an assignment off (instead of a paper sign-off)',
      params: IdParams,
      body: SignOffRequest,
      response: { 201: OpinionView },
    },
    handler: async (req, reply) => {
      await requestSignOff(p, contextOf(req), actorOf(req), req.params.id, req.body);
      return reply.status(201).send(await getOpinion(p, actorOf(req), req.params.id));
    },
  });
  app.get('/:id/units', {
    schema: {
      tags,
      summary: 'The handling units this opinion may be assigned to',
      params: IdParams,
      response: {
        200: z.object({
          items: z.array(
            z.object({ id: z.number(), name: z.string(), kind: z.string(), parentName: z.string().nullable() }),
          ),
        }),
      },
    },
    handler: async (req) => ({ items: await assignableUnits(p, actorOf(req), req.params.id) }),
  });
  app.post('/:id/files', {
    schema: {
      tags,
      summary: 'Attach a photo (JPEG/PNG/WebP, EXIF removed) or a PDF (multipart field "file")',
      consumes: ['multipart/form-data'],
      params: IdParams,
      querystring: z.object({ name: z.string().trim().max(200).optional() }),
      response: { 201: z.object({ id: z.number(), contentType: z.string(), name: z.string().nullable() }) },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(
          await addOpinionFile(
            p,
            contextOf(req),
            actorOf(req),
            req.params.id,
            await uploadedFile(req, OPINION_FILE_MAX_BYTES),
            req.query.name || null,
          ),
        ),
  });
  app.get('/:id/files/:fileId', {
    schema: { tags, summary: 'One file of the opinion', params: z.object({ id: IdParam, fileId: IdParam }) },
    handler: async (req, reply) =>
      sendFile(reply, await readOpinionFile(p, actorOf(req), req.params.id, req.params.fileId)),
  });
  app.post('/:id/reveal', {
    schema: {
      tags,
      summary: "The constituent's contact in clear (audited)",
      params: IdParams,
      response: {
        200: z.object({ name: z.string().nullable(), phone: z.string().nullable(), address: z.string().nullable() }),
      },
    },
    handler: (req) => revealConstituent(p, contextOf(req), actorOf(req), req.params.id),
  });
};

/** What a constituent does with a receipt code: follow the opinion, rate it. */
export const publicOpinionRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform: p }) => {
  const tags = ['public'];
  app.post('/follow', {
    config: { auth: 'public' },
    schema: {
      tags,
      summary: 'Follow an opinion by receipt code (+ last 4 digits of the phone)',
      body: FollowRequest,
      response: { 200: PublicOpinion },
    },
    handler: (req) => followOpinion(p, contextOf(req), req.body),
  });
  app.post('/rate', {
    config: { auth: 'public' },
    schema: {
      tags,
      summary: 'Rate the handling once it has been fed back',
      body: PublicRateRequest,
      response: { 200: PublicOpinion },
    },
    handler: (req) => rateByConstituent(p, contextOf(req), req.body),
  });
};
