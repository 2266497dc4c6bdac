import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Dashboard, DashboardQuery, DrillPage, DrillQuery, Signals, Topics } from '../../../contracts/statistics.js';
import type { Platform } from '../../platform/context.js';
import { sendTable } from '../../platform/files/table-routes.js';
import { actorOf } from '../../platform/http/request-context.js';
import { dashboard } from './dashboard.js';
import { drill } from './drill.js';
import { dashboardTable } from './export.js';
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
};
