import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AuditQuery,
  AuditRow,
  AuditVerifyQuery,
  AuditVerifyResult,
  AuditVerifyRun,
  AuditVerifyRunInput,
} from '../../../contracts/audit.js';
import { IdParams, Page } from '../../../contracts/common.js';
import { inTransaction } from '../../db/database.js';
import { authorize } from '../access/policy.js';
import type { Platform } from '../context.js';
import { auditTable, EXPORT_MAX } from './export.js';
import { searchAudit } from './search.js';
import { sendTable } from '../files/table-routes.js';
import { actorOf, contextOf } from '../http/request-context.js';
import { VerifyRunner } from './verify-runs.js';

/** The auditor's view of the trail: search, and verification of the HMAC chain. */
export const auditRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform: p }) => {
  app.get('/', {
    schema: {
      tags: ['audit'],
      summary: 'Search the audit trail',
      querystring: AuditQuery,
      response: { 200: Page(AuditRow) },
    },
    handler: async (req) => {
      authorize(actorOf(req), 'audit.read');
      const q = req.query;
      const page = await searchAudit(p.db, q);
      // Reading the trail is itself on the trail.
      await inTransaction(p.db, (trx) =>
        p.audit.record(trx, contextOf(req), { action: 'audit.search', summary: { ...q, limit: undefined } }),
      );
      return page;
    },
  });

  app.get('/export.xlsx', {
    schema: {
      tags: ['audit'],
      summary: 'The search as .xlsx for the auditor (newest first, at most 10,000 rows)',
      querystring: AuditQuery.omit({ cursor: true, limit: true }),
    },
    handler: async (req, reply) => {
      authorize(actorOf(req), 'audit.read');
      const rows: z.infer<typeof AuditRow>[] = [];
      let cursor: string | undefined;
      do {
        const page = await searchAudit(p.db, { ...req.query, limit: 100, cursor });
        rows.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor && rows.length < EXPORT_MAX);
      await inTransaction(p.db, (trx) =>
        p.audit.record(trx, contextOf(req), { action: 'audit.export', summary: { ...req.query, rows: rows.length } }),
      );
      return sendTable(reply, 'audit.xlsx', auditTable(rows.slice(0, EXPORT_MAX)));
    },
  });

  // Checks in the background: the console's button starts one and follows its progress.
  const runner = new VerifyRunner(p);
  app.addHook('onClose', () => runner.stop());

  app.post('/verify-runs', {
    schema: {
      tags: ['audit'],
      summary:
        'Start a check of the HMAC chain in the background (whole, or the rows written since a moment); ' +
        'when one is running already, that one is the answer',
      body: AuditVerifyRunInput,
      response: { 202: AuditVerifyRun },
    },
    handler: async (req, reply) => {
      authorize(actorOf(req), 'audit.read');
      const since = req.body.since ? new Date(req.body.since) : undefined;
      return reply.status(202).send(await runner.start(contextOf(req), actorOf(req), since));
    },
  });

  app.get('/verify-runs/latest', {
    schema: {
      tags: ['audit'],
      summary: 'The newest check of the chain (running or ended), or null',
      response: { 200: z.object({ run: AuditVerifyRun.nullable() }) },
    },
    handler: async (req) => {
      authorize(actorOf(req), 'audit.read');
      return { run: await runner.latest() };
    },
  });

  app.get('/verify-runs/:id', {
    schema: {
      tags: ['audit'],
      summary: 'A check of the chain: its progress, then its result',
      params: IdParams,
      response: { 200: AuditVerifyRun },
    },
    handler: async (req) => {
      authorize(actorOf(req), 'audit.read');
      return runner.get(req.params.id);
    },
  });

  app.post('/verify', {
    schema: {
      tags: ['audit'],
      summary:
        'Verify the HMAC chain of the trail (whole, or the rows written since a moment), answering when done ' +
        '(minutes for a large trail: the console uses verify-runs)',
      querystring: AuditVerifyQuery,
      response: { 200: AuditVerifyResult },
    },
    handler: async (req) => {
      authorize(actorOf(req), 'audit.read');
      const since = req.query.since ? new Date(req.query.since) : undefined;
      const result = await p.audit.verify(p.db, { since });
      await inTransaction(p.db, (trx) =>
        p.audit.record(trx, contextOf(req), {
          action: 'audit.verify',
          summary: { ...result, asked: req.query.since ?? 'all' },
        }),
      );
      return result;
    },
  });
};
