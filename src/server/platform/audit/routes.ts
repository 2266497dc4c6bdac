import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditQuery, AuditRow, AuditVerifyResult } from '../../../contracts/audit.js';
import { Page } from '../../../contracts/common.js';
import { inTransaction } from '../../db/database.js';
import { authorize } from '../access/policy.js';
import type { Platform } from '../context.js';
import { cursorId, keysetPage, likeText } from '../http/paging.js';
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
      let query = p.db.selectFrom('audit_log').selectAll();
      if (q.actor) query = query.where('actor_name', '=', q.actor.toLowerCase());
      if (q.action)
        query = q.action.endsWith('.')
          ? query.where('action', 'like', `${likeText(q.action)}%`)
          : query.where('action', '=', q.action);
      if (q.subjectType) query = query.where('subject_type', '=', q.subjectType);
      if (q.subjectId) query = query.where('subject_id', '=', q.subjectId);
      if (q.from) query = query.where('at', '>=', new Date(q.from));
      if (q.to) query = query.where('at', '<', new Date(q.to));
      const before = cursorId(q.cursor);
      if (before) query = query.where('id', '<', before);
      const page = keysetPage(
        await query
          .orderBy('id', 'desc')
          .limit(q.limit + 1)
          .execute(),
        q.limit,
      );
      // Reading the trail is itself on the trail.
      await inTransaction(p.db, (trx) =>
        p.audit.record(trx, contextOf(req), { action: 'audit.search', summary: { ...q, limit: undefined } }),
      );
      return {
        items: page.items.map((r) => ({
          id: r.id,
          at: r.at.toISOString(),
          actorId: r.actor_id,
          actorName: r.actor_name,
          action: r.action,
          subjectType: r.subject_type,
          subjectId: r.subject_id,
          summary: r.summary,
          ip: r.ip,
          userAgent: r.user_agent,
          requestId: r.request_id,
        })),
        nextCursor: page.nextCursor,
      };
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
