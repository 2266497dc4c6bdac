import { isUnavailable, noteAnswer } from '../../../shared/connection.js';
import { translate } from './i18n.js';
import { getPrefs } from './prefs.js';

/** An error answered by the server: stable code, message in the reader's language, fields. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
  /** The message for one field (`body.content`), if the server named it. */
  field(path: string): string | undefined {
    return this.fields.find((f) => f.path === path || f.path.startsWith(`${path}.`))?.message;
  }
}

let csrf: Promise<string> | null = null;

/** The CSRF token: `GET /api/auth/session` sets the one cookie the portal needs. */
function csrfToken(): Promise<string> {
  csrf ??= get<{ csrfToken: string }>('/api/auth/session').then(
    (s) => s.csrfToken,
    (err: unknown) => {
      csrf = null;
      throw err;
    },
  );
  return csrf;
}

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': getPrefs().lang };
  if (method === 'POST') headers['X-CSRF-Token'] = await csrfToken();
  if (body !== undefined && !(body instanceof FormData)) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
    });
  } catch {
    noteAnswer(0);
    throw new ApiError(0, 'NETWORK', getPrefs().lang === 'en' ? 'No connection. Try again.' : '网络连接失败，请重试');
  }
  noteAnswer(res.status);
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    const e = (data as { error?: { code: string; message: string; fields?: { path: string; message: string }[] } })
      ?.error;
    if (e?.code === 'CSRF_REJECTED') csrf = null;
    const fallback = isUnavailable(res.status) ? translate(getPrefs().lang, 'unavailable') : `HTTP ${res.status}`;
    throw new ApiError(res.status, e?.code ?? 'HTTP', e?.message ?? fallback, e?.fields ?? []);
  }
  return data as T;
}

export function get<T>(path: string): Promise<T> {
  return call<T>('GET', path);
}

/** A write; sends the CSRF token (fetched once), retries once when the token had gone stale. */
export async function post<T>(path: string, body: unknown): Promise<T> {
  try {
    return await call<T>('POST', path, body);
  } catch (err) {
    if (err instanceof ApiError && err.code === 'CSRF_REJECTED') return call<T>('POST', path, body);
    throw err;
  }
}
