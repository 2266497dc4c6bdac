import { Descriptions, Divider, Drawer, Skeleton, Typography } from 'antd';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { formatDateTime, useT } from '../../../app/i18n.js';
import { usePrefs } from '../../../app/prefs.js';
import { useCan, useMe } from '../../../app/session.js';
import { useUser } from '../api.js';
import { GrantRoleForm } from './GrantRoleForm.js';
import type { IssuedPassword } from './TemporaryPasswordModal.js';
import { UserActions } from './UserActions.js';
import { UserRoles } from './UserRoles.js';
import { UserStatusTags } from './UserStatusTags.js';

/** One user: profile, status, roles, and the actions the signed-in user may take. */
export function UserDrawer({
  userId,
  onClose,
  onIssued,
}: {
  userId: number | null;
  onClose: () => void;
  onIssued: (issued: IssuedPassword) => void;
}) {
  const t = useT();
  const { lang } = usePrefs();
  const can = useCan();
  const user = useUser(userId);
  const data = user.data;

  const me = useMe();
  // The server refuses these on one's own account; do not offer them.
  const isSelf = data?.id === me.id;
  const showActions =
    !isSelf && (can('user.resetPassword') || can('user.update') || can('user.unlock') || can('user.revokeSessions'));

  return (
    <Drawer
      open={userId !== null}
      onClose={onClose}
      size={560}
      title={data ? t('users.drawerTitle', { name: data.displayName, username: data.username }) : t('users.detail')}
      destroyOnHidden
    >
      {user.isPending ? <Skeleton active /> : null}
      {user.isError ? <ErrorAlert error={user.error} /> : null}
      {data ? (
        <>
          <Descriptions
            column={1}
            size="small"
            bordered
            styles={{ label: { width: 130 } }}
            items={[
              { key: 'username', label: t('users.col.username'), children: data.username },
              { key: 'displayName', label: t('users.col.displayName'), children: data.displayName },
              { key: 'org', label: t('users.col.org'), children: data.orgName },
              { key: 'status', label: t('users.col.status'), children: <UserStatusTags user={data} detailed /> },
              {
                key: 'totp',
                label: t('users.tag.totp'),
                children: data.totpEnabled ? t('common.on') : t('common.off'),
              },
              {
                key: 'lastLogin',
                label: t('users.lastLogin'),
                children: data.lastLoginAt ? formatDateTime(data.lastLoginAt, lang) : t('users.never'),
              },
            ]}
          />
          {showActions ? (
            <>
              <Divider titlePlacement="start">{t('users.section.actions')}</Divider>
              <UserActions user={data} onIssued={onIssued} />
            </>
          ) : null}
          <Divider titlePlacement="start">{t('users.section.roles')}</Divider>
          <UserRoles user={data} />
          {can('role.grant') && !isSelf ? (
            <>
              <Typography.Title level={3} style={{ fontSize: '1em', marginTop: 20 }}>
                {t('users.grantRole')}
              </Typography.Title>
              <GrantRoleForm user={data} />
            </>
          ) : null}
        </>
      ) : null}
    </Drawer>
  );
}
