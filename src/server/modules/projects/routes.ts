import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam, IdParams, Ok } from '../../../contracts/common.js';
import { FollowRequest } from '../../../contracts/opinions.js';
import {
  BallotInput,
  CommentPeriodInput,
  Consultations,
  DecisionInput,
  InspectionInput,
  ModerateInput,
  OpinionProjects,
  PaperTotalsInput,
  PublicCommentInput,
  StaffComments,
  SupervisorsInput,
  PaperEntryInput,
  PaperIssueInput,
  PlanInput,
  ProgressFields,
  ProjectInput,
  ProjectLinks,
  ProjectListQuery,
  ProjectSummary,
  ProjectView,
  PublicProjects,
  PublishedBallots,
  Receipt,
  ReceiptCheck,
  ReceiptCheckRequest,
  ReconcileInput,
  ScreeningInput,
  VoteInput,
  VoterRow,
  VoteSummary,
  VoteView,
} from '../../../contracts/projects.js';
import type { Platform } from '../../platform/context.js';
import { PHOTO_MAX_BYTES } from '../../platform/files/images.js';
import { sendFile, uploadedFile } from '../../platform/files/upload.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import * as ballots from './ballots.js';
import * as impl from './implementation.js';
import { publicProjects } from './public.js';
import * as reserve from './reserve.js';
import * as votes from './votes.js';
import * as comments from './comments.js';
import * as links from './opinion-links.js';
import * as supervision from './supervision.js';

const ReportParams = z.object({ id: IdParam, reportId: IdParam });
const InspectionParams = z.object({ id: IdParam, inspectionId: IdParam });
const CommentParams = z.object({ id: IdParam, commentId: IdParam });

