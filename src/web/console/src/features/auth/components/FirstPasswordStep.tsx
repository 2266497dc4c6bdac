import { Alert, Button, Typography } from 'antd';
import { useT } from '../../../app/i18n.js';
import { useMe } from '../../../app/session.js';
import { useLogout } from '../api.js';
import { PasswordChangeForm } from './PasswordChangeForm.js';

/** First sign-in or after a reset: nothing else is reachable until the password is changed. */
export function FirstPasswordStep() {
  const t = useT();
  const me = useMe();
  const logout = useLogout();
  return (
    <>
      <Typography.Title level={2} style={{ fontSize: '1.25em', marginTop: 0 }}>
        {t('pw.title')}
      </Typography.Title>
      <Alert type="warning" showIcon title={t('pw.firstLogin')} style={{ marginBottom: 16 }} />
      {/* The session state answered by the server now says mustChangePassword: false; the page moves on. */}
      <PasswordChangeForm username={me.username} onChanged={() => undefined} />
      <Button
        type="link"
        style={{ paddingInline: 0, marginTop: 12 }}
        onClick={() => logout.mutate()}
        loading={logout.isPending}
      >
        {t('pw.signOut')}
      </Button>
    </>
  );
}
