import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam, IdParams, Ok } from '../../../contracts/common.js';
import {
  AcceptHomeVisit,
  AppointmentParams,
  BookRequest,
  BookResult,
  CancelBookingRequest,
  CancelRequest,
  Compliance,
  ComplianceQuery,
  DeclineHomeVisit,
  FeedLink,
  GeneratePlanRequest,
  HomeVisitParams,
  HomeVisitRequest,
  HomeVisitView,
  ListReceptionsQuery,
  MarkAppointmentRequest,
  Overview,
  OverviewQuery,
  PlanPatch,
  PlanQuery,
  PlanOrArranged,
  PlanView,
  PublicReception,
  PublicReceptionsQuery,
  QrCodes,
  ReceptionInput,
  ReceptionPatch,
  ReceptionSummary,
  ReceptionView,
  RecordRequest,
  SignInRequest,
  SummaryDraft,
  TableOpinionRequest,
  VisitorsRequest,
} from '../../../contracts/receptions.js';
import type { Platform } from '../../platform/context.js';
import { AppError } from '../../platform/errors/errors.js';
import { sendFile, uploadedFile } from '../../platform/files/upload.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import { checkCompliance } from '../compliance/receptions.js';
import * as appointments from './appointments.js';
import * as homeVisits from './home-visits.js';
import { deputyFeed, feedLink } from './ical.js';
import { overview } from './overview.js';
import * as plans from './plan.js';
import * as pub from './public.js';
import * as receptions from './receptions.js';
import * as schedule from './schedule.js';
import { TABLE_SW } from './sw.js';
import * as table from './table.js';

const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
const Items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
const HomeVisitList = Items(HomeVisitView);

