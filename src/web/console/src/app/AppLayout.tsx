import {
  AuditOutlined,
  BankOutlined,
  CheckSquareOutlined,
  FlagOutlined,
  ClusterOutlined,
  EnvironmentOutlined,
  CommentOutlined,
  CalendarOutlined,
  HomeOutlined,
  ApartmentOutlined,
  IdcardOutlined,
  LineChartOutlined,
  MessageOutlined,
  ShopOutlined,
  TagsOutlined,
  TeamOutlined,
  UserOutlined,
  ScheduleOutlined,
  ApiOutlined,
  SolutionOutlined,
  FileTextOutlined,
  BarChartOutlined,
  SettingOutlined,
  MenuOutlined,
  ProfileOutlined,
  CloseOutlined,
} from '@ant-design/icons';
import { Button, Flex, Layout, Menu, Typography, theme, type MenuProps } from 'antd';
import { Suspense, useState, type ReactNode } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { NotificationBell } from '../features/notifications/components/NotificationBell.js';
import { CalendarStatusBanner } from '../features/calendar/components/CalendarStatusBanner.js';
import type { Action, Role } from './contracts.js';
import { FullPageSpin } from './FullPageSpin.js';
import { useT, type MessageKey } from './i18n.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { LargeTextToggle } from './LargeTextToggle.js';
import { useCan, useMe } from './session.js';
import { useNarrow } from './use-narrow.js';
import { UserMenu } from './UserMenu.js';

interface NavEntry {
  key: string;
  path: string;
  label: MessageKey;
  icon: ReactNode;
  /** Shown to holders of this ability, or of any one of these. */
  ability?: Action | readonly Action[];
  /** Addresses under this prefix belong to the entry too (a deputy's suggestions belong to the desk). */
  prefix?: string;
  /** Not in the menu of an account holding only these roles (the page stays reachable): not their work. */
  notFor?: readonly Role[];
}

const entries: NavEntry[] = [
  { key: 'home', path: '/', label: 'nav.home', icon: <HomeOutlined /> },
  { key: 'stations', path: '/stations', label: 'nav.stations', icon: <ShopOutlined />, ability: 'station.read' },
  { key: 'deputies', path: '/deputies', label: 'nav.deputies', icon: <IdcardOutlined />, ability: 'deputy.read' },
  { key: 'groups', path: '/groups', label: 'nav.groups', icon: <ClusterOutlined />, ability: 'deputy.read' },
  { key: 'opinions', path: '/opinions', label: 'nav.opinions', icon: <CommentOutlined />, ability: 'opinion.read' },
  {
    key: 'signOffs',
    path: '/opinions/sign-offs',
    label: 'nav.signOffs',
    icon: <AuditOutlined />,
    ability: 'opinion.signOff',
  },
  {
    key: 'suggestionDesk',
    path: '/suggestions/desk',
    prefix: '/suggestions',
    label: 'nav.suggestionDesk',
    icon: <SolutionOutlined />,
    ability: 'suggestion.draft',
  },
  {
    key: 'suggestions',
    path: '/suggestions',
    label: 'nav.suggestions',
    icon: <FileTextOutlined />,
    ability: ['suggestion.read', 'suggestion.handle'],
  },
  {
    key: 'suggestionSessions',
    path: '/suggestions/sessions',
    label: 'nav.suggestionSessions',
    icon: <SettingOutlined />,
    ability: 'suggestion.review',
  },
  {
    key: 'suggestionFigures',
    path: '/suggestions/figures',
    label: 'nav.suggestionFigures',
    icon: <BarChartOutlined />,
    ability: 'suggestion.read',
  },
  { key: 'dutyMine', path: '/duty/mine', label: 'nav.dutyMine', icon: <ProfileOutlined />, ability: 'duty.own' },
  { key: 'dutyDesk', path: '/duty', label: 'nav.dutyDesk', icon: <ProfileOutlined />, ability: 'duty.read' },
  {
    key: 'statistics',
    path: '/statistics',
    label: 'nav.statistics',
    icon: <LineChartOutlined />,
    ability: ['statistics.read', 'statistics.unit'],
  },
  {
    key: 'statisticsTopics',
    path: '/statistics/topics',
    label: 'nav.statisticsTopics',
    icon: <LineChartOutlined />,
    ability: 'statistics.topics',
  },
  {
    key: 'projects',
    path: '/projects',
    label: 'nav.projects',
    icon: <FlagOutlined />,
    ability: ['project.read', 'project.propose', 'project.report'],
  },
  {
    key: 'projectVotes',
    path: '/projects/votes',
    label: 'nav.projectVotes',
    icon: <CheckSquareOutlined />,
    ability: 'project.manage',
  },
  {
    key: 'projectBallots',
    path: '/projects/ballots',
    label: 'nav.projectBallots',
    icon: <CheckSquareOutlined />,
    ability: 'project.vote',
  },
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
  {
    key: 'calendar',
    path: '/calendar',
    label: 'nav.calendar',
    icon: <CalendarOutlined />,
    ability: 'calendar.read',
    notFor: ['deputy'],
  },
  {
    key: 'notifications',
    path: '/notifications',
    label: 'nav.notifications',
    icon: <MessageOutlined />,
    ability: 'notify.read',
  },
  { key: 'account', path: '/account', label: 'nav.account', icon: <UserOutlined /> },
];

