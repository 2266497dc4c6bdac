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
import { Card, Col, Flex, Row, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Action } from '../../../app/contracts.js';
import { useT, type MessageKey } from '../../../app/i18n.js';
import { useCan } from '../../../app/session.js';
import { MyDutyCard } from '../../deputies/components/MyDutyCard.js';
import { HomeStatsCard } from '../../statistics/components/HomeStatsCard.js';
import { MyDeskCard } from '../../suggestions/components/MyDeskCard.js';
import { DeputyHome, RoleIntro, SignOffsCard, ToRateNotice, WorkCard } from './RoleHomes.js';

interface Shortcut {
  path: string;
  title: MessageKey;
  /** What the entry does; for opinions it depends on what the account may do there. */
  description: MessageKey | ((can: (a: Action) => boolean) => MessageKey);
  icon: ReactNode;
  ability?: Action;
}

const shortcuts: Shortcut[] = [
  {
    path: '/opinions',
    title: 'nav.opinions',
    // The desks keep the whole loop; a deputy or consultant registers and follows; a unit answers.
    description: (can) =>
      can('opinion.ledger')
        ? 'home.opinionsDesc'
        : can('opinion.register')
          ? 'home.opinionsDesc.register'
          : 'home.opinionsDesc.unit',
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

/**
 * /console/: each role's home. Who is signed in and what each of their roles does; then the work of
 * those roles as live lists (a deputy's year, activities and papers; a head's sign-offs; the loop's
 * to-do for officers and units; the district's figures); shortcuts to what they may open last.
 */
export function HomePage() {
  const t = useT();
  const can = useCan();

  return (
    <Flex vertical gap={24}>
      <RoleIntro />
      <ToRateNotice />
      <SignOffsCard />
      <WorkCard />
      <MyDutyCard />
      <DeputyHome />
      {can('suggestion.draft') ? <MyDeskCard /> : null}
      {can('statistics.read') || can('statistics.unit') ? <HomeStatsCard /> : null}
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
                      description={t(typeof s.description === 'function' ? s.description(can) : s.description)}
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
