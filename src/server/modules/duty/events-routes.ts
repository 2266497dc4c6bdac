import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam, IdParams } from '../../../contracts/common.js';
import {
  ContactInput,
  ContactsView,
  EventCancelInput,
  EventCode,
  EventCodeInput,
  EventEditInput,
  EventInput,
  EventRoster,
  EventSignInInput,
  EventSignInResult,
  EventsQuery,
  EventView,
  LedgerQuery,
  PairingInput,
  Year,
} from '../../../contracts/duty.js';
import type { Platform } from '../../platform/context.js';
import { sendLedger } from '../../platform/files/ledger-file.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import * as contacts from './contacts.js';
import * as events from './events.js';
import { cancelEvent, editEvent, removeDeputy } from './events-edit.js';
import { dutyLedger, receptionLedger } from './ledgers.js';

const tags = ['duty'];

/** Planned activities with sign-in at the place, the two contacts (两联系) and the ledgers (台账), under /api/duty. */
export const dutyEventRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform: p }) => {
  app.get('/events', {
    schema: {
      tags,
      summary: "A year's planned activities (staff: organised in scope; deputy: invited or open to sign up)",
      querystring: EventsQuery,
      response: { 200: z.object({ items: z.array(EventView) }) },
    },
    handler: async (req) => ({ items: await events.listEvents(p, actorOf(req), req.query) }),
  });
  app.post('/events', {
    schema: {
      tags,
      summary: 'Plan an activity (视察、调研、培训、通报会…) with the deputies invited',
      body: EventInput,
      response: { 201: z.object({ id: z.number() }) },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await events.createEvent(p, contextOf(req), actorOf(req), req.body)),
  });
  const Changed = z.object({ id: z.number(), changed: z.array(z.string()) });
  app.patch('/events/:id', {
    schema: {
      tags,
      summary: 'Change a planned activity (day, time and hours stay once someone signed in); the invited are told',
      params: IdParams,
      body: EventEditInput,
      response: { 200: Changed },
    },
    handler: (req) => editEvent(p, contextOf(req), actorOf(req), req.params.id, req.body),
  });
  app.post('/events/:id/cancel', {
    schema: {
      tags,
      summary: 'Cancel a planned activity with the reason (before anyone signed in); the invited are told',
      params: IdParams,
      body: EventCancelInput,
      response: { 200: Changed },
    },
    handler: (req) => cancelEvent(p, contextOf(req), actorOf(req), req.params.id, req.body),
  });
  app.delete('/events/:id/deputies/:deputyId', {
    schema: {
      tags,
      summary: 'Take an invited deputy off a planned activity (before it starts; not once signed in); they are told',
      params: z.object({ id: IdParam, deputyId: IdParam }),
      response: { 200: Changed },
    },
    handler: (req) => removeDeputy(p, contextOf(req), actorOf(req), req.params.id, req.params.deputyId),
  });
  app.get('/events/:id/roster', {
    schema: { tags, summary: 'Invited, signed up and signed in', params: IdParams, response: { 200: EventRoster } },
    handler: (req) => events.eventRoster(p, actorOf(req), req.params.id),
  });
  app.post('/events/:id/code', {
    schema: {
      tags,
      summary: 'Issue the sign-in code shown at the place (QR token and 6-digit code, expiring)',
      params: IdParams,
      body: EventCodeInput,
      response: { 200: EventCode },
    },
    handler: (req) => events.issueCode(p, contextOf(req), actorOf(req), req.params.id, req.body.minutes),
  });
  app.post('/events/:id/sign-in', {
    schema: {
      tags,
      summary: 'Sign in at the place (deputy with the code; staff for a deputy); once',
      params: IdParams,
      body: EventSignInInput,
      response: { 200: EventSignInResult },
    },
    handler: (req) => events.signInEvent(p, contextOf(req), actorOf(req), req.params.id, req.body),
  });
  app.post('/events/:id/sign-up', {
    schema: { tags, summary: 'Sign up for an open activity', params: IdParams, response: { 200: EventView } },
    handler: (req) => events.signUpEvent(p, contextOf(req), actorOf(req), req.params.id, true),
  });
  app.delete('/events/:id/sign-up', {
    schema: { tags, summary: 'Withdraw a sign-up', params: IdParams, response: { 200: EventView } },
    handler: (req) => events.signUpEvent(p, contextOf(req), actorOf(req), req.params.id, false),
  });
  app.get('/contacts', {
    schema: {
      tags,
      summary: 'Pairings and contact records (两联系) of a year',
      querystring: z.object({ year: Year }),
      response: { 200: ContactsView },
    },
    handler: (req) => contacts.listContacts(p, actorOf(req), req.query.year),
  });
  app.post('/contacts', {
    schema: {
      tags,
      summary: 'Record a contact (deputy with constituents, or a paired member with the deputy)',
      body: ContactInput,
      response: { 201: z.object({ id: z.number() }) },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await contacts.recordContact(p, contextOf(req), actorOf(req), req.body)),
  });
  app.post('/pairings', {
    schema: {
      tags,
      summary: 'Pair a standing-committee member with a deputy',
      body: PairingInput,
      response: { 200: z.object({ created: z.boolean() }) },
    },
    handler: (req) => contacts.addPairing(p, contextOf(req), actorOf(req), req.body),
  });
  app.get('/members', {
    schema: {
      tags,
      summary: 'Accounts of the committee in scope that may be paired with deputies (两联系)',
      querystring: z.object({ q: z.string().trim().max(50).optional() }),
      response: { 200: z.object({ items: z.array(z.object({ id: z.number(), name: z.string() })) }) },
    },
    handler: async (req) => ({ items: await contacts.pairableMembers(p, actorOf(req), req.query.q) }),
  });
  app.get('/ledgers/receptions.xlsx', {
    schema: { tags, summary: '接待登记台账 as .xlsx (title row: body and period)', querystring: LedgerQuery },
    handler: async (req, reply) =>
      sendLedger(
        reply,
        `reception-ledger-${req.query.from}-${req.query.to}.xlsx`,
        await receptionLedger(p, contextOf(req), actorOf(req), req.query),
      ),
  });
  app.get('/ledgers/duty.xlsx', {
    schema: { tags, summary: '代表履职登记台账 as .xlsx (title row: body and period)', querystring: LedgerQuery },
    handler: async (req, reply) =>
      sendLedger(
        reply,
        `duty-ledger-${req.query.from}-${req.query.to}.xlsx`,
        await dutyLedger(p, contextOf(req), actorOf(req), req.query),
      ),
  });
};
