import { useEffect } from 'react';
import { lastApiActivity } from './api-client.js';
import { queryClient, sessionKey } from './query-client.js';

const GRACE_MS = 5_000;
const CHECK_EVERY_MS = 15_000;

/**
 * Once the console has been quiet for longer than the server's idle timeout, asks the server
 * whether the session still holds; if not, the "session expired" dialog appears at once
 * instead of on the next click. Quiet otherwise: no polling that would keep a session alive.
 */
export function useIdleWatch(signedIn: boolean, idleMinutes: number) {
  useEffect(() => {
    if (!signedIn) return;
    const limit = idleMinutes * 60_000 + GRACE_MS;
    const check = () => {
      if (Date.now() - lastApiActivity() > limit) void queryClient.refetchQueries({ queryKey: sessionKey });
    };
    const timer = window.setInterval(check, CHECK_EVERY_MS);
    document.addEventListener('visibilitychange', check);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', check);
    };
  }, [signedIn, idleMinutes]);
}
