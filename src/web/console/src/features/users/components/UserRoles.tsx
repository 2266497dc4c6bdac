import { App, Button, Empty, Flex, List, Popconfirm, Tag, Typography } from 'antd';
import type { UserView } from '../../../app/contracts.js';
import { errorMessage } from '../../../app/form-errors.js';
import { useT } from '../../../app/i18n.js';
import { roleLabel } from '../../../app/labels.js';
import { usePrefs } from '../../../app/prefs.js';
import { useCan, useMe } from '../../../app/session.js';
import { useRevokeRole } from '../api.js';

/** The roles a user holds, each on an organisation, with revoke for those who may grant. */
export function UserRoles({ user }: { user: UserView }) {
  const t = useT();
  const { lang } = usePrefs();
  const can = useCan();
  const { message } = App.useApp();
  const revoke = useRevokeRole();
  const me = useMe();

  if (user.roles.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('users.noRoles')} />;

  return (
    <List
      size="small"
      bordered
      dataSource={user.roles}
      rowKey="id"
      renderItem={(grant) => {
        const label = roleLabel(grant.role, lang);
        return (
          <List.Item
            actions={
              can('role.grant') && user.id !== me.id
                ? [
                    <Popconfirm
                      key="revoke"
                      title={t('users.revokeConfirm', { role: label, org: grant.orgName })}
                      okText={t('common.ok')}
                      cancelText={t('common.cancel')}
                      okButtonProps={{ danger: true }}
                      onConfirm={() =>
                        revoke
                          .mutateAsync({ id: user.id, roleId: grant.id })
                          .then(() => void message.success(t('users.roleRevoked')))
                          .catch((error: unknown) => void message.error(errorMessage(error, t)))
                      }
                    >
                      <Button size="small" danger type="link">
                        {t('users.revoke')}
                      </Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <Flex gap={8} align="center" wrap>
              <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                {label}
              </Tag>
              <Typography.Text type="secondary">{grant.orgName}</Typography.Text>
            </Flex>
          </List.Item>
        );
      }}
    />
  );
}
