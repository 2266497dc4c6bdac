import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import type { Platform } from '../../src/server/platform/context.js';

export interface Reply<T = unknown> {
  status: number;
  body: T;
  headers: LightMyRequestResponse['headers'];
  /** The body as bytes (downloads). */
  raw: Buffer;
}

/** A browser-like client: keeps cookies, echoes the CSRF cookie in X-CSRF-Token. */
export class TestClient {
  private cookies = new Map<string, string>();
  constructor(
    private readonly app: FastifyInstance,
    private readonly opts: { ip?: string; lang?: string } = {},
  ) {}

  get csrf() {
    return this.cookies.get('liaison_csrf');
  }

  async request<T = unknown>(
    method: 'GET' | 'POST' | 'DELETE' | 'PUT' | 'PATCH',
    url: string,
    body?: unknown,
    extra: { csrf?: boolean; headers?: Record<string, string>; raw?: string } = {},
  ): Promise<Reply<T>> {
    if (method !== 'GET' && extra.csrf !== false && !this.csrf) await this.request('GET', '/api/auth/session');
    const headers: Record<string, string> = {
      cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'accept-language': this.opts.lang ?? 'zh-CN',
      ...(method !== 'GET' && extra.csrf !== false && this.csrf ? { 'x-csrf-token': this.csrf } : {}),
      ...(body !== undefined || extra.raw !== undefined ? { 'content-type': 'application/json' } : {}),
      ...extra.headers,
    };
    const res = await this.app.inject({
      method,
      url,
      headers,
      remoteAddress: this.opts.ip ?? '127.0.0.1',
      payload: extra.raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    for (const c of res.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    let parsed: unknown = res.body;
    try {
      parsed = JSON.parse(res.body);
    } catch {
      /* not JSON */
    }
    return { status: res.statusCode, body: parsed as T, headers: res.headers, raw: res.rawPayload };
  }

  get<T = unknown>(url: string) {
    return this.request<T>('GET', url);
  }
  post<T = unknown>(
    url: string,
    body?: unknown,
    extra?: { csrf?: boolean; headers?: Record<string, string>; raw?: string },
  ) {
    return this.request<T>('POST', url, body ?? {}, extra);
  }
  delete<T = unknown>(url: string) {
    return this.request<T>('DELETE', url);
  }

  async login(username: string, password: string) {
    return this.post<{ authenticated: boolean; mfaRequired: boolean }>('/api/auth/login', { username, password });
  }
}

export async function createApp(p: Platform) {
  return buildApp(p, { logger: false });
}

/**
 * Signed-in clients for named users, each signed in once and then reused within a test file:
 * `const as = signedIn(() => app, () => district.users)` then `await as('admin')`.
 */
export function signedIn<K extends string>(
  app: () => FastifyInstance,
  users: () => Record<K, { username: string }>,
  password: string,
) {
  const clients = new Map<K, TestClient>();
  return async (who: K) => {
    let c = clients.get(who);
    if (!c) {
      c = new TestClient(app());
      const res = await c.login(users()[who].username, password);
      if (res.status !== 200) throw new Error(`sign-in of ${who} failed: ${res.status}`);
      clients.set(who, c);
    }
    return c;
  };
}
