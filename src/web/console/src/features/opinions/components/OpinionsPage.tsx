import { CheckSquareOutlined, PlusOutlined, TagsOutlined } from '@ant-design/icons';
import { Button, Card, Tag, Typography, type TableColumnsType } from 'antd';
import { ResponsiveTable } from '../../../app/ResponsiveTable.js';
import { useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { OpinionSummary } from '../../../app/contracts.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { formatDateTime, useT } from '../../../app/i18n.js';
import { LoadMoreFooter } from '../../../app/LoadMoreFooter.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { usePrefs } from '../../../app/prefs.js';
import { useCan } from '../../../app/session.js';
import { useNarrow } from '../../../app/use-narrow.js';
import { useCategories, useOpinionList, useStations, type OpinionFilters } from '../api.js';
import { categoryPath } from '../category-tree.js';
import { filtersFromParams, paramsFromFilters } from '../filters.js';
import { supervisionColors } from '../values.js';
import { LedgerExportButton } from './LedgerExportButton.js';
import { OpinionFilterBar } from './OpinionFilterBar.js';
import { OpinionMarkers } from './OpinionMarkers.js';
import { OpinionStateTag } from './OpinionStateTag.js';

/** /console/opinions: the opinions in scope, filtered (the filters live in the address), newest first. */
export function OpinionsPage() {
  const t = useT();
  const can = useCan();
  const { lang } = usePrefs();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const list = useOpinionList(filters);
  const categories = useCategories();
  const stations = useStations();
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);

  const setFilters = (next: OpinionFilters) => setParams(paramsFromFilters(next), { replace: true });

  // One station in scope (a liaison officer): its name in every row says nothing.
  const manyStations = (stations.data?.length ?? 0) !== 1;
  const mono = { fontFamily: 'ui-monospace, Menlo, Consolas, monospace', whiteSpace: 'nowrap' } as const;

  // Marks and supervision only when a row shown has one: empty, they push the unit and date off a 1366 px screen.
  const anyMarker = rows.some((o) => o.overdue || o.urgency === 'urgent' || o.returnCount > 0 || o.extensionCount > 0);
  const anySupervision = rows.some((o) => o.supervisionLevel);
  // A long name is cut to its cell, whole on hover (on a phone's cards it wraps instead).
  const narrow = useNarrow();
  const cut = (text: string) =>
    narrow ? (
      text
    ) : (
      <span
        title={text}
        style={{ display: 'block', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
      >
        {text}
      </span>
    );

  // What needs attention comes first (state, marks, deadline, supervision); the rest scrolls.
  const columns: TableColumnsType<OpinionSummary> = [
    {
      key: 'receipt',
      title: t('opinions.col.receipt'),
      width: 130,
      fixed: 'left',
      render: (_, o) => (
        <Link to={`/opinions/${o.id}`} onClick={(e) => e.stopPropagation()} style={mono}>
          {o.receiptCode}
        </Link>
      ),
    },
    {
      key: 'state',
      title: t('opinions.col.state'),
      width: 104,
      render: (_, o) => <OpinionStateTag state={o.state} rating={o.rating} />,
    },
    ...(anyMarker
      ? [
          {
            key: 'markers',
            title: t('opinions.col.markers'),
            width: 120,
            render: (_: unknown, o: OpinionSummary) => <OpinionMarkers opinion={o} />,
          },
        ]
      : []),
    {
      key: 'deadline',
      title: t('opinions.col.deadline'),
      width: 108,
      render: (_, o) =>
        o.deadline ? (
          <Typography.Text type={o.overdue ? 'danger' : undefined} strong={o.overdue} style={{ whiteSpace: 'nowrap' }}>
            {o.deadline}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    ...(anySupervision
      ? [
          {
            key: 'supervision',
            title: t('opinions.col.supervision'),
            width: 96,
            render: (_: unknown, o: OpinionSummary) =>
              o.supervisionLevel ? (
                <Tag color={supervisionColors[o.supervisionLevel]} style={{ marginInlineEnd: 0 }}>
                  {t(`opinionSupervision.${o.supervisionLevel}`)}
                </Tag>
              ) : (
                '—'
              ),
          },
        ]
      : []),
    {
      key: 'excerpt',
      title: t('opinions.col.excerpt'),
      width: 240,
      render: (_, o) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: o.excerpt }} style={{ marginBottom: 0 }}>
          {o.excerpt}
        </Typography.Paragraph>
      ),
    },
    ...(manyStations
      ? [
          {
            key: 'station',
            title: t('opinions.col.station'),
            width: 140,
            render: (_: unknown, o: OpinionSummary) => cut(o.orgName),
          },
        ]
      : []),
    {
      key: 'category',
      title: t('opinions.col.category'),
      width: 140,
      render: (_, o) => cut(categoryPath(categories.data, o.categoryId, lang) ?? o.categoryName ?? '—'),
    },
    {
      key: 'leadUnit',
      title: t('opinions.col.leadUnit'),
      width: 140,
      render: (_, o) => cut(o.leadUnitName ?? '—'),
    },
    {
      key: 'created',
      title: t('opinions.col.created'),
      width: 112,
      render: (_, o) => {
        const at = formatDateTime(o.createdAt, lang);
        return (
          <span title={at} style={{ whiteSpace: 'nowrap' }}>
            {at.slice(0, 10)}
          </span>
        );
      },
    },
  ];

  return (
    <>
      <PageTitle
        extra={
          <>
            <Button
              icon={<CheckSquareOutlined />}
              onClick={() => void navigate('/opinions/todo')}
              data-testid="open-todo"
            >
              {t('opinions.todo')}
            </Button>
            {can('category.manage') ? (
              <Button icon={<TagsOutlined />} onClick={() => void navigate('/opinions/categories')}>
                {t('opinions.categories')}
              </Button>
            ) : null}
            {can('opinion.ledger') ? <LedgerExportButton defaultOrgId={filters.orgId} /> : null}
            {can('opinion.register') ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => void navigate('/opinions/new')}
                data-testid="register-opinion"
              >
                {t('opinions.register')}
              </Button>
            ) : null}
          </>
        }
      >
        {t('opinions.title')}
      </PageTitle>
      <Card>
        {/* Overdue rows in red, the fixed receipt-code cell included. */}
        <style>{'.opinion-overdue > td.ant-table-cell { background: #fff1f0 !important; }'}</style>
        <OpinionFilterBar filters={filters} onChange={setFilters} />
        {list.isError ? (
          <div style={{ marginBottom: 16 }}>
            <ErrorAlert error={list.error} />
          </div>
        ) : null}
        <ResponsiveTable<OpinionSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          // A spinner for new filters, not for a refresh in the background.
          loading={list.isPending || (list.isPlaceholderData && list.isFetching)}
          pagination={false}
          scroll={{ x: 'max-content' }}
          chooseColumns="opinions"
          locale={{ emptyText: t('opinions.empty') }}
          rowClassName={(o) => (o.overdue ? 'opinion-overdue' : '')}
          onRow={(o) => ({
            onClick: () => void navigate(`/opinions/${o.id}`),
            style: { cursor: 'pointer' },
            'data-testid': `opinion-row-${o.id}`,
          })}
        />
        <LoadMoreFooter
          shown={rows.length}
          hasMore={Boolean(list.hasNextPage)}
          loading={list.isFetchingNextPage}
          onMore={() => void list.fetchNextPage()}
        />
      </Card>
    </>
  );
}
