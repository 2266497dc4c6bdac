import { App, Button, Card, Popconfirm, Typography } from 'antd';
import { errorMessage } from '../../../app/form-errors.js';
import { useT } from '../../../app/i18n.js';
import { useLogoutEverywhere } from '../../auth/api.js';

/** Ends every session of the signed-in user, this one included (the console then shows sign-in). */
export function SignOutEverywhereCard() {
  const t = useT();
  const { message } = App.useApp();
  const everywhere = useLogoutEverywhere();
  return (
    <Card title={t('account.everywhere')}>
      <Typography.Paragraph>{t('account.everywhereText')}</Typography.Paragraph>
      <Popconfirm
        title={t('header.logoutEverywhereConfirm')}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: true }}
        onConfirm={() =>
          everywhere
            .mutateAsync()
            .then(({ sessionsEnded }) => void message.success(t('account.everywhereDone', { n: sessionsEnded })))
            .catch((error: unknown) => void message.error(errorMessage(error, t)))
        }
      >
        <Button danger loading={everywhere.isPending} data-testid="account-logout-everywhere">
          {t('account.everywhere')}
        </Button>
      </Popconfirm>
    </Card>
  );
}
