import { Button, Flex, Segmented, Table, Typography, type TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { DrillFigure, type DrillPage as Page } from '../../../../../../contracts/statistics.js';
import { stateLabels } from '../../../../../../contracts/opinions.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { usePrefs } from '../../../app/prefs.js';
import { useDrill, type DrillParams } from '../api.js';
import { definitionOf } from '../format.js';
import { BackToStatistics } from './PeriodSearch.js';

type Row = Page['items'][number];
const parts = ['all', 'met', 'missed'] as const;

/** /console/statistics/opinions?figure=…: the opinions behind one figure, each linking to its page. */
export function DrillPage() {
  const t = useT();
  const { lang } = usePrefs();
  const [search, setSearch] = useSearchParams();
  const figure = DrillFigure.safeParse(search.get('figure')).data ?? 'received';
  const part = (parts as readonly string[]).includes(search.get('part') ?? '')
    ? (search.get('part') as DrillParams['part'])
    : 'all';
  const params: DrillParams = {
    figure,
    part,
    from: search.get('from') ?? undefined,
    to: search.get('to') ?? undefined,
    orgId: Number(search.get('orgId')) || undefined,
  };
  const q = useDrill(params);
  const isRate = figure.endsWith('Rate');
  const def = definitionOf(figure as Parameters<typeof definitionOf>[0], lang);
  const columns: TableColumnsType<Row> = [
    {
      key: 'receipt',
      title: t('statistics.col.receipt'),
      width: 130,
      render: (_, r) => <Link to={`/opinions/${r.id}`}>{r.receiptCode}</Link>,
    },
    { key: 'content', title: t('statistics.col.content'), dataIndex: 'content' },
    {
      key: 'state',
      title: t('statistics.col.state'),
      width: 90,
      render: (_, r) => {
        const l = stateLabels[r.state as keyof typeof stateLabels];
        return l ? (lang === 'en' ? l.en : l.zh) : r.state;
      },
    },
    { key: 'org', title: t('statistics.col.org'), dataIndex: 'orgName', width: 150 },
    { key: 'created', title: t('statistics.col.created'), width: 110, render: (_, r) => r.createdAt.slice(0, 10) },
  ];
  return (
    <>
      <PageTitle extra={<BackToStatistics orgId={params.orgId} />}>
        {t('statistics.drill.title', { figure: def.name })}
      </PageTitle>
      <Flex vertical gap={12}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('statistics.definition')}
          {def.text}
        </Typography.Paragraph>
        {isRate ? (
          <Segmented
            value={part}
            onChange={(v) => {
              const next = new URLSearchParams(search);
              next.set('part', String(v));
              setSearch(next, { replace: true });
            }}
            options={parts.map((p) => ({ value: p, label: t(`statistics.drill.${p}`) }))}
            data-testid="drill-part"
          />
        ) : null}
        {q.error ? <ErrorAlert error={q.error} /> : null}
        <Table<Row>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={q.data?.pages.flatMap((pg) => pg.items) ?? []}
          loading={q.isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('statistics.empty') }}
          data-testid="drill-table"
        />
        {q.hasNextPage ? (
          <Button onClick={() => void q.fetchNextPage()} loading={q.isFetchingNextPage} data-testid="drill-more">
            {t('statistics.drill.more')}
          </Button>
        ) : null}
      </Flex>
    </>
  );
}
