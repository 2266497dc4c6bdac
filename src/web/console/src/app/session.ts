import { queryOptions, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { loadSession, setCsrfToken } from './api-client.js';
import type { Action, Me, SessionState } from './contracts.js';
import { queryClient, sessionKey } from './query-client.js';
import { clearSessionEnd, markSignedOut } from './session-end.js';

export const sessionQuery = queryOptions({
  queryKey: sessionKey,
  queryFn: loadSession,
  // Changes only through sign-in, sign-out and the calls that answer a SessionState.
  staleTime: Infinity,
});

/** The session state; the root route renders nothing below it until this has loaded. */
export function useSessionState(): SessionState {
  const { data } = useQuery(sessionQuery);
  if (!data) throw new Error('useSessionState before the session has loaded');
  return data;
}

/** The signed-in user; only for screens behind RequireAuth. */
export function useMe(): Me {
  const { me } = useSessionState();
  if (!me) throw new Error('useMe without a signed-in user');
  return me;
}

/** Whether the signed-in user holds an ability (the server still checks every call). */
export function useCan(): (action: Action) => boolean {
  const { me } = useSessionState();
  return useCallback((action: Action) => me?.abilities.includes(action) ?? false, [me]);
}

/**
 * Forgets everything of the signed-out user and asks the server for a fresh anonymous state
 * (which carries the CSRF token the next sign-in needs). `deliberate`: the user signed out.
 */
export async function resetToSignedOut({ deliberate }: { deliberate: boolean }): Promise<void> {
  if (deliberate) markSignedOut();
  else clearSessionEnd();
  const current = queryClient.getQueryData<SessionState>(sessionKey);
  queryClient.setQueryData<SessionState>(sessionKey, {
    authenticated: false,
    mfaRequired: false,
    csrfToken: current?.csrfToken ?? '',
    idleMinutes: current?.idleMinutes ?? 30,
    me: null,
  });
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
  try {
    const fresh = await loadSession();
    queryClient.setQueryData(sessionKey, fresh);
  } catch {
    // Offline: the sign-in page will fetch a token on its next attempt.
    setCsrfToken('');
  }
}
