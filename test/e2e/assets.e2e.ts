import http from 'node:http';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from './support.js';

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

/** The scripts and styles an app's page loads. */
async function assetsOf(page: string) {
  const html = await (await fetch(`${server.baseUrl}${page}`)).text();
  return [...html.matchAll(/(?:src|href)="(\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
}

describe('the web apps’ files', () => {
  for (const page of ['/', '/console/']) {
    it(`${page}: scripts and styles go out compressed to a browser that accepts it, whole to one that does not`, async () => {
      const assets = await assetsOf(page);
      expect(assets.length).toBeGreaterThan(1);
      const main = assets.find((a) => a.endsWith('.js'))!;
      const plain = await fetch(`${server.baseUrl}${main}`, { headers: { 'accept-encoding': 'identity' } });
      expect(plain.headers.get('content-encoding')).toBeNull();
      const body = Buffer.from(await plain.arrayBuffer());
      // fetch would decode by itself; node:http shows the bytes as sent.
      for (const [encoding, decode] of [
        ['br', zlib.brotliDecompressSync],
        ['gzip', zlib.gunzipSync],
      ] as const) {
        const res = await rawGet(main, encoding);
        expect(res.encoding).toBe(encoding);
        expect(res.body.length).toBeLessThan(body.length);
        expect(decode(res.body).equals(body)).toBe(true);
      }
    });
  }
});

async function rawGet(path: string, accept: string): Promise<{ encoding: string | undefined; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${server.baseUrl}${path}`, { headers: { 'accept-encoding': accept } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ encoding: res.headers['content-encoding'] as string | undefined, body: Buffer.concat(chunks) }),
        );
      })
      .on('error', reject);
  });
}
