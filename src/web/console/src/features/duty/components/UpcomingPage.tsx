import { Card, Empty, Flex, List, Skeleton, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { chinaDay } from '../../../../../../contracts/calendar.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { useUpcomingReceptions } from '../more-api.js';
import { MyEvents } from './MyEvents.js';

/** The receptions to come the deputy is on duty for. */
function UpcomingReceptions() {
  const t = useT();
  const list = useUpcomingReceptions();
  if (list.isPending) return <Skeleton active />;
  if (list.isError) return <ErrorAlert error={list.error} />;
  if (!list.data.items.length) return <Empty description={t('dutyMore.upcomingNoReceptions')} />;
  return (
    <List
      size="small"
      dataSource={list.data.items}
      renderItem={(r) => (
        <List.Item
          key={r.id}
          style={{ paddingInline: 0 }}
          data-testid={`upcoming-reception-${r.id}`}
          actions={[
            <Link key="open" to={`/receptions/${r.id}`}>
              {t('dutyMore.openReception')}
            </Link>,
          ]}
        >
          <Flex vertical gap={2} style={{ minWidth: 0 }}>
            <Typography.Text strong>
              {r.stationName}
              {r.theme ? ` · ${r.theme}` : ''}
            </Typography.Text>
            <Typography.Text type="secondary">
              {r.day} {r.start}–{r.end}
              {r.place ? ` · ${r.place}` : ''}
            </Typography.Text>
            <Tag color={r.status === 'published' ? 'green' : 'blue'} style={{ width: 'fit-content' }}>
              {t(r.status === 'published' ? 'dutyMore.receptionStatus.published' : 'dutyMore.receptionStatus.planned')}
            </Tag>
          </Flex>
        </List.Item>
      )}
    />
  );
}

/**
 * /console/duty/upcoming: the deputy's activities to come (phone first): the receptions they are on
 * duty for, then the activities they are invited to or may sign up for, from today (into the next year).
 */
export function UpcomingPage() {
  const t = useT();
  const today = chinaDay();
  const year = Number(today.slice(0, 4));
  return (
    <>
      <PageTitle>{t('dutyMore.upcomingTitle')}</PageTitle>
      <Typography.Paragraph type="secondary">{t('dutyMore.upcomingIntro')}</Typography.Paragraph>
      <Flex vertical gap={12}>
        <Card title={t('dutyMore.upcomingReceptions')} size="small" data-testid="upcoming-receptions">
          <UpcomingReceptions />
        </Card>
        <Card title={t('dutyMore.upcomingEvents')} size="small" data-testid="upcoming-events">
          <MyEvents
            // Into the next year too: in late December, January's activities are the ones to come.
            years={[year, year + 1]}
            only={(e) => e.day >= today && e.state === 'planned' && Boolean(e.mine?.enrolled || e.mine?.canSignUp)}
            empty={t('dutyMore.upcomingNoEvents')}
          />
        </Card>
      </Flex>
    </>
  );
}
