import fp from 'fastify-plugin';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { inTransaction } from '../../db/database.js';
import { CSRF_COOKIE, SESSION_COOKIE, loadSession } from '../auth/sessions.js';
import type { Platform } from '../context.js';
import { safeEqual } from '../crypto/keys.js';
import { AppError, errorBody, pickLang, type FieldIssue } from '../errors/errors.js';
import { describeIssue } from '../errors/zod-messages.js';
import { contextOf } from './request-context.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The request pipeline every API route passes: language → session → CSRF → auth level;
 * and the one place where any error becomes the single JSON error shape.
 */
export const pipeline = fp(async (app: FastifyInstance, opts: { platform: Platform }) => {
  const p = opts.platform;
  app.decorateRequest('session', null);
  app.decorateRequest('sessionExpired', false);
  app.decorateRequest('lang', 'zh-CN');

  app.addHook('onRequest', async (req, reply) => {
    req.lang = pickLang(req.headers['accept-language']);
    reply.header('x-request-id', req.id);
    if (!req.url.startsWith('/api/')) return;
    reply.header('cache-control', 'no-store');

    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const found = await loadSession(p.db, token, p.config.session);
      if (found.status === 'ok') req.session = found.session;
      else if (found.status === 'expired') {
        req.sessionExpired = true;
        if (found.reason !== 'revoked') {
          await inTransaction(p.db, (trx) =>
            p.audit.record(
              trx,
              { ...contextOf(req), actor: null },
              {
                action: 'auth.session.expired',
                subjectType: 'user',
                subjectId: found.userId,
                summary: { reason: found.reason },
              },
            ),
          );
        }
      }
    }

    if (UNSAFE.has(req.method)) {
      const header = req.headers['x-csrf-token'];
      const cookie = req.cookies[CSRF_COOKIE];
      const expected = req.session?.csrfToken ?? cookie;
      if (
        typeof header !== 'string' ||
        !cookie ||
        !expected ||
        !safeEqual(header, cookie) ||
        !safeEqual(header, expected)
      ) {
        await inTransaction(p.db, (trx) =>
          p.audit.record(trx, contextOf(req), {
            action: 'security.csrfRejected',
            summary: { method: req.method, url: req.routeOptions.url ?? req.url },
          }),
        );
        throw new AppError('CSRF_REJECTED');
      }
    }

    const level = req.routeOptions.config.auth ?? 'signedIn';
    if (level === 'public') return;
    if (!req.session) throw new AppError(req.sessionExpired ? 'SESSION_EXPIRED' : 'NOT_AUTHENTICATED');
    if (level === 'signedIn') {
      if (req.session.mfaPending) throw new AppError('MFA_REQUIRED');
      if (req.session.mustChangePassword) throw new AppError('PASSWORD_CHANGE_REQUIRED');
    }
  });

  app.setNotFoundHandler((req, reply) => {
    void reply.status(404).send(errorBody(new AppError('ROUTE_NOT_FOUND'), req.lang, String(req.id)));
  });

  app.setErrorHandler((error: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const appError = toAppError(error);
    if (appError.code === 'INTERNAL') req.log.error({ err: error }, 'unhandled error');
    else if (isResponseSerializationError(error)) req.log.error({ err: error }, 'response failed its schema');
    void reply.status(appError.status).send(errorBody(appError, req.lang, String(req.id)));
  });
});

function toAppError(error: FastifyError): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext === 'querystring' ? 'query' : (error.validationContext ?? 'body');
    const fields: FieldIssue[] = error.validation.map((v) => {
      const rel = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
      return describeIssue(rel ? `${where}.${rel}` : where, { code: v.keyword, message: v.message, ...v.params });
    });
    return new AppError('VALIDATION_FAILED', { fields });
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('INVALID_JSON');
    case 'FST_ERR_RATE_LIMIT_EXCEEDED':
      return new AppError('RATE_LIMITED');
  }
  if (error instanceof SyntaxError || (error.statusCode === 400 && /JSON/i.test(error.message)))
    return new AppError('INVALID_JSON');
  if (error.statusCode === 404) return new AppError('ROUTE_NOT_FOUND');
  if (error.statusCode === 405) return new AppError('METHOD_NOT_ALLOWED');
  if (error.statusCode === 503) return new AppError('SERVICE_UNAVAILABLE');
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new AppError('VALIDATION_FAILED', {
      fields: [{ path: 'request', zh: '请求格式不正确', en: 'Malformed request' }],
    });
  }
  return new AppError('INTERNAL');
}
