import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id, IdParam, IdParams, Ok } from '../../../contracts/common.js';
import {
  ActivityView,
  BulletinInput,
  BulletinQuery,
  BulletinReceipts,
  BulletinView,
  CheckInput,
  DecisionInput,
  Digest,
  DisputeInput,
  DutyRecord,
  HandEntryInput,
  RecordQuery,
  ReportInput,
  ReportPatch,
  ReportRatingInput,
  ReportView,
  ResolveInput,
  RulesInput,
  RulesVersion,
  Standings,
  StandingsQuery,
  UpcomingReception,
  Year,
} from '../../../contracts/duty.js';
import { scopesFor } from '../../platform/access/policy.js';
import type { Platform } from '../../platform/context.js';
import { AppError } from '../../platform/errors/errors.js';
import { sendTable } from '../../platform/files/table-routes.js';
import { sendFile, uploadedFile } from '../../platform/files/upload.js';
import { chinaToday } from '../../platform/calendar/dates.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import { servingDeputiesInScope } from '../deputies/duty-source.js';
import { servesInScopeSql } from '../stations/members.js';
import * as activities from './activities.js';
import * as bulletins from './bulletins.js';
import { upcomingDutyOf } from '../receptions/upcoming-duty-source.js';
import { myDigest } from './digest.js';
import { relationTo, requireOwnDeputy } from './load.js';
import * as points from './points.js';
import { dutyRecord, recordTable } from './record.js';
import * as reports from './reports.js';
import { syncActivities } from './sync.js';

const tags = ['duty'];
const ActivityParams = z.object({ id: IdParam, evidenceId: IdParam });

