import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pendingMigrations } from './db/database.js';
import { loggerOptions } from './logger.js';
import type { Metrics } from './metrics.js';
import { modules } from './modules/index.js';
import { auditRoutes } from './platform/audit/routes.js';
import { authRoutes } from './platform/auth/routes.js';
import { calendarRoutes } from './platform/calendar/routes.js';
import type { Platform } from './platform/context.js';
import { pipeline } from './platform/http/pipeline.js';
import { securityHeadersPlugin } from './platform/http/security-headers.js';
import { notifyRoutes, otpRoutes, stopRoutes } from './platform/notify/routes.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Where the built console lives (`vite build`), next to the compiled or the source server. */
export function consoleDir(): string {
  const here = path.dirname(new URL(import.meta.url).pathname);
  return path.resolve(here, '../../dist/console');
}

/** Builds the HTTP application: platform pipeline, module routes, OpenAPI, the console. */
export async function buildApp(
  p: Platform,
  opts: { logger?: boolean; metrics?: Metrics } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger === false ? false : loggerOptions(p.config),
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : crypto.randomUUID();
    },
    bodyLimit: p.config.bodyLimitBytes,
    trustProxy: p.config.trustProxy,
    // Idle and slow connections are closed: a socket silent for 2 minutes, a request not received
    // whole within 2 minutes (a photo upload over a weak phone line fits), keep-alive 10 s.
    connectionTimeout: 120_000,
    requestTimeout: 120_000,
    keepAliveTimeout: 10_000,
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();
  // Headers must arrive within 20 s (slowloris); Node's default is a minute.
  app.server.headersTimeout = 20_000;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(cookie);
  await app.register(securityHeadersPlugin, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design writes its styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: p.config.env === 'production',
  });
  await app.register(pipeline, { platform: p });
  // Request rates and latencies by route pattern (when metrics are on: LIAISON_METRICS_PORT).
  opts.metrics?.instrument(app);
  // Uploads (photos): one file per request; each route sets its own size limit.
  await app.register(multipart, { limits: { files: 1, fields: 5, parts: 6, fileSize: 10 * 1024 * 1024 } });

  if (p.config.docs) {
    await app.register(swagger, {
      openapi: {
        info: { title: 'Liaison API 代表联络站履职服务平台', version: '0.1.0' },
        components: {
          securitySchemes: {
            session: { type: 'apiKey', in: 'cookie', name: 'liaison_sid' },
            csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
          },
        },
      },
      transform: jsonSchemaTransform,
    });
    await app.register(async (docs) => {
      // The docs UI is public (and off in production); its assets are served from here, no CDN.
      docs.addHook('onRoute', (route) => {
        route.config = { ...(route.config as object), auth: 'public' };
      });
      await docs.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true, uiConfig: { validatorUrl: null } });
    });
    app.get('/api/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () => app.swagger());
  }

  app.get('/api/health', {
    // Liveness: answered by the process alone, never a database statement (not even the count).
    config: { auth: 'public', anonymousLimit: false },
    schema: { tags: ['ops'], summary: 'Liveness', response: { 200: z.object({ status: z.literal('ok') }) } },
    handler: async () => ({ status: 'ok' as const }),
  });
  app.get('/api/ready', {
    config: { auth: 'public' },
    schema: {
      tags: ['ops'],
      summary: 'Readiness: database reachable and migrations current',
      response: {
        200: z.object({ status: z.literal('ready') }),
        503: z.object({ status: z.literal('unready'), reason: z.string() }),
      },
    },
    handler: async (_req, reply) => {
      try {
        const pending = await pendingMigrations(p.db);
        if (pending.length) return reply.status(503).send({ status: 'unready' as const, reason: 'migrations pending' });
        return { status: 'ready' as const };
      } catch {
        return reply.status(503).send({ status: 'unready' as const, reason: 'database unreachable' });
      }
    },
  });

  // The platform's own routes, then every module's (the list in modules/index.ts).
  await app.register(authRoutes, { prefix: '/api/auth', platform: p });
  await app.register(auditRoutes, { prefix: '/api/audit', platform: p });
  await app.register(calendarRoutes, { prefix: '/api/calendar', platform: p });
  await app.register(notifyRoutes, { prefix: '/api/notify', platform: p });
  await app.register(otpRoutes, { prefix: '/api/otp', platform: p });
  await app.register(stopRoutes, { prefix: '/u', platform: p });
  for (const m of modules)
    for (const r of [...(m.routes ?? []), ...(m.publicRoutes ?? [])])
      await app.register(r.plugin, { ...(r.prefix ? { prefix: r.prefix } : {}), platform: p });

  await registerConsole(app);
  await registerPortal(app);
  return app;
}

/** Where the built public portal lives (`npm run build:portal`). */
export function portalDir(): string {
  return path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../dist/portal');
}

/** The public portal at `/` (SPA: its own pages get index.html); absent until built. */
async function registerPortal(app: FastifyInstance) {
  const dir = portalDir();
  const index = path.join(dir, 'index.html');
  if (!fs.existsSync(index)) return;
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    index: false,
    wildcard: false,
    decorateReply: false,
    maxAge: '1h',
    // .br / .gz written beside the assets by the build (scripts/compress.mjs).
    preCompressed: true,
  });
  const html = fs.readFileSync(index);
  const sendIndex = (_req: unknown, reply: FastifyReply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
  for (const route of [
    '/',
    '/new',
    '/receipt',
    '/follow',
    '/f/*',
    '/privacy',
    '/find',
    '/stats',
    '/appointments/cancel',
    '/s/*',
    '/d/*',
    '/reports',
    '/reports/*',
    '/projects',
    '/suggestions',
    '/rate',
  ])
    app.get(route, { schema: { hide: true } }, sendIndex);
}

/** The built console at /console/ (SPA: unknown paths get index.html); `/` leads there until the portal exists. */
async function registerConsole(app: FastifyInstance) {
  const dir = consoleDir();
  const index = path.join(dir, 'index.html');
  if (!fs.existsSync(path.join(portalDir(), 'index.html')))
    app.get('/', { schema: { hide: true } }, (_req, reply) => reply.redirect('/console/'));
  if (!fs.existsSync(index)) {
    app.get('/console/*', { schema: { hide: true } }, (_req, reply) =>
      reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('控制台尚未构建：请运行 npm run build:console\nThe console is not built: run npm run build:console\n'),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/console/',
    // index.html comes from the route below, never cached (it names the hashed assets of this
    // build); with pre-compressed variants the plugin's own index would look for index.html.br.
    index: false,
    wildcard: false,
    maxAge: '1h',
    preCompressed: true,
  });
  const html = fs.readFileSync(index);
  const sendIndex = (_req: unknown, reply: FastifyReply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
  app.get('/console', { schema: { hide: true } }, (_req, reply) => reply.redirect('/console/'));
  app.get('/console/*', { schema: { hide: true } }, sendIndex);
}
