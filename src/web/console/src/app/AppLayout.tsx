import {
  AuditOutlined,
  BankOutlined,
  ClusterOutlined,
  EnvironmentOutlined,
  CommentOutlined,
  CalendarOutlined,
  HomeOutlined,
  ApartmentOutlined,
  IdcardOutlined,
  MessageOutlined,
  ShopOutlined,
  TagsOutlined,
  TeamOutlined,
  UserOutlined,
  ScheduleOutlined,
  ApiOutlined,
} from '@ant-design/icons';
import { Flex, Layout, Menu, Typography, theme, type MenuProps } from 'antd';
import { Suspense, type ReactNode } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { NotificationBell } from '../features/notifications/components/NotificationBell.js';
import { CalendarStatusBanner } from '../features/calendar/components/CalendarStatusBanner.js';
import type { Action } from './contracts.js';
import { FullPageSpin } from './FullPageSpin.js';
import { useT, type MessageKey } from './i18n.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { LargeTextToggle } from './LargeTextToggle.js';
import { useCan } from './session.js';
import { UserMenu } from './UserMenu.js';

interface NavEntry {
  key: string;
  path: string;
  label: MessageKey;
  icon: ReactNode;
  ability?: Action;
}

const entries: NavEntry[] = [
  { key: 'home', path: '/', label: 'nav.home', icon: <HomeOutlined /> },
  { key: 'stations', path: '/stations', label: 'nav.stations', icon: <ShopOutlined />, ability: 'station.read' },
  { key: 'deputies', path: '/deputies', label: 'nav.deputies', icon: <IdcardOutlined />, ability: 'deputy.read' },
  { key: 'groups', path: '/groups', label: 'nav.groups', icon: <ClusterOutlined />, ability: 'deputy.read' },
  { key: 'opinions', path: '/opinions', label: 'nav.opinions', icon: <CommentOutlined />, ability: 'opinion.read' },
  {
    key: 'receptions',
    path: '/receptions',
    label: 'nav.receptions',
    icon: <ScheduleOutlined />,
    ability: 'reception.read',
  },
  {
    key: 'opinionCategories',
    path: '/opinions/categories',
    label: 'opinions.categories',
    icon: <TagsOutlined />,
    ability: 'category.manage',
  },
  { key: 'users', path: '/users', label: 'nav.users', icon: <TeamOutlined />, ability: 'user.read' },
  { key: 'orgs', path: '/orgs', label: 'nav.orgs', icon: <ApartmentOutlined />, ability: 'org.read' },
  { key: 'units', path: '/units', label: 'nav.units', icon: <BankOutlined />, ability: 'org.manage' },
  { key: 'regions', path: '/regions', label: 'nav.regions', icon: <EnvironmentOutlined />, ability: 'region.manage' },
  { key: 'audit', path: '/audit', label: 'nav.audit', icon: <AuditOutlined />, ability: 'audit.read' },
  { key: 'open311', path: '/open311', label: 'nav.open311', icon: <ApiOutlined />, ability: 'open311.manage' },
  { key: 'calendar', path: '/calendar', label: 'nav.calendar', icon: <CalendarOutlined />, ability: 'calendar.read' },
  {
    key: 'notifications',
    path: '/notifications',
    label: 'nav.notifications',
    icon: <MessageOutlined />,
    ability: 'notify.read',
  },
  { key: 'account', path: '/account', label: 'nav.account', icon: <UserOutlined /> },
];

function selectedKey(pathname: string): string {
  // The longest entry path the address starts with (/opinions/categories before /opinions).
  const hits = entries.filter((e) => e.path !== '/' && (pathname === e.path || pathname.startsWith(`${e.path}/`)));
  return hits.sort((a, b) => b.path.length - a.path.length)[0]?.key ?? 'home';
}

/** The frame of every signed-in screen: side navigation by ability, header with preferences and the user menu. */
export function AppLayout() {
  const t = useT();
  const can = useCan();
  const location = useLocation();
  const { token } = theme.useToken();

  const items: MenuProps['items'] = entries
    .filter((e) => !e.ability || can(e.ability))
    .map((e) => ({
      key: e.key,
      icon: e.icon,
      label: (
        <Link to={e.path} data-testid={`nav-${e.key}`}>
          {t(e.label)}
        </Link>
      ),
    }));

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={228} theme="light" style={{ borderRight: `1px solid ${token.colorBorderSecondary}` }}>
        <div style={{ padding: '18px 20px 14px' }}>
          <Typography.Text strong style={{ fontSize: '1.05em', display: 'block', lineHeight: 1.35 }}>
            {t('app.name')}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
            {t('app.console')}
          </Typography.Text>
        </div>
        <nav aria-label={t('nav.label')}>
          <Menu
            mode="inline"
            selectedKeys={[selectedKey(location.pathname)]}
            items={items}
            style={{ borderInlineEnd: 0 }}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            paddingInline: 24,
            height: 'auto',
            minHeight: 64,
            lineHeight: 'normal',
          }}
        >
          <Flex align="center" justify="flex-end" gap={16} style={{ minHeight: 64 }} wrap>
            <NotificationBell />
            <LanguageSwitch />
            <LargeTextToggle />
            <UserMenu />
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <main>
            <Suspense fallback={<FullPageSpin />}>
              {/* For who can load the year, and the desks whose deadlines count on it; not for deputies. */}
              {selectedKey(location.pathname) === 'home' && (can('calendar.manage') || can('opinion.ledger')) ? (
                <div style={{ marginBottom: 16 }}>
                  <CalendarStatusBanner />
                </div>
              ) : null}
              <Outlet />
            </Suspense>
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
