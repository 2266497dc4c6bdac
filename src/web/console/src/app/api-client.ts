import { isUnavailable, noteAnswer } from '../../../shared/connection.js';
import { ApiError, isErrorBody } from './api-error.js';
import type { SessionState } from './contracts.js';
import { translate } from './i18n.js';
import { getLang } from './prefs.js';
import { queryClient, sessionKey } from './query-client.js';
import { clearSessionEnd, markSessionExpired } from './session-end.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions {
  /** Do not treat a 401 as an expired session (sign-out of a session that may be gone already). */
  quietAuth?: boolean;
}

let csrfToken = '';
let lastActivity = Date.now();

/** Keeps the CSRF token of the latest SessionState the server sent. */
export function setCsrfToken(token: string) {
  csrfToken = token;
}

/** When the console last heard from the server: the server's idle clock restarts with every request. */
export function lastApiActivity(): number {
  return lastActivity;
}

/** Query string from the non-empty values of `params`. */
export function withQuery(path: string, params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

/** Loads the session state; notices when a signed-in console has lost its session. */
export async function loadSession(): Promise<SessionState> {
  const before = queryClient.getQueryData<SessionState>(sessionKey);
  const next = await request<SessionState>('GET', '/api/auth/session', undefined, {}, false);
  setCsrfToken(next.csrfToken);
  if (before?.authenticated && !next.authenticated) {
    // Keep the screens under the "session expired" dialog until the user leaves them.
    markSessionExpired();
    return { ...before, csrfToken: next.csrfToken };
  }
  return next;
}

/** Takes a SessionState answered by sign-in, second factor or password change. */
export function applySession(state: SessionState) {
  setCsrfToken(state.csrfToken);
  if (state.authenticated || state.mfaRequired) clearSessionEnd();
  queryClient.setQueryData(sessionKey, state);
}

/**
 * Calls the API: JSON (or a file: a Blob goes as the raw body, FormData as multipart), cookies,
 * the UI language, the CSRF token on writes. Throws ApiError.
 */
export function api<T>(method: Method, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  return request<T>(method, path, body, options, true);
}

async function request<T>(
  method: Method,
  path: string,
  body: unknown,
  options: RequestOptions,
  mayRetry: boolean,
): Promise<T> {
  const lang = getLang();
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': lang };
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
  // A file goes as it is: a spreadsheet as the raw body, a photo in a form (the browser sets its boundary).
  const raw = body instanceof Blob || body instanceof FormData;
  if (body instanceof Blob) headers['Content-Type'] = 'application/octet-stream';
  else if (body !== undefined && !raw) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
    });
  } catch {
    noteAnswer(0);
    throw new ApiError(0, { code: 'NETWORK_ERROR', message: translate(lang, 'error.network') });
  }
  lastActivity = Date.now();
  noteAnswer(response.status);

  let payload: unknown = null;
  const text = await response.text();
  if (text) {
    try {
      payload = JSON.parse(text);
    } catch {
      payload = undefined;
    }
  }

  if (response.ok) {
    if (payload === undefined) {
      throw new ApiError(response.status, {
        code: 'UNEXPECTED_RESPONSE',
        message: translate(lang, 'error.unexpected'),
      });
    }
    return payload as T;
  }

  if (!isErrorBody(payload)) {
    const code = response.status >= 500 ? 'SERVICE_UNAVAILABLE' : 'UNEXPECTED_RESPONSE';
    const key = isUnavailable(response.status) ? 'error.unavailable' : 'error.unexpected';
    throw new ApiError(response.status, { code, message: translate(lang, key) });
  }
  const error = new ApiError(response.status, payload.error);

  if (error.code === 'CSRF_REJECTED' && mayRetry) {
    // The token may have been rotated (sign-in elsewhere in this browser): fetch the current one, try once more.
    await queryClient.fetchQuery({ queryKey: sessionKey, queryFn: loadSession, staleTime: 0 });
    return request<T>(method, path, body, options, false);
  }
  if ((error.code === 'SESSION_EXPIRED' || error.code === 'NOT_AUTHENTICATED') && !options.quietAuth) {
    if (queryClient.getQueryData<SessionState>(sessionKey)?.authenticated) markSessionExpired();
  }
  if (error.code === 'PASSWORD_CHANGE_REQUIRED') {
    // The session state will say so, and the console then shows only the password form.
    void queryClient.invalidateQueries({ queryKey: sessionKey });
  }
  throw error;
}
