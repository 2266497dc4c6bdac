import { useSyncExternalStore } from 'react';

/**
 * How the last session of this page ended, if it did: `expired` (the server ended it while the
 * console still showed signed-in screens: the dialog shows) or `signedOut` (the user chose to:
 * the sign-in page then starts afresh instead of offering the last screen back).
 */
export type SessionEnd = 'none' | 'expired' | 'signedOut';

let state: SessionEnd = 'none';
const listeners = new Set<() => void>();

function set(next: SessionEnd) {
  if (state === next) return;
  state = next;
  for (const listener of listeners) listener();
}

export function markSessionExpired() {
  if (state !== 'signedOut') set('expired');
}

export function markSignedOut() {
  set('signedOut');
}

export function clearSessionEnd() {
  set('none');
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function useSessionEnd(): SessionEnd {
  return useSyncExternalStore(subscribe, () => state);
}