/** The duty record for deputies and staff: activities, the record, points, report-back, bulletins. */
export const dutyRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform: p }) => {
  app.get('/record', {
    schema: {
      tags,
      summary: "A deputy's record for a year or a term (default: one's own, this year)",
      querystring: RecordQuery,
      response: { 200: DutyRecord },
    },
    handler: (req) => dutyRecord(p, actorOf(req), req.query),
  });
  app.get('/record.xlsx', {
    schema: { tags, summary: 'The record as .xlsx', querystring: RecordQuery },
    handler: async (req, reply) => {
      const r = await dutyRecord(p, actorOf(req), req.query);
      return sendTable(
        reply,
        `duty-record-${r.deputy.id}-${r.period.fromYear}-${r.period.toYear}.xlsx`,
        recordTable(r),
      );
    },
  });
  app.get('/deputies', {
    schema: {
      tags,
      summary: 'Serving deputies whose records the user may read',
      response: {
        200: z.object({ items: z.array(z.object({ id: z.number(), name: z.string(), orgName: z.string() })) }),
      },
    },
    handler: async (req) => {
      const actor = actorOf(req);
      const rows = await servingDeputiesInScope(p.db, actor, 'duty.read', (id) =>
        servesInScopeSql(id, actor, 'duty.read'),
      );
      return { items: rows.map((d) => ({ id: d.id, name: d.name, orgName: d.org_name })) };
    },
  });
  app.post('/activities', {
    schema: {
      tags,
      summary: 'Enter an activity by hand (a known reception is the same activity as its sign-in)',
      body: HandEntryInput,
      response: {
        200: z.object({ activity: ActivityView, existing: z.boolean() }),
        201: z.object({ activity: ActivityView, existing: z.boolean() }),
      },
    },
    handler: async (req, reply) => {
      const r = await activities.enterActivity(p, contextOf(req), actorOf(req), req.body);
      return reply
        .status(r.existing ? 200 : 201)
        .send({ activity: await activities.getActivity(p, actorOf(req), r.id), existing: r.existing });
    },
  });
  app.get('/activities/open', {
    schema: {
      tags,
      summary: 'Hand entries to check and disputes to resolve, in scope',
      response: { 200: z.object({ items: z.array(ActivityView) }) },
    },
    handler: async (req) => ({ items: await activities.openActivities(p, actorOf(req)) }),
  });
  app.get('/activities/:id', {
    schema: { tags, summary: 'One activity', params: IdParams, response: { 200: ActivityView } },
    handler: (req) => activities.getActivity(p, actorOf(req), req.params.id),
  });
  app.post('/activities/:id/evidence', {
    schema: {
      tags,
      summary: 'Attach a photo or PDF as evidence (multipart field "file")',
      consumes: ['multipart/form-data'],
      params: IdParams,
      querystring: z.object({ name: z.string().trim().max(200).optional() }),
      response: { 200: ActivityView },
    },
    handler: async (req) =>
      activities.addEvidence(
        p,
        contextOf(req),
        actorOf(req),
        req.params.id,
        await uploadedFile(req, activities.EVIDENCE_MAX_BYTES),
        req.query.name || null,
      ),
  });
  app.get('/activities/:id/evidence/:evidenceId', {
    schema: { tags, summary: 'One piece of evidence', params: ActivityParams },
    handler: async (req, reply) =>
      sendFile(reply, await activities.evidenceBytes(p, actorOf(req), req.params.id, req.params.evidenceId)),
  });
  app.post('/activities/:id/check', {
    schema: {
      tags,
      summary: 'Confirm or reject a hand entry',
      params: IdParams,
      body: CheckInput,
      response: { 200: ActivityView },
    },
    handler: (req) => activities.checkActivity(p, contextOf(req), actorOf(req), req.params.id, req.body),
  });
  app.post('/activities/:id/dispute', {
    schema: {
      tags,
      summary: 'The deputy disputes an entry of their record',
      params: IdParams,
      body: DisputeInput,
      response: { 200: ActivityView },
    },
    handler: (req) => activities.disputeActivity(p, contextOf(req), actorOf(req), req.params.id, req.body),
  });
  app.post('/activities/:id/resolve', {
    schema: {
      tags,
      summary: 'Confirm, correct or strike out a disputed entry',
      params: IdParams,
      body: ResolveInput,
      response: { 200: ActivityView },
    },
    handler: (req) => activities.resolveDispute(p, contextOf(req), actorOf(req), req.params.id, req.body),
  });
  app.post('/sync', {
    schema: {
      tags,
      summary:
        'Pull what the system knows into the records for a year (all: district; one deputy: the deputy or staff checking them)',
      body: z.object({ year: Year, deputyId: Id.optional() }),
      response: { 200: z.object({ deputies: z.number(), inserted: z.number() }) },
    },
    handler: async (req) => {
      const actor = actorOf(req);
      if (req.body.deputyId !== undefined) {
        const rel = await relationTo(p.db, actor, req.body.deputyId, 'duty.check');
        if (!rel.own && !rel.may) throw new AppError('FORBIDDEN');
        return syncActivities(p, req.body.year, [req.body.deputyId]);
      }
      if (!scopesFor(actor, 'duty.manage').length) throw new AppError('FORBIDDEN');
      return syncActivities(p, req.body.year);
    },
  });
  app.get('/rules', {
    schema: {
      tags,
      summary: 'Versions of the point rules',
      response: { 200: z.object({ items: z.array(RulesVersion) }) },
    },
    handler: async (req) => ({ items: await points.listRules(p, actorOf(req)) }),
  });
  app.post('/rules', {
    schema: {
      tags,
      summary: 'Save a version of the point rules taking effect in a year',
      body: RulesInput,
      response: { 201: z.object({ id: z.number() }) },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await points.saveRules(p, contextOf(req), actorOf(req), req.body)),
  });
  app.get('/standings', {
    schema: {
      tags,
      summary: 'Standings of the year (or up to a quarter) with suggested consequences',
      querystring: StandingsQuery,
      response: { 200: Standings },
    },
    handler: (req) => points.standings(p, actorOf(req), req.query.year, req.query.quarter),
  });
  app.post('/decisions', {
    schema: {
      tags,
      summary: "Record the committee's decision on a deputy's year",
      body: DecisionInput,
      response: { 201: z.object({ id: z.number() }) },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await points.recordDecision(p, contextOf(req), actorOf(req), req.body)),
  });
  app.get('/reports', {
    schema: {
      tags,
      summary: 'Report-backs (own and in scope)',
      response: { 200: z.object({ items: z.array(ReportView) }) },
    },
    handler: async (req) => ({ items: await reports.listReports(p, actorOf(req)) }),
  });
  app.post('/reports', {
    schema: {
      tags,
      summary: "Draft the year's report-back from the record",
      body: ReportInput,
      response: { 201: ReportView },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await reports.draftReport(p, contextOf(req), actorOf(req), req.body)),
  });
  app.get('/reports/:id', {
    schema: { tags, summary: 'One report-back', params: IdParams, response: { 200: ReportView } },
    handler: (req) => reports.getReport(p, actorOf(req), req.params.id),
  });
  app.patch('/reports/:id', {
    schema: {
      tags,
      summary: 'Edit a draft report-back',
      params: IdParams,
      body: ReportPatch,
      response: { 200: ReportView },
    },
    handler: (req) => reports.editReport(p, contextOf(req), actorOf(req), req.params.id, req.body),
  });
  app.post('/reports/:id/publish', {
    schema: {
      tags,
      summary: 'Publish on the portal for the voters to rate',
      params: IdParams,
      response: { 200: ReportView },
    },
    handler: (req) => reports.publishReport(p, contextOf(req), actorOf(req), req.params.id),
  });
  app.post('/reports/:id/close', {
    schema: {
      tags,
      summary: 'Close the rating and file the result in the record',
      params: IdParams,
      response: { 200: ReportView },
    },
    handler: (req) => reports.closeReport(p, contextOf(req), actorOf(req), req.params.id),
  });
  app.get('/bulletins', {
    schema: {
      tags,
      summary: 'Bulletins sent to me, or pushed in scope (searchable)',
      querystring: BulletinQuery,
      response: { 200: z.object({ items: z.array(BulletinView) }) },
    },
    handler: async (req) => ({ items: await bulletins.listBulletins(p, actorOf(req), req.query) }),
  });
  app.post('/bulletins', {
    schema: {
      tags,
      summary: 'Push a bulletin to targeted deputies',
      body: BulletinInput,
      response: { 201: z.object({ id: z.number(), recipients: z.number() }) },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await bulletins.pushBulletin(p, contextOf(req), actorOf(req), req.body)),
  });
  app.post('/bulletins/:id/read', {
    schema: { tags, summary: 'Mark a bulletin read (the receipt)', params: IdParams, response: { 200: BulletinView } },
    handler: (req) => bulletins.readBulletin(p, contextOf(req), actorOf(req), req.params.id),
  });
  app.get('/digest', {
    schema: {
      tags,
      summary: "The deputy's digest: new documents that concern their open suggestions, and why",
      response: { 200: Digest },
    },
    handler: (req) => myDigest(p, actorOf(req)),
  });
  app.get('/upcoming-receptions', {
    schema: {
      tags,
      summary: 'The receptions to come that the signed-in deputy is on duty for (their list of activities to come)',
      response: { 200: z.object({ items: z.array(UpcomingReception) }) },
    },
    handler: async (req) => ({
      items: await upcomingDutyOf(p.db, await requireOwnDeputy(p.db, actorOf(req)), chinaToday()),
    }),
  });
  app.get('/bulletins/:id/receipts', {
    schema: { tags, summary: 'Who was told and who has read', params: IdParams, response: { 200: BulletinReceipts } },
    handler: (req) => bulletins.bulletinReceipts(p, actorOf(req), req.params.id),
  });
};

/** The portal's side: published report-backs and the voters' rating. */
export const publicDutyRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform: p }) => {
  const config = { auth: 'public' as const };
  app.get('/reports', {
    config,
    schema: {
      tags: ['portal'],
      summary: 'Published report-backs',
      response: { 200: z.object({ items: z.array(ReportView) }) },
    },
    handler: async () => ({ items: await reports.publicReports(p) }),
  });
  app.get('/reports/:id', {
    config,
    schema: { tags: ['portal'], summary: 'One published report-back', params: IdParams, response: { 200: ReportView } },
    handler: (req) => reports.publicReport(p, req.params.id),
  });
  app.post('/reports/:id/ratings', {
    config,
    schema: {
      tags: ['portal'],
      summary: 'Rate a report-back (each aspect 1–5 and overall)',
      params: IdParams,
      body: ReportRatingInput,
      response: { 201: Ok },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await reports.rateReport(p, contextOf(req), req.params.id, req.body)),
  });
};
