import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditQuery, AuditRow, AuditVerifyResult } from '../../../contracts/audit.js';
import { Page } from '../../../contracts/common.js';
import { inTransaction } from '../../db/database.js';
import { authorize } from '../access/policy.js';
import type { Platform } from '../context.js';
import { searchAudit } from './search.js';
import { actorOf, contextOf } from '../http/request-context.js';

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

  app.post('/verify', {
    schema: {
      tags: ['audit'],
      summary: 'Verify the HMAC chain of the whole trail',
      response: { 200: AuditVerifyResult },
    },
    handler: async (req) => {
      authorize(actorOf(req), 'audit.read');
      const result = await p.audit.verify(p.db);
      await inTransaction(p.db, (trx) =>
        p.audit.record(trx, contextOf(req), { action: 'audit.verify', summary: result }),
      );
      return result;
    },
  });
};
