import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, Ok, Page } from '../../../contracts/common.js';
import {
  answerClasses,
  CongressSessionInput,
  ConstituentRateRequest,
  ConstituentSuggestions,
  CongressSessionView,
  DraftInput,
  DraftPatch,
  FiguresQuery,
  InviteRequest,
  ListSuggestionsQuery,
  DeputyDesk,
  SignerCandidates,
  PublicSuggestion,
  PublicSuggestionsQuery,
  SignerResponse,
  SuggestionAction,
  SuggestionFigures,
  SuggestionRules,
  SuggestionState,
  SuggestionSummary,
  SuggestionView,
} from '../../../contracts/suggestions.js';
import { IdParam } from '../../../contracts/common.js';
import { FollowRequest } from '../../../contracts/opinions.js';
import type { Platform } from '../../platform/context.js';
import { sendTable } from '../../platform/files/table-routes.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import { rateAsConstituent, suggestionsForReceipt } from './constituents.js';
import { publicSuggestions } from './disclosure.js';
import * as drafts from './drafts.js';
import { suggestionFigures } from './figures.js';
import { figuresTable } from './export.js';
import * as sessions from './sessions.js';
import { actOnSuggestion } from './steps.js';
import { deputyDesk, getSuggestion, listSuggestions } from './view.js';

/** Deputies' suggestions for staff and deputies: sessions, drafting, co-signing, every step, figures. */
export const suggestionRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform: p }) => {
  const tags = ['suggestions'];
  app.get('/', {
    schema: {
      tags,
      summary: 'Suggestions the user may see, by queue, newest first',
      querystring: ListSuggestionsQuery,
      response: { 200: Page(SuggestionSummary) },
    },
    handler: (req) => listSuggestions(p, actorOf(req), req.query),
  });
  app.post('/', {
    schema: {
      tags,
      summary: 'Draft a suggestion (the deputy linked to the account leads it)',
      body: DraftInput,
      response: { 201: SuggestionView },
    },
    handler: async (req, reply) => {
      const id = await drafts.createDraft(p, contextOf(req), actorOf(req), req.body);
      return reply.status(201).send(await getSuggestion(p, actorOf(req), id));
    },
  });
  app.get('/desk', {
    schema: {
      tags,
      summary: "The deputy's desk: counts, opinions addressed to them, escalated opinions to take up",
      response: { 200: DeputyDesk },
    },
    handler: (req) => deputyDesk(p, actorOf(req)),
  });
  app.get('/sessions', {
    schema: {
      tags,
      summary: 'Congress sessions (number series)',
      response: { 200: z.object({ items: z.array(CongressSessionView) }) },
    },
    handler: async (req) => ({ items: await sessions.listSessions(p, actorOf(req)) }),
  });
  app.post('/sessions', {
    schema: {
      tags,
      summary: 'Open a congress session for suggestions',
      body: CongressSessionInput.extend({ orgId: IdParam.optional() }),
      response: { 201: z.object({ id: z.number() }) },
    },
    handler: async (req, reply) =>
      reply.status(201).send({ id: await sessions.createSession(p, contextOf(req), actorOf(req), req.body) }),
  });
  app.put('/sessions/:id/open', {
    schema: {
      tags,
      summary: 'Open or close a session for new suggestions',
      params: IdParams,
      body: z.object({ open: z.boolean() }),
      response: { 200: Ok },
    },
    handler: async (req) => {
      await sessions.setSessionOpen(p, contextOf(req), actorOf(req), req.params.id, req.body.open);
      return { ok: true as const };
    },
  });
  app.get('/rules', {
    schema: {
      tags,
      summary: "The committee's clocks and switches",
      response: { 200: z.object({ orgId: z.number(), rules: SuggestionRules }) },
    },
    handler: (req) => sessions.getRules(p, actorOf(req)),
  });
  app.put('/rules', {
    schema: {
      tags,
      summary: "Set the committee's clocks and switches",
      body: SuggestionRules,
      response: { 200: z.object({ orgId: z.number(), rules: SuggestionRules }) },
    },
    handler: (req) => sessions.setRules(p, contextOf(req), actorOf(req), req.body),
  });
  app.get('/figures', {
    schema: {
      tags,
      summary: 'Figures per session, unit and deputy',
      querystring: FiguresQuery,
      response: { 200: SuggestionFigures },
    },
    handler: (req) => suggestionFigures(p, actorOf(req), req.query),
  });
  app.get('/figures.xlsx', {
    schema: { tags, summary: 'The figures as .xlsx', querystring: FiguresQuery },
    handler: async (req, reply) => {
      const figures = await suggestionFigures(p, actorOf(req), req.query);
      return sendTable(
        reply,
        `suggestion-figures${req.query.sessionId ? `-${req.query.sessionId}` : ''}.xlsx`,
        figuresTable(figures),
      );
    },
  });
  app.get('/:id', {
    schema: {
      tags,
      summary: 'One suggestion with its clock, signers, units, consultations, answers and timeline',
      params: IdParams,
      response: { 200: SuggestionView },
    },
    handler: (req) => getSuggestion(p, actorOf(req), req.params.id),
  });
  app.patch('/:id', {
    schema: { tags, summary: 'Edit a draft', params: IdParams, body: DraftPatch, response: { 200: SuggestionView } },
    handler: async (req) => {
      await drafts.updateDraft(p, contextOf(req), actorOf(req), req.params.id, req.body);
      return getSuggestion(p, actorOf(req), req.params.id);
    },
  });
  app.post('/:id/actions', {
    schema: {
      tags,
      summary: 'Take a step (submit, accept, assign, consult, answer, rate …)',
      params: IdParams,
      body: SuggestionAction,
      response: { 200: SuggestionView },
    },
    handler: async (req) => {
      await actOnSuggestion(p, contextOf(req), actorOf(req), req.params.id, req.body);
      return getSuggestion(p, actorOf(req), req.params.id);
    },
  });
  app.post('/:id/signers', {
    schema: {
      tags,
      summary: 'Invite co-signers (the lead deputy, while a draft)',
      params: IdParams,
      body: InviteRequest,
      response: { 200: SuggestionView },
    },
    handler: async (req) => {
      await drafts.inviteCoSigners(p, contextOf(req), actorOf(req), req.params.id, req.body.deputyIds);
      return getSuggestion(p, actorOf(req), req.params.id);
    },
  });
  app.put('/:id/signers/me', {
    schema: {
      tags,
      summary: 'Confirm or decline an invitation to co-sign',
      params: IdParams,
      body: SignerResponse,
      response: { 200: SuggestionView },
    },
    handler: async (req) => {
      await drafts.answerInvitation(p, contextOf(req), actorOf(req), req.params.id, req.body.accept, req.body.note);
      return getSuggestion(p, actorOf(req), req.params.id);
    },
  });
  app.get('/:id/signer-candidates', {
    schema: {
      tags,
      summary: 'Serving deputies of the congress the lead deputy may invite',
      params: IdParams,
      querystring: z.object({ q: z.string().trim().max(20).optional() }),
      response: { 200: SignerCandidates },
    },
    handler: async (req) => ({ items: await drafts.signerCandidates(p, actorOf(req), req.params.id, req.query.q) }),
  });
  app.delete('/:id/signers/:deputyId', {
    schema: {
      tags,
      summary: 'Withdraw an unanswered invitation',
      params: z.object({ id: IdParam, deputyId: IdParam }),
      response: { 200: SuggestionView },
    },
    handler: async (req) => {
      await drafts.cancelInvitation(p, contextOf(req), actorOf(req), req.params.id, req.params.deputyId);
      return getSuggestion(p, actorOf(req), req.params.id);
    },
  });
};

