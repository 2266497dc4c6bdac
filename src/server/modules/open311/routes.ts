import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id, IdParams } from '../../../contracts/common.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import { AppError } from '../../platform/errors/errors.js';
import type { Platform } from '../../platform/context.js';
import { hit } from '../../platform/http/rate-limit.js';
import * as open311 from './service.js';
import { Open311Error } from './service.js';
import { toXml } from './xml.js';

type Format = 'json' | 'xml';

/** `name.json` / `name.xml` → [name, format]; anything else is not a resource of the spec. */
function split(file: string): [string, Format] {
  const m = /^(.+)\.(json|xml)$/.exec(file);
  if (!m) throw new Open311Error(404, 'use the .json or .xml form of the resource');
  return [m[1]!, m[2] as Format];
}

function send(reply: FastifyReply, format: Format, status: number, root: string, item: string, items: object[]) {
  if (format === 'xml')
    return reply
      .status(status)
      .type('text/xml; charset=utf-8')
      .send(toXml(root, item, items));
  return reply.status(status).type('application/json; charset=utf-8').send(JSON.stringify(items));
}

/**
 * Open311 GeoReport v2 at /open311/v2/: services, service definitions, requests (GET with the
 * standard filters; POST form-encoded with an api_key), single requests and tokens, in JSON and
 * XML; errors as the spec's array of {code, description}.
 */
export async function open311Routes(app: FastifyInstance, opts: { platform: Platform }) {
  const p = opts.platform;
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    const form: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(body as string)) form[k] = v;
    done(null, form);
  });
  app.setErrorHandler((err, req, reply) => {
    const format: Format = /\.xml(\?|$)/.test(req.url) ? 'xml' : 'json';
    let status = 500;
    let description = 'internal error';
    if (err instanceof Open311Error) [status, description] = [err.status, err.description];
    else if (err instanceof AppError) [status, description] = [err.status, err.message];
    else if ((err as { statusCode?: number }).statusCode && (err as { statusCode: number }).statusCode < 500)
      [status, description] = [(err as { statusCode: number }).statusCode, 'bad request'];
    else req.log.error({ err }, 'open311 failure');
    return send(reply, format, status, 'errors', 'error', [{ code: status, description }]);
  });
  app.setNotFoundHandler((req, reply) =>
    send(reply, /\.xml$/.test(req.url) ? 'xml' : 'json', 404, 'errors', 'error', [
      { code: 404, description: 'no such resource' },
    ]),
  );

  app.get('/services.:format', async (req: FastifyRequest<{ Params: { format: string } }>, reply) => {
    const [, format] = split(`services.${req.params.format}`);
    return send(reply, format, 200, 'services', 'service', await open311.services(p));
  });
  app.get('/services/:file', async (req: FastifyRequest<{ Params: { file: string } }>, reply) => {
    const [code, format] = split(req.params.file);
    const def = await open311.serviceDefinition(p, code);
    if (format === 'xml')
      return reply
        .type('text/xml; charset=utf-8')
        .send(
          `<?xml version="1.0" encoding="utf-8"?>\n<service_definition><service_code>${def.service_code}</service_code><attributes/></service_definition>`,
        );
    return reply.type('application/json; charset=utf-8').send(JSON.stringify(def));
  });
  app.get(
    '/requests.:format',
    async (req: FastifyRequest<{ Params: { format: string }; Querystring: Record<string, string> }>, reply) => {
      const [, format] = split(`requests.${req.params.format}`);
      return send(reply, format, 200, 'service_requests', 'request', await open311.listRequests(p, req.query));
    },
  );
  app.post(
    '/requests.:format',
    async (req: FastifyRequest<{ Params: { format: string }; Body: Record<string, unknown> }>, reply) => {
      const [, format] = split(`requests.${req.params.format}`);
      if (req.ip) await hit(p.db, [{ key: `open311:${req.ip}`, max: 600, windowSeconds: 3600 }]);
      const created = await open311.createRequest(p, (req.body ?? {}) as Record<string, unknown>);
      return send(reply, format, 201, 'service_requests', 'request', created);
    },
  );
  app.get('/requests/:file', async (req: FastifyRequest<{ Params: { file: string } }>, reply) => {
    const [id, format] = split(req.params.file);
    return send(reply, format, 200, 'service_requests', 'request', await open311.getRequest(p, id));
  });
  app.get('/tokens/:file', async (req: FastifyRequest<{ Params: { file: string } }>, reply) => {
    const [token, format] = split(req.params.file);
    return send(reply, format, 200, 'service_requests', 'request', await open311.requestByToken(p, token));
  });
  // The spec's discovery document.
  app.get('/discovery.:format', async (req: FastifyRequest<{ Params: { format: string } }>, reply) => {
    const [, format] = split(`discovery.${req.params.format}`);
    const doc = {
      changeset: '2026-11-24T00:00:00+08:00',
      contact: p.config.publicUrl,
      key_service: `${p.config.publicUrl}/console/`,
      endpoints: [
        {
          specification: 'http://wiki.open311.org/GeoReport_v2',
          url: `${p.config.publicUrl}/open311/v2`,
          changeset: '2026-11-24T00:00:00+08:00',
          type: 'production',
          formats: ['application/json', 'text/xml'],
        },
      ],
    };
    if (format === 'xml')
      return reply
        .type('text/xml; charset=utf-8')
        .send(
          toXml('discovery', 'x', []).replace(
            '<discovery></discovery>',
            `<discovery><changeset>${doc.changeset}</changeset><contact>${doc.contact}</contact></discovery>`,
          ),
        );
    return reply.type('application/json; charset=utf-8').send(JSON.stringify(doc));
  });
}

const KeyInput = z.object({ name: z.string().trim().min(1).max(100), orgId: Id });
const KeyView = z.object({
  id: z.number(),
  name: z.string(),
  hint: z.string(),
  orgName: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});

/** Staff issue and revoke the API keys of Open311 clients. */
export const open311KeyRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform: p }) => {
  const tags = ['open311'];
  app.get('/', {
    schema: {
      tags,
      summary: 'Open311 API keys in scope (hints only)',
      response: { 200: z.object({ items: z.array(KeyView) }) },
    },
    handler: async (req) => ({ items: await open311.listKeys(p, actorOf(req)) }),
  });
  app.post('/', {
    schema: {
      tags,
      summary: 'Issue a key for an Open311 client (shown once)',
      body: KeyInput,
      response: { 201: z.object({ id: z.number(), key: z.string() }) },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await open311.issueKey(p, contextOf(req), actorOf(req), req.body)),
  });
  app.post('/:id/revoke', {
    schema: { tags, summary: 'Revoke a key', params: IdParams, response: { 200: z.object({ ok: z.literal(true) }) } },
    handler: async (req) => {
      await open311.revokeKey(p, contextOf(req), actorOf(req), req.params.id);
      return { ok: true as const };
    },
  });
};
