import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSessionState } from './session.js';
import { useSessionEnd } from './session-end.js';

/** Signed-in screens only; a user who must change the password sees nothing but that form. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useSessionState();
  const location = useLocation();
  const ended = useSessionEnd();
  if (!session.authenticated || !session.me || session.me.mustChangePassword) {
    // After a deliberate sign-out the next person starts from home, not from this user's last screen.
    const state = ended === 'signedOut' ? null : { from: location.pathname + location.search };
    return <Navigate to="/login" replace state={state} />;
  }
  return children;
}