/** The published answers on the portal. */
export const publicSuggestionRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform: p }) => {
  app.get('/', {
    config: { auth: 'public' as const },
    schema: {
      tags: ['portal'],
      summary: 'Published suggestions with their answers',
      querystring: PublicSuggestionsQuery,
      response: { 200: Page(PublicSuggestion) },
    },
    handler: (req) => publicSuggestions(p, req.query),
  });
  app.post('/for-opinion', {
    config: { auth: 'public' as const },
    schema: {
      tags: ['portal'],
      summary: "The suggestions an opinion led to, by the opinion's receipt code (+ last 4 digits of the phone)",
      body: FollowRequest,
      response: { 200: ConstituentSuggestions },
    },
    handler: (req) => suggestionsForReceipt(p, contextOf(req), req.body),
  });
  app.post('/rate', {
    config: { auth: 'public' as const },
    schema: {
      tags: ['portal'],
      summary: 'The constituent rates the answer of a suggestion their opinion led to (once per answer)',
      body: ConstituentRateRequest,
      response: { 200: ConstituentSuggestions },
    },
    handler: (req) => rateAsConstituent(p, contextOf(req), req.body),
  });
};

// Kept visible to the OpenAPI reader: the states and classes the lists speak of.
void SuggestionState;
void answerClasses;
