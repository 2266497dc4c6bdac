import http from 'node:http';
import { listenHttp, profileOurs, type Scenario } from '../harness.js';
import type { LoadRequest } from '../protocol.js';

const BODY = JSON.stringify({ status: 'ok' });

/**
 * The floor of every API call: what Fastify plus our pipeline (cookies, helmet headers, request
 * id, CSRF and auth hooks, zod serialisation) cost over the cheapest possible Node answer.
 */
export const health: Scenario = {
  name: 'health',
  title: 'GET /api/health: our full request pipeline vs a bare node:http answer',
  async run(ctx) {
    const { liaison, cleanup, compare } = ctx;
    const bare = http.createServer((req, res) => {
      if (req.url !== '/api/health') {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': BODY.length });
      res.end(BODY);
    });
    const baseline = await listenHttp(cleanup, 'bare node:http', bare);
    try {
      const requests: LoadRequest[] = [{ method: 'GET', path: '/api/health' }];
      const runs = await compare(
        [
          { label: 'Liaison', kind: 'ours', url: liaison.url },
          { label: 'bare node:http', kind: 'baseline', url: baseline.url },
        ],
        requests,
      );
      await profileOurs('health', ctx, requests);
      return { name: 'health', title: health.title, runs, notes: [], checks: {} };
    } finally {
      await baseline.close();
    }
  },
};