function selectedKey(pathname: string, shown: readonly NavEntry[] = entries): string {
  // The longest entry path the address starts with (/opinions/categories before /opinions), else the longest prefix.
  const under = (path: string) => path !== '/' && (pathname === path || pathname.startsWith(`${path}/`));
  const score = (e: NavEntry) =>
    under(e.path) ? 1000 + e.path.length : e.prefix && under(e.prefix) ? e.prefix.length : 0;
  const best = shown.map((e) => ({ key: e.key, score: score(e) })).sort((a, b) => b.score - a.score)[0];
  return best && best.score > 0 ? best.key : 'home';
}

/** The frame of every signed-in screen: side navigation by ability, header with preferences and the user menu. */
export function AppLayout() {
  const t = useT();
  const can = useCan();
  const location = useLocation();
  const { token } = theme.useToken();
  // On a phone (narrower than md) the side navigation folds away behind its button and lies over the page when open.
  const phone = useNarrow();
  const [folded, setFolded] = useState(true);

  const me = useMe();
  const allowed = (e: NavEntry) =>
    (!e.ability || (typeof e.ability === 'string' ? can(e.ability) : e.ability.some((a) => can(a)))) &&
    !(e.notFor && me.roles.length > 0 && me.roles.every((r) => e.notFor!.includes(r.role)));
  const shown = entries.filter(allowed);
  const items: MenuProps['items'] = shown.map((e) => ({
    key: e.key,
    icon: e.icon,
    label: (
      <Link to={e.path} data-testid={`nav-${e.key}`} onClick={() => setFolded(true)}>
        {t(e.label)}
      </Link>
    ),
  }));

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {phone && !folded ? (
        // Over the page while open on a phone: a tap beside the navigation folds it away.
        <div
          aria-hidden
          onClick={() => setFolded(true)}
          style={{ position: 'fixed', inset: 0, zIndex: 99, background: 'rgba(0, 0, 0, 0.25)' }}
        />
      ) : null}
      {/* Folded away on a phone it is not there at all (a collapsed menu would leave its tooltips over the page). */}
      {phone && folded ? null : (
        <Layout.Sider
          width={228}
          theme="light"
          trigger={null}
          style={
            phone
              ? { position: 'fixed', insetBlock: 0, insetInlineStart: 0, zIndex: 100, overflowY: 'auto' }
              : { borderRight: `1px solid ${token.colorBorderSecondary}` }
          }
        >
          <Flex align="flex-start" gap={8} style={{ padding: '18px 20px 14px' }}>
            <div style={{ flex: 1 }}>
              <Typography.Text strong style={{ fontSize: '1.05em', display: 'block', lineHeight: 1.35 }}>
                {t('app.name')}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
                {t('app.console')}
              </Typography.Text>
            </div>
            {phone ? (
              // The open navigation lies over the header's button: it folds away from here too.
              <Button
                type="text"
                icon={<CloseOutlined />}
                aria-label={t('common.close')}
                onClick={() => setFolded(true)}
                data-testid="nav-close"
              />
            ) : null}
          </Flex>
          <nav aria-label={t('nav.label')}>
            <Menu
              mode="inline"
              selectedKeys={[selectedKey(location.pathname, shown)]}
              items={items}
              style={{ borderInlineEnd: 0 }}
            />
          </nav>
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            paddingInline: phone ? 12 : 24,
            height: 'auto',
            minHeight: 64,
            lineHeight: 'normal',
          }}
        >
          <Flex align="center" justify="flex-end" gap={phone ? 8 : 16} style={{ minHeight: 64 }} wrap>
            {phone ? (
              <Button
                icon={<MenuOutlined />}
                aria-label={t('nav.toggle')}
                aria-expanded={!folded}
                onClick={() => setFolded(!folded)}
                style={{ marginInlineEnd: 'auto' }}
                data-testid="nav-toggle"
              />
            ) : null}
            <NotificationBell />
            <LanguageSwitch />
            <LargeTextToggle />
            <UserMenu />
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: phone ? 12 : 24, minWidth: 0 }}>
          {/* Layout.Content is the page's <main> landmark. */}
          <Suspense fallback={<FullPageSpin />}>
            {/* For who can load the year, and the desks whose deadlines count on it; not for deputies. */}
            {selectedKey(location.pathname) === 'home' && (can('calendar.manage') || can('opinion.ledger')) ? (
              <div style={{ marginBottom: 16 }}>
                <CalendarStatusBanner />
              </div>
            ) : null}
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
