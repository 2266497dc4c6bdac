import crypto from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { inTransaction } from '../../db/database.js';
import { CSRF_COOKIE, SESSION_COOKIE, loadSession } from '../auth/sessions.js';
import type { Platform } from '../context.js';
import { safeEqual } from '../crypto/keys.js';
import { AppError, errorBody, invalid, pickLang, type FieldIssue } from '../errors/errors.js';
import { describeIssue } from '../errors/zod-messages.js';
import { fromDatabaseError } from './db-errors.js';
import { hit } from './rate-limit.js';
import { contextOf } from './request-context.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Where sessions, accounts, roles and organisation paths are changed. */
const AUTH_CHANGING = ['/api/auth/', '/api/users', '/api/orgs'];

/**
 * The request pipeline every API route passes: language → session → CSRF → auth level;
 * and the one place where any error becomes the single JSON error shape.
 */
export const pipeline = fp(async (app: FastifyInstance, opts: { platform: Platform }) => {
  const p = opts.platform;
  app.decorateRequest('session', null);
  app.decorateRequest('sessionExpired', false);
  app.decorateRequest('lang', 'zh-CN');

  // The session cache follows the database by LISTEN; it runs while the server does.
  const cache = p.sessionCache;
  if (cache) {
    app.addHook('onReady', () => cache.start(app.log));
    app.addHook('onClose', () => cache.stop());
    // Changes made through this process are in force for its very next request: the database's
    // own message about them may arrive a moment after the answer.
    app.addHook('onSend', (req, _reply, payload, done) => {
      if (UNSAFE.has(req.method) && AUTH_CHANGING.some((prefix) => req.url.startsWith(prefix))) cache.drop();
      done(null, payload);
    });
  }

  // Anonymous requests in progress per client address (this process); a slot is given back
  // when the answer is sent or the client goes away, whichever comes first.
  const inProgress = new Map<string, number>();
  const holdSlot = (ip: string, reply: FastifyReply) => {
    const held = inProgress.get(ip) ?? 0;
    if (held >= p.config.portal.publicConcurrent) throw new AppError('RATE_LIMITED', { retryAfterSeconds: 1 });
    inProgress.set(ip, held + 1);
    reply.raw.once('close', () => {
      const left = (inProgress.get(ip) ?? 1) - 1;
      if (left > 0) inProgress.set(ip, left);
      else inProgress.delete(ip);
    });
  };

  app.addHook('onRequest', async (req, reply) => {
    req.lang = pickLang(req.headers['accept-language']);
    reply.header('x-request-id', req.id);
    if (!req.url.startsWith('/api/')) return;
    reply.header('cache-control', 'no-store');

    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const found = await loadSession(p.db, token, p.config.session, p.sessionCache);
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
        // Audited for sessions only: anonymous refusals would let anyone grow the trail at will.
        if (req.session)
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
    if (level === 'public') {
      // Every anonymous route shares one limit per client address, counted in the database so
      // that all processes and nodes see the same count (the routes add their own on top).
      // Before it, a bound on what one address has in progress at once (slow uploads, held
      // connections): checked in memory, so a flood costs the database nothing.
      if (!req.session && req.ip) {
        holdSlot(req.ip, reply);
        if (req.routeOptions.config.anonymousLimit === false) return;
        await hit(p.db, [
          {
            key: `anon:${crypto.createHmac('sha256', p.keys.fields).update(req.ip).digest('base64url').slice(0, 24)}`,
            max: p.config.portal.publicPerMinute,
            windowSeconds: 60,
          },
        ]);
      }
      return;
    }
    if (!req.session) throw new AppError(req.sessionExpired ? 'SESSION_EXPIRED' : 'NOT_AUTHENTICATED');
    if (level === 'signedIn') {
      if (req.session.mfaPending) throw new AppError('MFA_REQUIRED');
      if (req.session.mustChangePassword) throw new AppError('PASSWORD_CHANGE_REQUIRED');
    }
  });

  // NUL and other control or bidi-override characters have no place in any field: PostgreSQL
  // refuses NUL, and direction overrides make names in lists and the audit trail lie. Unpaired
  // UTF-16 surrogates cannot be stored either; nesting and size are bounded (checked without
  // recursion, so no depth can overflow the stack).
  app.addHook('preValidation', async (req) => {
    const bad = checkInput(req.query, 'query') ?? checkInput(req.params, 'params') ?? checkInput(req.body, 'body');
    if (bad) throw invalid(bad);
  });

  // Refused attempts to change something are security events too.
  app.addHook('onError', async (req, _reply, error) => {
    if (!req.session || !UNSAFE.has(req.method) || !(error instanceof AppError)) return;
    if (!['FORBIDDEN', 'NOT_FOUND', 'SEPARATION_OF_DUTIES', 'SELF_GRANT_FORBIDDEN'].includes(error.code)) return;
    await inTransaction(p.db, (trx) =>
      p.audit.record(trx, contextOf(req), {
        action: 'security.refused',
        summary: {
          code: error.code,
          method: req.method,
          route: req.routeOptions.url ?? null,
          params: req.params as object,
        },
      }),
    );
  });

  app.setNotFoundHandler((req, reply) => {
    void reply.status(404).send(errorBody(new AppError('ROUTE_NOT_FOUND'), req.lang, String(req.id)));
  });

  // A database outage is logged once when it starts and once when it ends, not on every request.
  let outage = false;
  app.addHook('onResponse', async (req, reply) => {
    if (outage && reply.statusCode < 500 && req.url.startsWith('/api/')) {
      outage = false;
      req.log.info('database reachable again');
    }
  });

  app.setErrorHandler((error: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const appError = toAppError(error);
    const wait = (appError.details as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    if (typeof wait === 'number') void reply.header('retry-after', String(wait));
    if (appError.code === 'DATABASE_UNAVAILABLE') {
      void reply.header('retry-after', '5');
      if (!outage) req.log.warn({ err: error }, 'database unavailable: answering 503 until it is back');
      outage = true;
    } else if (appError.code === 'INTERNAL') req.log.error({ err: error }, 'unhandled error');
    else if (isResponseSerializationError(error)) req.log.error({ err: error }, 'response failed its schema');
    void reply.status(appError.status).send(errorBody(appError, req.lang, String(req.id)));
  });
});

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** No form or API of ours nests deeper than a few levels or sends more values than this. */
export const MAX_DEPTH = 32;
export const MAX_VALUES = 20_000;

/**
 * The first problem in a request part, walked breadth-first with an explicit queue: a string with
 * a control character or an unpaired surrogate, nesting deeper than MAX_DEPTH, more than MAX_VALUES values.
 */
export function checkInput(root: unknown, rootPath: string): FieldIssue | null {
  const queue: [unknown, string, number][] = [[root, rootPath, 0]];
  for (let i = 0; i < queue.length; i++) {
    const [value, path, depth] = queue[i]!;
    if (typeof value === 'string') {
      if (CONTROL.test(value)) return { path, zh: '含有不允许的控制字符', en: 'Contains control characters' };
      if (LONE_SURROGATE.test(value))
        return { path, zh: '含有无效的字符编码', en: 'Contains an invalid character (unpaired surrogate)' };
      continue;
    }
    if (!value || typeof value !== 'object' || Buffer.isBuffer(value)) continue;
    if (depth >= MAX_DEPTH) return { path, zh: '嵌套层次过深', en: 'Nested too deeply' };
    const entries = Array.isArray(value) ? value.entries() : Object.entries(value);
    for (const [k, v] of entries) {
      if (queue.length >= MAX_VALUES) return { path: rootPath, zh: '提交的数据项过多', en: 'Too many values' };
      if (typeof k === 'string' && (CONTROL.test(k) || LONE_SURROGATE.test(k)))
        return { path, zh: '字段名含有无效字符', en: 'A key holds invalid characters' };
      queue.push([v, `${path}.${k}`, depth + 1]);
    }
  }
  return null;
}

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
  return fromDatabaseError(error) ?? new AppError('INTERNAL');
}
