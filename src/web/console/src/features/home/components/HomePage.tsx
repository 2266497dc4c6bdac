import {
  ApartmentOutlined,
  AuditOutlined,
  CommentOutlined,
  IdcardOutlined,
  ShopOutlined,
  TagsOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Card, Col, Descriptions, Flex, Row, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Action } from '../../../app/contracts.js';
import { useT, type MessageKey } from '../../../app/i18n.js';
import { roleLabel } from '../../../app/labels.js';
import { usePrefs } from '../../../app/prefs.js';
import { useCan, useMe } from '../../../app/session.js';
import { MyDutyCard } from '../../deputies/components/MyDutyCard.js';
import { MyTodoCard } from '../../opinions/components/MyTodoCard.js';
import { HomeStatsCard } from '../../statistics/components/HomeStatsCard.js';
import { MyDeskCard } from '../../suggestions/components/MyDeskCard.js';

interface Shortcut {
  path: string;
  title: MessageKey;
  description: MessageKey;
  icon: ReactNode;
  ability?: Action;
}

const shortcuts: Shortcut[] = [
  {
    path: '/opinions',
    title: 'nav.opinions',
    description: 'home.opinionsDesc',
    icon: <CommentOutlined />,
    ability: 'opinion.read',
  },
  {
    path: '/opinions/categories',
    title: 'opinions.categories',
    description: 'home.categoriesDesc',
    icon: <TagsOutlined />,
    ability: 'category.manage',
  },
  {
    path: '/stations',
    title: 'nav.stations',
    description: 'home.stationsDesc',
    icon: <ShopOutlined />,
    ability: 'station.read',
  },
  {
    path: '/deputies',
    title: 'nav.deputies',
    description: 'home.deputiesDesc',
    icon: <IdcardOutlined />,
    ability: 'deputy.read',
  },
  { path: '/users', title: 'nav.users', description: 'home.usersDesc', icon: <TeamOutlined />, ability: 'user.read' },
  { path: '/orgs', title: 'nav.orgs', description: 'home.orgsDesc', icon: <ApartmentOutlined />, ability: 'org.read' },
  { path: '/audit', title: 'nav.audit', description: 'home.auditDesc', icon: <AuditOutlined />, ability: 'audit.read' },
  { path: '/account', title: 'nav.account', description: 'home.accountDesc', icon: <UserOutlined /> },
];

/** /console/: who is signed in, with which roles and where; links to what they may open. */
export function HomePage() {
  const t = useT();
  const { lang } = usePrefs();
  const me = useMe();
  const can = useCan();

  return (
    <Flex vertical gap={24}>
      {/* Work first: a deputy's own duty and desk, then the queues of the closed loop, for those who work them. */}
      <MyDutyCard />
      {can('suggestion.draft') ? <MyDeskCard /> : null}
      {can('opinion.read') ? <MyTodoCard /> : null}
      {can('statistics.read') || can('statistics.unit') ? <HomeStatsCard /> : null}
      <Card>
        <Typography.Title level={1} style={{ marginTop: 0, fontSize: '1.6em' }}>
          {t('home.welcome', { name: me.displayName })}
        </Typography.Title>
        <Descriptions
          column={1}
          styles={{ label: { width: 160 } }}
          items={[
            { key: 'username', label: t('home.username'), children: me.username },
            { key: 'org', label: t('home.org'), children: me.orgName },
            {
              key: 'roles',
              label: t('home.roles'),
              children: me.roles.length ? (
                <Flex gap={8} wrap>
                  {me.roles.map((r) => (
                    // A long organisation name wraps rather than pushing the page sideways on a phone.
                    <Tag key={`${r.role}-${r.orgId}`} color="blue" style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}>
                      {roleLabel(r.role, lang)} · {r.orgName}
                    </Tag>
                  ))}
                </Flex>
              ) : (
                t('home.noRoles')
              ),
            },
            {
              key: 'totp',
              label: t('home.totp'),
              children: me.totpEnabled ? (
                <Tag color="green">{t('common.on')}</Tag>
              ) : (
                <Flex gap={8} wrap align="center">
                  <Tag>{t('common.off')}</Tag>
                  <Typography.Text type="secondary">{t('home.totpOffHint')}</Typography.Text>
                </Flex>
              ),
            },
          ]}
        />
      </Card>
      <section>
        <Typography.Title level={2} style={{ fontSize: '1.2em' }}>
          {t('home.shortcuts')}
        </Typography.Title>
        <Row gutter={[16, 16]}>
          {shortcuts
            .filter((s) => !s.ability || can(s.ability))
            .map((s) => (
              <Col key={s.path} xs={24} md={12} xl={6}>
                <Link to={s.path} style={{ display: 'block', height: '100%' }}>
                  <Card hoverable style={{ height: '100%' }}>
                    <Card.Meta
                      avatar={<span style={{ fontSize: '1.6em', color: '#1668dc' }}>{s.icon}</span>}
                      title={t(s.title)}
                      description={t(s.description)}
                    />
                  </Card>
                </Link>
              </Col>
            ))}
        </Row>
      </section>
    </Flex>
  );
}