/** Livelihood projects for the committee, units and deputies: reserve, screening, votes, implementation. */
export const projectRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform: p }) => {
  const tags = ['projects'];
  app.get('/', {
    schema: {
      tags,
      summary: 'Projects the user may see (reserve and chosen), newest year first',
      querystring: ProjectListQuery,
      response: { 200: z.object({ items: z.array(ProjectSummary) }) },
    },
    handler: (req) => reserve.listProjects(p, actorOf(req), req.query),
  });
  app.post('/', {
    schema: { tags, summary: 'Propose a project into the reserve', body: ProjectInput, response: { 201: ProjectView } },
    handler: async (req, reply) => {
      const id = await reserve.proposeProject(p, contextOf(req), actorOf(req), req.body);
      return reply.status(201).send(await reserve.getProject(p, actorOf(req), id));
    },
  });
  app.get('/links', {
    schema: {
      tags,
      summary: 'Projects that came from an opinion or a suggestion (the other end of the source link)',
      querystring: z.object({ opinionId: IdParam.optional(), suggestionId: IdParam.optional() }),
      response: { 200: ProjectLinks },
    },
    handler: (req) => links.projectsFrom(p, actorOf(req), req.query),
  });

  // ——— votes ———
  app.get('/votes', {
    schema: {
      tags,
      summary: 'Votes and ratings the user runs or votes in',
      response: { 200: z.object({ items: z.array(VoteSummary) }) },
    },
    handler: (req) => votes.listVotes(p, actorOf(req)),
  });
  app.post('/votes', {
    schema: {
      tags,
      summary: 'Set up a vote (or a year-end rating): rules and candidates',
      body: VoteInput,
      response: { 201: VoteView },
    },
    handler: async (req, reply) => {
      const id = await votes.createVote(p, contextOf(req), actorOf(req), req.body);
      return reply.status(201).send(await votes.getVote(p, actorOf(req), id));
    },
  });
  app.get('/votes/:id', {
    schema: {
      tags,
      summary: 'One vote: rules, candidates, attendance counts, the result',
      params: IdParams,
      response: { 200: VoteView },
    },
    handler: (req) => votes.getVote(p, actorOf(req), req.params.id),
  });
  for (const [step, fn, summary] of [
    ['open', votes.openVote, 'Open the vote (fixes the electorate, tells the deputies)'],
    ['close', votes.closeVote, 'Close electronic voting (ballots reshuffled)'],
    ['publish', votes.publishVote, 'Announce and publish the result (the presidium)'],
  ] as const)
    app.post(`/votes/:id/${step}`, {
      schema: { tags, summary, params: IdParams, response: { 200: VoteView } },
      handler: async (req) => {
        await fn(p, contextOf(req), actorOf(req), req.params.id);
        return votes.getVote(p, actorOf(req), req.params.id);
      },
    });
  app.get('/votes/:id/voters', {
    schema: {
      tags,
      summary: 'Attendance: who voted and how (never what)',
      params: IdParams,
      response: { 200: z.object({ items: z.array(VoterRow) }) },
    },
    handler: (req) => votes.votersOf(p, actorOf(req), req.params.id),
  });
  app.post('/votes/:id/ballot', {
    schema: {
      tags,
      summary: "The deputy's secret ballot; answers the receipt code once",
      params: IdParams,
      body: BallotInput,
      response: { 201: Receipt },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(await ballots.castBallot(p, contextOf(req), actorOf(req), req.params.id, req.body.choices)),
  });
  app.post('/votes/:id/paper/issue', {
    schema: {
      tags,
      summary: 'Paper ballots handed to deputies',
      params: IdParams,
      body: PaperIssueInput,
      response: { 200: Ok },
    },
    handler: async (req) => {
      await ballots.issuePaper(p, contextOf(req), actorOf(req), req.params.id, req.body.deputyIds);
      return { ok: true as const };
    },
  });
  app.post('/votes/:id/paper/entries', {
    schema: {
      tags,
      summary: 'One paper ballot typed in (twice, by two officers)',
      params: IdParams,
      body: PaperEntryInput,
      response: { 200: z.object({ state: z.enum(['first', 'confirmed', 'conflict']) }) },
    },
    handler: (req) => ballots.enterPaper(p, contextOf(req), actorOf(req), req.params.id, req.body),
  });
  app.post('/votes/:id/paper/reconcile', {
    schema: {
      tags,
      summary: 'Reconcile: issued = returned + spoiled',
      params: IdParams,
      body: ReconcileInput,
      response: { 200: VoteView },
    },
    handler: async (req) => {
      await ballots.reconcilePaper(p, contextOf(req), actorOf(req), req.params.id, req.body);
      return votes.getVote(p, actorOf(req), req.params.id);
    },
  });
  app.get('/votes/:id/ballots', {
    schema: { tags, summary: 'The published anonymous ballots', params: IdParams, response: { 200: PublishedBallots } },
    handler: (req) => ballots.publishedBallots(p.db, req.params.id),
  });

  app.post('/votes/:id/paper/totals', {
    schema: {
      tags,
      summary: 'Paper ballots counted as totals (totals mode): checked against the ballots, reconciles',
      params: IdParams,
      body: PaperTotalsInput,
      response: { 200: VoteView },
    },
    handler: async (req) => {
      await ballots.enterPaperTotals(p, contextOf(req), actorOf(req), req.params.id, req.body);
      return votes.getVote(p, actorOf(req), req.params.id);
    },
  });
  app.post('/votes/:id/comments/open', {
    schema: {
      tags,
      summary: "Open (or extend) the portal's public comment period on the candidates",
      params: IdParams,
      body: CommentPeriodInput,
      response: { 200: VoteView },
    },
    handler: async (req) => {
      await comments.openComments(p, contextOf(req), actorOf(req), req.params.id, req.body.until);
      return votes.getVote(p, actorOf(req), req.params.id);
    },
  });
  app.get('/votes/:id/comments', {
    schema: {
      tags,
      summary: 'The public comments and support on the candidates (personal data masked)',
      params: IdParams,
      response: { 200: StaffComments },
    },
    handler: (req) => comments.commentsOf(p, actorOf(req), req.params.id),
  });
  app.post('/votes/:id/comments/:commentId', {
    schema: {
      tags,
      summary: 'Moderate a comment: publish it on the portal or hide it',
      params: CommentParams,
      body: ModerateInput,
      response: { 200: StaffComments },
    },
    handler: async (req) => {
      const { id, commentId } = req.params;
      await comments.moderateComment(p, contextOf(req), actorOf(req), id, commentId, req.body.state);
      return comments.commentsOf(p, actorOf(req), id);
    },
  });

  // ——— one project ———
  app.get('/:id', {
    schema: { tags, summary: 'One project', params: IdParams, response: { 200: ProjectView } },
    handler: (req) => reserve.getProject(p, actorOf(req), req.params.id),
  });
  app.post('/:id/screening', {
    schema: {
      tags,
      summary: 'Record the screening (shortlist or exclude with a reason)',
      params: IdParams,
      body: ScreeningInput,
      response: { 200: ProjectView },
    },
    handler: async (req) => {
      await reserve.screenProject(p, contextOf(req), actorOf(req), req.params.id, req.body);
      return reserve.getProject(p, actorOf(req), req.params.id);
    },
  });
  app.put('/:id/plan', {
    schema: {
      tags,
      summary: 'Set the implementation plan (before it is published)',
      params: IdParams,
      body: PlanInput,
      response: { 200: ProjectView },
    },
    handler: async (req) => {
      await impl.setPlan(p, contextOf(req), actorOf(req), req.params.id, req.body);
      return reserve.getProject(p, actorOf(req), req.params.id);
    },
  });
  app.post('/:id/plan/publish', {
    schema: {
      tags,
      summary: 'Publish the plan (the project is under way)',
      params: IdParams,
      response: { 200: ProjectView },
    },
    handler: async (req) => {
      await impl.publishPlan(p, contextOf(req), actorOf(req), req.params.id);
      return reserve.getProject(p, actorOf(req), req.params.id);
    },
  });
  app.post('/:id/decisions', {
    schema: {
      tags,
      summary: 'Record a decision (change, pause, resume, terminate) with its public notice',
      params: IdParams,
      body: DecisionInput,
      response: { 200: ProjectView },
    },
    handler: async (req) => {
      await impl.recordDecision(p, contextOf(req), actorOf(req), req.params.id, req.body);
      return reserve.getProject(p, actorOf(req), req.params.id);
    },
  });
  app.post('/:id/progress', {
    schema: {
      tags,
      summary: 'Report progress (% done and a note); add the photo next',
      params: IdParams,
      body: ProgressFields,
      response: { 201: z.object({ reportId: z.number() }) },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send({ reportId: await impl.reportProgress(p, contextOf(req), actorOf(req), req.params.id, req.body) }),
  });
  app.post('/:id/progress/:reportId/photo', {
    schema: {
      tags,
      summary: 'The photo of a progress report (multipart field "file"; EXIF removed)',
      consumes: ['multipart/form-data'],
      params: ReportParams,
      response: { 200: ProjectView },
    },
    handler: async (req) => {
      await impl.addProgressPhoto(
        p,
        contextOf(req),
        actorOf(req),
        req.params.id,
        req.params.reportId,
        await uploadedFile(req, PHOTO_MAX_BYTES),
      );
      return reserve.getProject(p, actorOf(req), req.params.id);
    },
  });
  app.get('/:id/progress/:reportId/photo', {
    schema: { tags, summary: 'The photo of a progress report', params: ReportParams },
    handler: async (req, reply) =>
      sendFile(reply, await impl.progressPhoto(p, actorOf(req), req.params.id, req.params.reportId)),
  });
  app.put('/:id/supervisors', {
    schema: {
      tags,
      summary: 'Set the supervision group (督查组) of deputies',
      params: IdParams,
      body: SupervisorsInput,
      response: { 200: ProjectView },
    },
    handler: async (req) => {
      await supervision.setSupervisors(p, contextOf(req), actorOf(req), req.params.id, req.body.deputyIds);
      return reserve.getProject(p, actorOf(req), req.params.id);
    },
  });
  app.post('/:id/inspections', {
    schema: {
      tags,
      summary: "Record an inspection by the group (findings); credits the deputies' duty records",
      params: IdParams,
      body: InspectionInput,
      response: { 201: z.object({ inspectionId: z.number() }) },
    },
    handler: async (req, reply) =>
      reply.status(201).send({
        inspectionId: await supervision.recordInspection(p, contextOf(req), actorOf(req), req.params.id, req.body),
      }),
  });
  app.post('/:id/inspections/:inspectionId/photo', {
    schema: {
      tags,
      summary: 'The photo of an inspection (multipart field "file"; EXIF removed)',
      consumes: ['multipart/form-data'],
      params: InspectionParams,
      response: { 200: ProjectView },
    },
    handler: async (req) => {
      const { id, inspectionId } = req.params;
      const bytes = await uploadedFile(req, PHOTO_MAX_BYTES);
      await supervision.addInspectionPhoto(p, contextOf(req), actorOf(req), id, inspectionId, bytes);
      return reserve.getProject(p, actorOf(req), id);
    },
  });
  app.get('/:id/inspections/:inspectionId/photo', {
    schema: { tags, summary: 'The photo of an inspection', params: InspectionParams },
    handler: async (req, reply) =>
      sendFile(reply, await supervision.inspectionPhoto(p, actorOf(req), req.params.id, req.params.inspectionId)),
  });
  app.put('/:id/milestones/:milestoneId', {
    schema: {
      tags,
      summary: 'Mark a milestone done',
      params: z.object({ id: IdParam, milestoneId: IdParam }),
      body: z.object({
        doneOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD|Expected YYYY-MM-DD'),
      }),
      response: { 200: ProjectView },
    },
    handler: async (req) => {
      await impl.completeMilestone(
        p,
        contextOf(req),
        actorOf(req),
        req.params.id,
        req.params.milestoneId,
        req.body.doneOn,
      );
      return reserve.getProject(p, actorOf(req), req.params.id);
    },
  });
};

/** The portal: the year's projects, published results, published ballots, receipt checks, photos. */
export const publicProjectRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform: p }) => {
  const tags = ['portal'];
  const config = { auth: 'public' as const };
  app.get('/', {
    config,
    schema: {
      tags,
      summary: "This year's livelihood projects, published results, past years' ratings",
      querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
      response: { 200: PublicProjects },
    },
    handler: (req) => publicProjects(p, req.query.year),
  });
  app.get('/votes/:id/ballots', {
    config,
    schema: {
      tags,
      summary: 'The published anonymous ballots of a vote (recompute the tally)',
      params: IdParams,
      response: { 200: PublishedBallots },
    },
    handler: (req) => ballots.publishedBallots(p.db, req.params.id),
  });
  app.post('/receipts', {
    config,
    schema: {
      tags,
      summary: 'A voter checks their ballot by its receipt code',
      body: ReceiptCheckRequest,
      response: { 200: ReceiptCheck },
    },
    handler: (req) => ballots.checkReceipt(p, contextOf(req), req.body.code),
  });
  app.get('/consultations', {
    config,
    schema: {
      tags,
      summary: 'Votes whose candidates are open for public comment, with support counts and published comments',
      response: { 200: Consultations },
    },
    handler: () => comments.consultations(p),
  });
  app.post('/consultations/:id/comments', {
    config,
    schema: {
      tags,
      summary: 'Support or comment on a candidate (moderated before it is shown; rate-limited)',
      params: IdParams,
      body: PublicCommentInput,
      response: { 201: Ok },
    },
    handler: async (req, reply) => {
      await comments.addComment(p, contextOf(req), req.params.id, req.body);
      return reply.status(201).send({ ok: true as const });
    },
  });
  app.post('/for-opinion', {
    config,
    schema: {
      tags,
      summary: "The projects an opinion led to, by the opinion's receipt code (+ last 4 digits of the phone)",
      body: FollowRequest,
      response: { 200: OpinionProjects },
    },
    handler: (req) => links.projectsForReceipt(p, contextOf(req), req.body),
  });
  app.get('/:id/inspections/:inspectionId/photo', {
    config,
    schema: { tags, summary: 'A published inspection photo', params: InspectionParams },
    handler: async (req, reply) =>
      sendFile(reply, await supervision.inspectionPhoto(p, null, req.params.id, req.params.inspectionId)),
  });
  app.get('/:id/progress/:reportId/photo', {
    config,
    schema: { tags, summary: 'A published progress photo', params: ReportParams },
    handler: async (req, reply) =>
      sendFile(reply, await impl.progressPhoto(p, null, req.params.id, req.params.reportId)),
  });
};
