import { Button, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useT } from './i18n.js';
import { resetToSignedOut } from './session.js';
import { useSessionEnd } from './session-end.js';

/** Shown over the screens when the server has ended the session (idle timeout, signed out elsewhere). */
export function SessionExpiredModal() {
  const t = useT();
  const expired = useSessionEnd() === 'expired';
  const navigate = useNavigate();
  const [leaving, setLeaving] = useState(false);

  const backToSignIn = async () => {
    setLeaving(true);
    const from = window.location.pathname.replace(/^\/console/, '') || '/';
    await resetToSignedOut({ deliberate: false });
    setLeaving(false);
    void navigate('/login', { replace: true, state: { from } });
  };

  return (
    <Modal
      open={expired}
      title={t('expired.title')}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      footer={
        <Button
          type="primary"
          loading={leaving}
          onClick={() => void backToSignIn()}
          autoFocus
          data-testid="expired-signin"
        >
          {t('expired.action')}
        </Button>
      }
    >
      <Typography.Paragraph>{t('expired.body')}</Typography.Paragraph>
    </Modal>
  );
}
