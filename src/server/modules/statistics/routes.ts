import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ChartExportQuery,
  Dashboard,
  DashboardQuery,
  DrillPage,
  DrillQuery,
  ReportQuery,
  Signals,
  StatCompliance,
  TopicOrigin,
  TopicProjectInput,
  TopicSuggestionInput,
  Topics,
  WorkDrillPage,
  WorkDrillQuery,
  WorkStats,
} from '../../../contracts/statistics.js';
import { readDb, type Platform } from '../../platform/context.js';
import { sendTable } from '../../platform/files/table-routes.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import { dashboard } from './dashboard.js';
import { drill } from './drill.js';
import { statCompliance } from './compliance.js';
import { chartTable, csvOf, dashboardTable } from './export.js';
import { reportHtml, reportTable, yearReport } from './report.js';
import { periodsOf, resolveScope } from './scope.js';
import { topicOrigin, topicToProject, topicToSuggestion } from './topic-actions.js';
import { workDrill, workStats } from './work.js';
import { signals } from './signals.js';
import { hotTopics } from './topics.js';

/** Statistics read from the rollups: the dashboard, the opinions behind a figure, the export. */
export const statisticsRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform: p }) => {
  const tags = ['statistics'];
  app.get('/dashboard', {
    schema: {
      tags,
      summary: 'Figures, rates and rankings of your scope, compared with the previous period and last year',
      querystring: DashboardQuery,
      response: { 200: Dashboard },
    },
    handler: (req) => dashboard(p, actorOf(req), req.query, req.lang),
  });
  app.get('/dashboard.xlsx', {
    schema: { tags, summary: 'The dashboard as .xlsx', querystring: DashboardQuery },
    handler: async (req, reply) => {
      const d = await dashboard(p, actorOf(req), req.query, req.lang);
      return sendTable(reply, `statistics-${d.period.from}-${d.period.to}.xlsx`, dashboardTable(d, req.lang));
    },
  });
  app.get('/opinions', {
    schema: {
      tags,
      summary: 'The opinions behind one figure (a rate: its denominator, numerator or the missed ones)',
      querystring: DrillQuery,
      response: { 200: DrillPage },
    },
    handler: (req) => drill(p, actorOf(req), req.query),
  });
  app.get('/topics', {
    schema: {
      tags,
      summary: 'Hot topics: keywords (TF-IDF over the period) and clusters of similar opinions across stations',
      querystring: DashboardQuery,
      response: { 200: Topics },
    },
    handler: (req) => hotTopics(p, actorOf(req), req.query),
  });
  app.get('/signals', {
    schema: {
      tags,
      summary: 'Warnings: bouncing returns, answers too fast, repeated answers, unchanged after a dissatisfied rating',
      querystring: DashboardQuery,
      response: { 200: Signals },
    },
    handler: (req) => signals(p, actorOf(req), req.query, req.lang),
  });
  app.get('/work', {
    schema: {
      tags,
      summary:
        'Deputies’ suggestions (by state, unit, on-time answers, satisfaction) and livelihood projects (by state, year-end rating)',
      querystring: DashboardQuery,
      response: { 200: WorkStats },
    },
    handler: async (req) => {
      const s = await resolveScope(readDb(p), actorOf(req), req.query.orgId);
      return workStats(readDb(p), s, periodsOf(req.query));
    },
  });
  app.get('/work/items', {
    schema: {
      tags,
      summary: 'The suggestions or projects behind one figure',
      querystring: WorkDrillQuery,
      response: { 200: WorkDrillPage },
    },
    handler: (req) => workDrill(p, actorOf(req), req.query),
  });
  app.get('/compliance', {
    schema: {
      tags,
      summary: 'Every rule of the documents for a district, street or station: rate, breaches listed',
      querystring: DashboardQuery,
      response: { 200: StatCompliance },
    },
    handler: (req) => statCompliance(p, actorOf(req), req.query, req.lang),
  });
  app.get('/chart', {
    schema: { tags, summary: 'The data behind one chart or table, as .xlsx or CSV', querystring: ChartExportQuery },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      const [d, s] = await Promise.all([
        dashboard(p, actor, req.query, req.lang),
        resolveScope(readDb(p), actor, req.query.orgId),
      ]);
      const work = await workStats(readDb(p), s, periodsOf(req.query));
      const rows = chartTable(d, work, req.query.part, req.lang);
      const name = `statistics-${req.query.part}-${d.period.from}-${d.period.to}`;
      if (req.query.format === 'xlsx') return sendTable(reply, `${name}.xlsx`, rows);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}.csv"`)
        .send(csvOf(rows));
    },
  });
  app.get('/report.html', {
    schema: { tags, summary: 'The yearly report, a print-friendly page', querystring: ReportQuery },
    handler: async (req, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send(reportHtml(await yearReport(p, actorOf(req), req.query, req.lang), req.lang)),
  });
  app.get('/report.xlsx', {
    schema: { tags, summary: 'The yearly report as .xlsx', querystring: ReportQuery },
    handler: async (req, reply) => {
      const r = await yearReport(p, actorOf(req), req.query, req.lang);
      return sendTable(reply, `report-${r.year}.xlsx`, reportTable(r, req.lang));
    },
  });
  app.post('/topics/project', {
    schema: {
      tags,
      summary: 'Propose a hot-topic cluster as a livelihood-project candidate (the link is kept)',
      body: TopicProjectInput,
      response: { 200: z.object({ projectId: z.number(), linkId: z.number() }) },
    },
    handler: (req) => topicToProject(p, contextOf(req), actorOf(req), req.body),
  });
  app.post('/topics/suggestion', {
    schema: {
      tags,
      summary: 'Draft a deputy’s suggestion from a hot-topic cluster: its opinions linked, the link kept',
      body: TopicSuggestionInput,
      response: { 200: z.object({ suggestionId: z.number(), linkId: z.number() }) },
    },
    handler: (req) => topicToSuggestion(p, contextOf(req), actorOf(req), req.body),
  });
  app.get('/topics/origin', {
    schema: {
      tags,
      summary: 'The hot topic a suggestion was drafted from (to whoever may read the suggestion)',
      querystring: z.object({ suggestionId: z.coerce.number().int().positive() }),
      response: { 200: TopicOrigin },
    },
    handler: (req) => topicOrigin(p, actorOf(req), req.query.suggestionId),
  });
};
