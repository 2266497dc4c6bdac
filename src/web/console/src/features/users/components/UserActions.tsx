import { App, Button, Flex, Popconfirm } from 'antd';
import type { UserView } from '../../../app/contracts.js';
import { errorMessage } from '../../../app/form-errors.js';
import { useT } from '../../../app/i18n.js';
import { useCan } from '../../../app/session.js';
import { isLocked, useResetPassword, useRevokeSessions, useSetStatus, useUnlockUser } from '../api.js';
import type { IssuedPassword } from './TemporaryPasswordModal.js';

/** The account actions the signed-in user may take on `user`, each confirmed first. */
export function UserActions({ user, onIssued }: { user: UserView; onIssued: (issued: IssuedPassword) => void }) {
  const t = useT();
  const can = useCan();
  const { message } = App.useApp();
  const reset = useResetPassword();
  const setStatus = useSetStatus();
  const unlock = useUnlockUser();
  const revokeSessions = useRevokeSessions();
  const name = user.displayName;

  const fail = (error: unknown) => void message.error(errorMessage(error, t));
  const confirmTexts = { okText: t('common.ok'), cancelText: t('common.cancel') };

  return (
    <Flex gap={8} wrap>
      {can('user.resetPassword') ? (
        <Popconfirm
          title={t('users.resetConfirm', { name })}
          {...confirmTexts}
          onConfirm={() =>
            reset
              .mutateAsync(user.id)
              .then(({ temporaryPassword }) =>
                onIssued({ displayName: user.displayName, username: user.username, password: temporaryPassword }),
              )
              .catch(fail)
          }
        >
          <Button loading={reset.isPending}>{t('users.resetPassword')}</Button>
        </Popconfirm>
      ) : null}
      {can('user.update') ? (
        <Popconfirm
          title={user.status === 'active' ? t('users.disableConfirm', { name }) : t('users.enableConfirm', { name })}
          {...confirmTexts}
          okButtonProps={{ danger: user.status === 'active' }}
          onConfirm={() =>
            setStatus
              .mutateAsync({ id: user.id, status: user.status === 'active' ? 'disabled' : 'active' })
              .then(() => void message.success(t('users.statusChanged')))
              .catch(fail)
          }
        >
          <Button danger={user.status === 'active'} loading={setStatus.isPending}>
            {user.status === 'active' ? t('users.disable') : t('users.enable')}
          </Button>
        </Popconfirm>
      ) : null}
      {can('user.unlock') && isLocked(user) ? (
        <Button
          loading={unlock.isPending}
          onClick={() =>
            unlock
              .mutateAsync(user.id)
              .then(() => void message.success(t('users.unlocked')))
              .catch(fail)
          }
        >
          {t('users.unlock')}
        </Button>
      ) : null}
      {can('user.revokeSessions') ? (
        <Popconfirm
          title={t('users.forceLogoutConfirm', { name })}
          {...confirmTexts}
          okButtonProps={{ danger: true }}
          onConfirm={() =>
            revokeSessions
              .mutateAsync(user.id)
              .then(({ sessionsEnded }) => void message.success(t('users.forceLogoutDone', { n: sessionsEnded })))
              .catch(fail)
          }
        >
          <Button danger loading={revokeSessions.isPending}>
            {t('users.forceLogout')}
          </Button>
        </Popconfirm>
      ) : null}
    </Flex>
  );
}
