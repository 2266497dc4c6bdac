import type { FastifyInstance } from 'fastify';
import type { TestClient } from './http.js';

/** The cookie header a signed-in test client sends. */
function cookieOf(client: TestClient) {
  const jar = (client as unknown as { cookies: Map<string, string> }).cookies;
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

/** GETs a download as bytes with the client's session (TestClient reads bodies as text). */
export async function download(app: FastifyInstance, client: TestClient, url: string) {
  const res = await app.inject({ method: 'GET', url, headers: { cookie: cookieOf(client) } });
  return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload };
}

/** A multipart/form-data body holding one file in the field `file` (as a browser's FormData sends it). */
export function multipartBody(bytes: Buffer, filename: string, contentType: string, field = 'file') {
  const boundary = `----liaison${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n` +
      `Content-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { body: Buffer.concat([head, bytes, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Sends one file to `url` with the client's session and CSRF token. */
export function upload<T>(
  client: TestClient,
  method: 'POST' | 'PUT',
  url: string,
  bytes: Buffer,
  filename: string,
  contentType: string,
) {
  const form = multipartBody(bytes, filename, contentType);
  return client.request<T>(method, url, undefined, {
    raw: form.body as unknown as string,
    headers: { 'content-type': form.contentType },
  });
}