/** Receptions for staff: plans, schedules, the table, calendars, compliance. */
export const receptionRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform: p }) => {
  const tags = ['receptions'];
  app.get('/', {
    schema: {
      tags,
      summary: 'Receptions in scope between two days (a station, a subtree or a deputy)',
      querystring: ListReceptionsQuery,
      response: { 200: Items(ReceptionSummary) },
    },
    handler: (req) => receptions.listReceptions(p, actorOf(req), req.query),
  });
  app.post('/', {
    schema: { tags, summary: 'Schedule a reception', body: ReceptionInput, response: { 201: ReceptionView } },
    handler: async (req, reply) =>
      reply.status(201).send(await schedule.createReception(p, contextOf(req), actorOf(req), req.body)),
  });
  app.get('/overview', {
    schema: {
      tags,
      summary: "The district's overview: receptions per station and month",
      querystring: OverviewQuery,
      response: { 200: Overview },
    },
    handler: (req) => overview(p, actorOf(req), req.query.year, req.query.orgId),
  });
  app.get('/compliance', {
    schema: {
      tags,
      summary: 'Stations, district deputies and deputy groups behind the reception rules',
      querystring: ComplianceQuery,
      response: { 200: Compliance },
    },
    handler: (req) => checkCompliance(p, actorOf(req), req.query),
  });
  app.get('/plans', {
    schema: {
      tags,
      summary:
        "A station's annual plan (null when none) and, while there is none, the year's receptions arranged one by one",
      querystring: PlanQuery,
      response: { 200: PlanOrArranged },
    },
    handler: (req) => plans.getPlanOrArranged(p, actorOf(req), req.query.stationId, req.query.year),
  });
  app.post('/plans/generate', {
    schema: {
      tags,
      summary: "Generate (or regenerate) the annual plan from the station's reception-day rule, with the duty rota",
      body: GeneratePlanRequest,
      response: { 200: PlanView },
    },
    handler: (req) => plans.generatePlan(p, contextOf(req), actorOf(req), req.body),
  });
  for (const [path, to, summary] of [
    ['submit', 'submitted', 'Submit the plan to the street committee'],
    ['approve', 'approved', 'Approve the plan (street committee)'],
    ['reopen', 'draft', 'Reopen the plan for changes (street committee)'],
  ] as const) {
    app.post(`/plans/:id/${path}`, {
      schema: { tags, summary, params: IdParams, response: { 200: PlanView } },
      handler: (req) => plans.setPlanStatus(p, contextOf(req), actorOf(req), req.params.id, to),
    });
  }
  app.patch('/plans/:id', {
    schema: {
      tags,
      summary: "The plan's note or year-end summary (年终总结)",
      params: IdParams,
      body: PlanPatch,
      response: { 200: PlanView },
    },
    handler: (req) => plans.patchPlan(p, contextOf(req), actorOf(req), req.params.id, req.body),
  });
  app.get('/plans/:id/summary-draft', {
    schema: {
      tags,
      summary: 'A draft of the year-end summary from what happened',
      params: IdParams,
      response: { 200: SummaryDraft },
    },
    handler: (req) => plans.draftSummary(p, actorOf(req), req.params.id),
  });
  app.get('/deputies/:id/feed', {
    schema: {
      tags,
      summary: "The address of the deputy's iCalendar feed",
      params: IdParams,
      response: { 200: FeedLink },
    },
    handler: (req) => feedLink(p, actorOf(req), req.params.id),
  });
  app.get('/stations/:id/home-visits', {
    schema: {
      tags,
      summary: 'Home-visit requests (上门) of a station',
      params: IdParams,
      response: { 200: HomeVisitList },
    },
    handler: (req) => homeVisits.listHomeVisits(p, actorOf(req), req.params.id),
  });
  app.post('/stations/:id/home-visits/:requestId/accept', {
    schema: {
      tags,
      summary: 'Accept and schedule a home visit (the constituent is told)',
      params: HomeVisitParams,
      body: AcceptHomeVisit,
      response: { 200: HomeVisitList },
    },
    handler: (req) =>
      homeVisits.acceptHomeVisit(p, contextOf(req), actorOf(req), req.params.id, req.params.requestId, req.body),
  });
  app.post('/stations/:id/home-visits/:requestId/decline', {
    schema: {
      tags,
      summary: 'Decline a home-visit request',
      params: HomeVisitParams,
      body: DeclineHomeVisit,
      response: { 200: HomeVisitList },
    },
    handler: (req) =>
      homeVisits.declineHomeVisit(
        p,
        contextOf(req),
        actorOf(req),
        req.params.id,
        req.params.requestId,
        req.body.reason,
      ),
  });

  app.get('/:id', {
    schema: {
      tags,
      summary: 'One reception with slots, appointments (masked), record',
      params: IdParams,
      response: { 200: ReceptionView },
    },
    handler: (req) => receptions.getReception(p, actorOf(req), req.params.id),
  });
  app.patch('/:id', {
    schema: {
      tags,
      summary: 'Change or reschedule (a published one needs a reason; bookings are told)',
      params: IdParams,
      body: ReceptionPatch,
      response: { 200: ReceptionView },
    },
    handler: (req) => schedule.updateReception(p, contextOf(req), actorOf(req), req.params.id, req.body),
  });
  app.post('/:id/publish', {
    schema: {
      tags,
      summary: 'Publish the notice; duty deputies are told',
      params: IdParams,
      response: { 200: ReceptionView },
    },
    handler: async (req) => (await schedule.publishReception(p, contextOf(req), actorOf(req), req.params.id))!,
  });
  app.post('/:id/cancel', {
    schema: {
      tags,
      summary: 'Cancel with a reason; bookings are told',
      params: IdParams,
      body: CancelRequest,
      response: { 200: ReceptionView },
    },
    handler: (req) => schedule.cancelReception(p, contextOf(req), actorOf(req), req.params.id, req.body.reason),
  });
  app.get('/:id/qr-codes', {
    schema: {
      tags,
      summary: "Duty deputies' sign-in codes (for QR codes)",
      params: IdParams,
      response: { 200: QrCodes },
    },
    handler: (req) => table.qrCodes(p, actorOf(req), req.params.id),
  });
  app.post('/:id/sign-in', {
    schema: {
      tags,
      summary: 'Sign a duty deputy in (officer, or a scanned code); idempotent by key',
      params: IdParams,
      body: SignInRequest,
      response: { 200: ReceptionView },
    },
    handler: (req) => table.signIn(p, contextOf(req), actorOf(req), req.params.id, req.body),
  });
  app.post('/:id/visitors', {
    schema: {
      tags,
      summary: 'Count visitors in (or correct); idempotent by key',
      params: IdParams,
      body: VisitorsRequest,
      response: { 200: ReceptionView },
    },
    handler: (req) => table.countVisitors(p, contextOf(req), actorOf(req), req.params.id, req.body),
  });
  app.post('/:id/opinions', {
    schema: {
      tags,
      summary: 'Register an opinion at the table into the closed loop; idempotent by key',
      params: IdParams,
      body: TableOpinionRequest,
      response: { 201: z.object({ id: z.number(), receiptCode: z.string() }) },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await table.tableOpinion(p, contextOf(req), actorOf(req), req.params.id, req.body)),
  });
  app.put('/:id/record', {
    schema: {
      tags,
      summary: 'Save the record (summary, visitors)',
      params: IdParams,
      body: RecordRequest,
      response: { 200: ReceptionView },
    },
    handler: (req) => table.saveRecord(p, contextOf(req), actorOf(req), req.params.id, req.body),
  });
  app.post('/:id/close', {
    schema: {
      tags,
      summary: 'Close the reception (record written, a deputy signed in)',
      params: IdParams,
      response: { 200: ReceptionView },
    },
    handler: (req) => table.closeReception(p, contextOf(req), actorOf(req), req.params.id),
  });
  app.post('/:id/appointments/:appointmentId/mark', {
    schema: {
      tags,
      summary: 'Mark an appointment attended or no-show',
      params: AppointmentParams,
      body: MarkAppointmentRequest,
      response: { 200: ReceptionView },
    },
    handler: (req) =>
      table.markAppointment(p, contextOf(req), actorOf(req), req.params.id, req.params.appointmentId, req.body.status),
  });
  app.post('/:id/appointments/:appointmentId/reveal', {
    schema: {
      tags,
      summary: "A booking's name and phone in full (audited)",
      params: AppointmentParams,
      response: { 200: z.object({ name: z.string(), phone: z.string() }) },
    },
    handler: (req) => table.revealAppointment(p, contextOf(req), actorOf(req), req.params.id, req.params.appointmentId),
  });
  app.post('/:id/photos', {
    schema: {
      tags,
      summary: 'Add a photo to the record (multipart field "file")',
      consumes: ['multipart/form-data'],
      params: IdParams,
      querystring: z.object({ caption: z.string().trim().max(100).optional() }),
      response: { 200: ReceptionView },
    },
    handler: async (req) =>
      table.addReceptionPhoto(
        p,
        contextOf(req),
        actorOf(req),
        req.params.id,
        await uploadedFile(req, PHOTO_MAX_BYTES),
        req.query.caption || null,
      ),
  });
  app.get('/:id/photos/:photoId', {
    schema: { tags, summary: 'One photo of the record', params: z.object({ id: IdParam, photoId: IdParam }) },
    handler: async (req, reply) =>
      sendFile(reply, await table.receptionPhoto(p, actorOf(req), req.params.id, req.params.photoId)),
  });
};

