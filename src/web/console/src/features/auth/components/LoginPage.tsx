import { Typography } from 'antd';
import { Navigate, useLocation } from 'react-router';
import { useT } from '../../../app/i18n.js';
import { useSessionState } from '../../../app/session.js';
import { AuthFrame } from './AuthFrame.js';
import { FirstPasswordStep } from './FirstPasswordStep.js';
import { LoginForm } from './LoginForm.js';
import { MfaForm } from './MfaForm.js';

/** Where the user was headed before being sent here; only paths inside the console. */
function returnPath(state: unknown): string {
  if (typeof state !== 'object' || state === null || !('from' in state)) return '/';
  const from = state.from;
  if (typeof from !== 'string' || !from.startsWith('/') || from.startsWith('//') || from.startsWith('/login'))
    return '/';
  return from;
}

/** /console/login: password, then the second factor when asked, then a forced password change when due. */
export function LoginPage() {
  const t = useT();
  const session = useSessionState();
  const location = useLocation();

  if (session.authenticated && session.me && !session.me.mustChangePassword) {
    return <Navigate to={returnPath(location.state)} replace />;
  }

  let step;
  if (session.mfaRequired) step = <MfaForm />;
  else if (session.authenticated && session.me?.mustChangePassword) step = <FirstPasswordStep />;
  else
    step = (
      <>
        <Typography.Title level={2} style={{ fontSize: '1.25em', marginTop: 0, marginBottom: 20 }}>
          {t('login.subtitle')}
        </Typography.Title>
        <LoginForm />
      </>
    );
  return <AuthFrame>{step}</AuthFrame>;
}
