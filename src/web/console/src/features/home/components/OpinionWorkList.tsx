import dayjs from 'dayjs';
import { Badge, Card, Empty, Flex, List, Skeleton, Tabs, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { OpinionSummary } from '../../../app/contracts.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { useOpinionList, type OpinionFilters } from '../../opinions/api.js';
import { paramsFromFilters } from '../../opinions/filters.js';
import { OpinionMarkers } from '../../opinions/components/OpinionMarkers.js';
import { OpinionStateTag } from '../../opinions/components/OpinionStateTag.js';
import { chinaDay } from '../../../../../../contracts/calendar.js';

/** One list of work: a to-do queue (or overdue, due soon) with its count and the filters behind it. */
export interface WorkList {
  key: string;
  label: string;
  count: number;
  filters: OpinionFilters;
  tone?: 'danger' | 'warn';
}

/** The address of the whole list behind a work list (the opinions page, filtered). */
export const listAddress = (filters: OpinionFilters) =>
  `/opinions?${new URLSearchParams(paramsFromFilters(filters)).toString()}`;

/** The deadline in words: red when past, orange within three days. */
function Deadline({ o }: { o: OpinionSummary }) {
  const t = useT();
  if (!o.deadline) return null;
  const left = dayjs(o.deadline.slice(0, 10)).diff(dayjs(chinaDay()), 'day');
  const type = o.overdue || left < 0 ? 'danger' : left <= 3 ? 'warning' : 'secondary';
  return (
    <Typography.Text type={type} strong={type !== 'secondary'} style={{ whiteSpace: 'nowrap' }}>
      {o.overdue || left < 0
        ? t('home.work.overdueBy', { day: o.deadline.slice(0, 10), n: -left })
        : left === 0
          ? t('home.work.dueToday', { day: o.deadline.slice(0, 10) })
          : t('home.work.dueIn', { day: o.deadline.slice(0, 10), n: left })}
    </Typography.Text>
  );
}

/** The first `size` opinions of a list, each with its state, what needs attention and its deadline. */
export function OpinionItems({ filters, size = 5, total }: { filters: OpinionFilters; size?: number; total?: number }) {
  const t = useT();
  const list = useOpinionList(filters);
  if (list.isPending) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (list.isError) return <ErrorAlert error={list.error} />;
  const items = list.data.pages.flatMap((p) => p.items).slice(0, size);
  if (!items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.work.none')} />;
  const more = (total ?? 0) > items.length || list.hasNextPage;
  return (
    <List<OpinionSummary>
      size="small"
      dataSource={items}
      data-testid="work-items"
      footer={
        more ? (
          <Link to={listAddress(filters)} data-testid="work-all">
            {total ? t('home.work.all', { n: total }) : t('home.work.allPlain')}
          </Link>
        ) : null
      }
      renderItem={(o) => (
        <List.Item key={o.id} data-testid={`work-item-${o.id}`} style={{ paddingInline: 0 }}>
          <Flex vertical gap={4} style={{ width: '100%', minWidth: 0 }}>
            <Flex gap={8} wrap align="center">
              <Link to={`/opinions/${o.id}`} style={{ fontFamily: 'monospace' }}>
                {o.receiptCode}
              </Link>
              <OpinionStateTag state={o.state} rating={o.rating} />
              <OpinionMarkers opinion={o} />
            </Flex>
            <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
              {o.excerpt}
            </Typography.Paragraph>
            <Flex gap={12} wrap>
              <Typography.Text type="secondary">
                {[o.orgName, o.leadUnitName].filter(Boolean).join(' · ')}
              </Typography.Text>
              <Deadline o={o} />
            </Flex>
          </Flex>
        </List.Item>
      )}
    />
  );
}

const countBadge = (l: WorkList) => (
  <Badge
    count={l.count}
    showZero
    overflowCount={999}
    color={l.tone === 'danger' ? '#cf1322' : l.tone === 'warn' ? '#d46b08' : l.count ? '#1668dc' : '#bfbfbf'}
  />
);

/**
 * Work lists as tabs (the home page: one list at a time, the count on each tab) or one card each
 * (the to-do page: every list open at once).
 */
export function OpinionWorkLists({
  lists,
  mode,
  size,
  empty,
}: {
  lists: readonly WorkList[];
  mode: 'tabs' | 'stack';
  size?: number;
  empty?: ReactNode;
}) {
  const t = useT();
  if (!lists.length) return <>{empty ?? <Empty description={t('home.work.nothing')} />}</>;
  if (mode === 'stack')
    return (
      <Flex vertical gap={16}>
        {lists.map((l) => (
          <Card
            key={l.key}
            size="small"
            title={
              <Flex gap={8} align="center">
                {l.label}
                {countBadge(l)}
              </Flex>
            }
            extra={<Link to={listAddress(l.filters)}>{t('home.work.openList')}</Link>}
            data-testid={`work-list-${l.key}`}
          >
            <OpinionItems filters={l.filters} size={size} total={l.count} />
          </Card>
        ))}
      </Flex>
    );
  return (
    <Tabs
      size="small"
      items={lists.map((l) => ({
        key: l.key,
        label: (
          <Flex gap={6} align="center" data-testid={`work-tab-${l.key}`}>
            {l.label}
            {countBadge(l)}
          </Flex>
        ),
        children: <OpinionItems filters={l.filters} size={size} total={l.count} />,
      }))}
    />
  );
}
