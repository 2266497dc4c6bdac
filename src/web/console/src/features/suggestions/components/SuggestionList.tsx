import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import { Card, Empty, Flex, Skeleton, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Page } from '../../../app/contracts.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { LoadMoreFooter } from '../../../app/LoadMoreFooter.js';
import type { SuggestionSummary } from '../api.js';
import { useNarrow } from '../../../app/use-narrow.js';
import { numberStyle } from '../values.js';
import { SuggestionMarks } from './SuggestionMarks.js';
import { SuggestionStateTag } from './SuggestionStateTag.js';

type List = UseInfiniteQueryResult<InfiniteData<Page<SuggestionSummary>>>;

/** The answer is due only while a unit is handling it; after the answer the date is history. */
const dueMatters = (s: SuggestionSummary) => !!s.answerDue && (s.state === 'assigned' || s.state === 'reHandling');

/** The due date, red when it has passed. */
function Due({ s }: { s: SuggestionSummary }) {
  if (!dueMatters(s)) return <>—</>;
  return (
    <Typography.Text type={s.overdue ? 'danger' : undefined} strong={s.overdue} style={{ whiteSpace: 'nowrap' }}>
      {s.answerDue}
    </Typography.Text>
  );
}

/** One suggestion as a card (phones): number and state, title, lead deputy and due date, marks. */
function SuggestionCard({ s }: { s: SuggestionSummary }) {
  const t = useT();
  return (
    <Link
      to={`/suggestions/${s.id}`}
      style={{ display: 'block', color: 'inherit' }}
      data-testid={`suggestion-card-${s.id}`}
    >
      <Card size="small" hoverable styles={{ body: { padding: 12 } }}>
        <Flex vertical gap={6}>
          <Flex justify="space-between" align="center" gap={8} wrap>
            <Typography.Text type="secondary" style={numberStyle}>
              {s.number ?? t('suggestions.noNumber')}
            </Typography.Text>
            <SuggestionStateTag state={s.state} />
          </Flex>
          <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
            {s.title}
          </Typography.Text>
          <Flex gap={8} wrap align="center">
            <Typography.Text type="secondary">{s.leadDeputyName}</Typography.Text>
            {dueMatters(s) ? (
              <Typography.Text type={s.overdue ? 'danger' : 'secondary'} style={{ whiteSpace: 'nowrap' }}>
                {t('suggestions.due', { date: s.answerDue ?? '' })}
              </Typography.Text>
            ) : null}
          </Flex>
          <SuggestionMarks suggestion={s} />
        </Flex>
      </Card>
    </Link>
  );
}

/**
 * A keyset-paged list of suggestions: a table on a wide screen, cards on a phone (no sideways
 * scrolling), each opening the suggestion's page; "load more" below.
 */
export function SuggestionList({
  list,
  emptyText,
  showSession = true,
  testId,
}: {
  list: List;
  emptyText: string;
  showSession?: boolean;
  testId?: string;
}) {
  const t = useT();
  const narrow = useNarrow();
  const navigate = useNavigate();
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);

  const columns: TableColumnsType<SuggestionSummary> = [
    {
      key: 'number',
      title: t('suggestions.col.number'),
      width: 100,
      render: (_, s) => (
        <Link to={`/suggestions/${s.id}`} onClick={(e) => e.stopPropagation()} style={numberStyle}>
          {s.number ?? t('suggestions.noNumber')}
        </Link>
      ),
    },
    {
      key: 'title',
      title: t('suggestions.col.title'),
      render: (_, s) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: s.title }} style={{ marginBottom: 0 }}>
          {s.title}
        </Typography.Paragraph>
      ),
    },
    { key: 'lead', title: t('suggestions.col.lead'), width: 96, render: (_, s) => s.leadDeputyName },
    ...(showSession
      ? [
          {
            key: 'session',
            title: t('suggestions.col.session'),
            width: 150,
            render: (_: unknown, s: SuggestionSummary) => (
              <Typography.Text type="secondary" ellipsis={{ tooltip: s.sessionName }} style={{ maxWidth: 150 }}>
                {s.sessionName}
              </Typography.Text>
            ),
          },
        ]
      : []),
    {
      key: 'state',
      title: t('suggestions.col.state'),
      width: 120,
      render: (_, s) => <SuggestionStateTag state={s.state} />,
    },
    { key: 'due', title: t('suggestions.col.due'), width: 110, render: (_, s) => <Due s={s} /> },
    {
      key: 'marks',
      title: t('suggestions.col.marks'),
      width: 130,
      render: (_, s) => <SuggestionMarks suggestion={s} />,
    },
  ];

  const error = list.isError ? (
    <div style={{ marginBottom: 16 }}>
      <ErrorAlert error={list.error} />
    </div>
  ) : null;
  const footer = (
    <LoadMoreFooter
      shown={rows.length}
      hasMore={Boolean(list.hasNextPage)}
      loading={list.isFetchingNextPage}
      onMore={() => void list.fetchNextPage()}
    />
  );

  if (narrow)
    return (
      <div data-testid={testId}>
        {error}
        {list.isPending ? (
          <Skeleton active paragraph={{ rows: 3 }} />
        ) : rows.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />
        ) : (
          <Flex vertical gap={8}>
            {rows.map((s) => (
              <SuggestionCard key={s.id} s={s} />
            ))}
          </Flex>
        )}
        {footer}
      </div>
    );

  return (
    <>
      {error}
      <Table<SuggestionSummary>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={list.isPending || (list.isPlaceholderData && list.isFetching)}
        pagination={false}
        // The title takes what the fixed columns leave; below ~900 px the table scrolls inside its card.
        scroll={{ x: 900 }}
        locale={{ emptyText }}
        onRow={(s) => ({
          onClick: () => void navigate(`/suggestions/${s.id}`),
          style: { cursor: 'pointer' },
          'data-testid': `suggestion-row-${s.id}`,
        })}
        data-testid={testId}
      />
      {footer}
    </>
  );
}
