import { useSyncExternalStore } from 'react';

/**
 * Whether the server can be reached, as the console's and the portal's API clients see it: lost
 * when a call fails on the network or is answered 502/503/504 (the database down, a restart), found
 * again by the next other answer — or by a look at `/api/ready` every few seconds meanwhile, so that
 * the banner goes by itself when the server is back.
 */
let lost = false;
let probe: ReturnType<typeof setInterval> | null = null;
const listeners = new Set<() => void>();
const PROBE_MS = 5_000;

/** Statuses that say "not now" rather than "no": a gateway or the server cannot answer. */
export function isUnavailable(status: number): boolean {
  return status === 0 || status === 502 || status === 503 || status === 504;
}

/** Called by an API client with every call's outcome (0: no answer at all). */
export function noteAnswer(status: number) {
  const nowLost = isUnavailable(status);
  if (nowLost === lost) return;
  lost = nowLost;
  if (lost && !probe) {
    probe = setInterval(() => {
      fetch('/api/ready', { credentials: 'same-origin', cache: 'no-store' }).then(
        (r) => {
          if (r.ok) noteAnswer(r.status);
        },
        () => undefined,
      );
    }, PROBE_MS);
  } else if (!lost && probe) {
    clearInterval(probe);
    probe = null;
  }
  for (const l of listeners) l();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** True while the server cannot be reached. */
export function useConnectionLost(): boolean {
  return useSyncExternalStore(subscribe, () => lost);
}