/** The public side (portal): published receptions, free slots, booking, cancelling, home visits, deputies' feeds. */
export const publicReceptionRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform: p }) => {
  const tags = ['public'];
  const config = { auth: 'public' as const };
  app.get('/', {
    config,
    schema: {
      tags,
      summary: "A station's published receptions from today on",
      querystring: PublicReceptionsQuery,
      response: { 200: Items(PublicReception) },
    },
    handler: (req) => pub.publicReceptions(p, req.query.stationId),
  });
  app.post('/appointments/cancel', {
    config,
    schema: {
      tags,
      summary: 'Cancel a booking by the token of its link',
      body: CancelBookingRequest,
      response: { 200: Ok },
    },
    handler: (req) => appointments.cancelBooking(p, contextOf(req), req.body.token),
  });
  app.post('/stations/:id/home-visits', {
    config,
    schema: {
      tags,
      summary: 'Ask for a home visit (上门接待); phone verified by a one-time code',
      params: IdParams,
      body: HomeVisitRequest,
      response: { 201: Ok },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await homeVisits.requestHomeVisit(p, contextOf(req), req.params.id, req.body)),
  });
  app.get('/deputies/:id/calendar.ics', {
    config,
    schema: {
      tags,
      summary: "A deputy's receptions as iCalendar (secret link)",
      params: IdParams,
      querystring: z.object({ token: z.string().max(64) }),
    },
    handler: async (req, reply) => {
      const ics = await deputyFeed(p, req.params.id, req.query.token);
      if (!ics) throw new AppError('NOT_FOUND');
      return reply.type('text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300').send(ics);
    },
  });
  app.get('/:id', {
    config,
    schema: {
      tags,
      summary: 'One published reception with its free slots',
      params: IdParams,
      response: { 200: PublicReception },
    },
    handler: (req) => pub.publicReception(p, req.params.id),
  });
  app.post('/:id/appointments', {
    config,
    schema: {
      tags,
      summary: 'Book a slot: name, phone (verified by one-time code), topic',
      params: IdParams,
      body: BookRequest,
      response: { 201: BookResult },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await appointments.book(p, contextOf(req), req.params.id, req.body)),
  });
};

/** The table screen's service worker: it must be served from /console/ to control the console's pages. */
export const receptionWorkerRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app) => {
  app.get('/console/reception-table-sw.js', { config: { auth: 'public' }, schema: { hide: true } }, (_req, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('service-worker-allowed', '/console/')
      .send(TABLE_SW),
  );
};
