import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Helmet's headers, worked out once at start. `@fastify/helmet` builds helmet's middleware (and
 * parses the content security policy) again for every request: 14 % of the time of a plain API
 * answer in the health bench's profile. Our headers do not depend on the request (no nonces), so
 * helmet runs once against a recorder, and every answer gets the recorded headers. (Helmet also
 * removes X-Powered-By, which Fastify never sets.)
 */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader() {},
  };
  let failed: unknown = null;
  helmet(options)({} as never, recorder as never, (err?: unknown) => {
    failed = err ?? null;
  });
  if (failed) throw failed instanceof Error ? failed : new Error(String(failed));
  return headers;
}

/**
 * The headers of a JSON answer (OWASP's REST Security Cheat Sheet): nothing in it may load, run
 * or be framed, the browser must not guess another type, no other site may read it by `no-cors`,
 * and HTTPS is remembered where the document set does so. Helmet's other headers speak to pages
 * only (the opener, DNS prefetch, Flash and IE8 policies, the origin-keyed agent cluster, the
 * referrer a page's links send). Each header costs Node a name and a value check and a line on
 * every answer: a bare node:http server answering `{"status":"ok"}` served 30 % fewer answers a
 * second with the eleven of the whole set than with none, 15 % fewer with these four.
 */
export function apiHeaders(document: Record<string, string>): Record<string, string> {
  const headers: Record<string, string> = {
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'cross-origin-resource-policy': 'same-origin',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
  };
  const hsts = document['strict-transport-security'];
  if (hsts) headers['strict-transport-security'] = hsts;
  return headers;
}

/**
 * Sets the security headers on every answer as it is sent: the API's set on JSON, helmet's whole
 * set on everything else (pages, the console's and portal's files, CSV and spreadsheets, errors
 * that are not JSON). A header the route set itself stays (e.g. a stricter CSP for a file).
 */
export const securityHeadersPlugin = fp(async (app: FastifyInstance, options: HelmetOptions) => {
  const document = Object.entries(securityHeaders(options));
  const api = Object.entries(apiHeaders(Object.fromEntries(document)));
  app.addHook('onSend', (_req, reply, payload, done) => {
    const type = reply.getHeader('content-type');
    const set = typeof type === 'string' && type.startsWith('application/json') ? api : document;
    for (const [name, value] of set) if (reply.getHeader(name) === undefined) reply.header(name, value);
    done(null, payload);
  });
});
