import { DownOutlined, UserOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Typography, type MenuProps } from 'antd';
import { useNavigate } from 'react-router';
import { useLogout, useLogoutEverywhere } from '../features/auth/api.js';
import { errorMessage } from './form-errors.js';
import { useT } from './i18n.js';
import { useMe } from './session.js';

/** The header's user menu: who is signed in, my account, sign out (here or everywhere). */
export function UserMenu() {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const logout = useLogout();
  const logoutEverywhere = useLogoutEverywhere();

  const items: MenuProps['items'] = [
    {
      key: 'who',
      disabled: true,
      label: (
        <div style={{ lineHeight: 1.4 }}>
          <Typography.Text strong>{me.displayName}</Typography.Text>
          <br />
          <Typography.Text type="secondary">{me.orgName}</Typography.Text>
        </div>
      ),
    },
    { type: 'divider' },
    { key: 'account', label: <span data-testid="menu-account">{t('header.myAccount')}</span> },
    { key: 'logout', label: <span data-testid="logout">{t('header.logout')}</span> },
    {
      key: 'logoutEverywhere',
      danger: true,
      label: <span data-testid="logout-everywhere">{t('header.logoutEverywhere')}</span>,
    },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'account') void navigate('/account');
    if (key === 'logout') logout.mutate();
    if (key === 'logoutEverywhere') {
      modal.confirm({
        title: t('header.logoutEverywhere'),
        content: t('header.logoutEverywhereConfirm'),
        okText: t('common.ok'),
        cancelText: t('common.cancel'),
        okButtonProps: { danger: true },
        onOk: async () => {
          try {
            const { sessionsEnded } = await logoutEverywhere.mutateAsync();
            void message.success(t('account.everywhereDone', { n: sessionsEnded }));
          } catch (error) {
            void message.error(errorMessage(error, t));
          }
        },
      });
    }
  };

  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
      <Button data-testid="user-menu" loading={logout.isPending}>
        <UserOutlined />
        <span>{me.displayName}</span>
        <Typography.Text type="secondary" style={{ maxWidth: 180 }} ellipsis className="user-menu-org">
          {me.orgName}
        </Typography.Text>
        <DownOutlined style={{ fontSize: '0.75em' }} />
      </Button>
    </Dropdown>
  );
}
