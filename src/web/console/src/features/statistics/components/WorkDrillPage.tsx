import { Flex, Segmented, Table, Typography, type TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router';
import {
  projectRatingLabels,
  projectStateLabels,
  suggestionRateDefinitions,
  WorkDrillQuery,
  type WorkDrillPage as Page,
} from '../../../../../../contracts/statistics.js';
import { stateLabels } from '../../../../../../contracts/suggestions.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT, type MessageKey } from '../../../app/i18n.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { usePrefs } from '../../../app/prefs.js';
import { useWorkDrill, type WorkDrillParams } from '../api.js';
import { BackToStatistics } from './PeriodSearch.js';

type Row = Page['items'][number];
const parts = ['all', 'met', 'missed'] as const;

/** /console/statistics/work?kind=…: the suggestions or projects behind one figure, each linking to its page. */
export function WorkDrillPage() {
  const t = useT();
  const { lang } = usePrefs();
  const l = lang === 'en' ? 'en' : 'zh';
  const [search, setSearch] = useSearchParams();
  const parsed = WorkDrillQuery.safeParse(Object.fromEntries(search));
  const params: WorkDrillParams = parsed.success
    ? (Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as unknown as WorkDrillParams)
    : { kind: 'suggestion' };
  const q = useWorkDrill(params);
  const project = params.kind === 'project';
  const figure = params.figure ?? 'submitted';
  const rate =
    figure in suggestionRateDefinitions
      ? suggestionRateDefinitions[figure as keyof typeof suggestionRateDefinitions][l]
      : null;
  const title = project
    ? [
        t('statistics.pj.list'),
        params.state ? (projectStateLabels[params.state]?.[l] ?? params.state) : null,
        params.rating !== undefined ? (projectRatingLabels[params.rating]?.[l] ?? params.rating) : null,
      ]
    : [
        t('statistics.sg.list'),
        rate?.name ?? t(`statistics.sg.${figure}` as MessageKey),
        params.state ? (stateLabels[params.state as keyof typeof stateLabels]?.[l] ?? params.state) : null,
      ];
  const columns: TableColumnsType<Row> = [
    {
      key: 'number',
      title: project ? t('statistics.col.year') : t('statistics.col.number'),
      width: 110,
      render: (_, r) => r.number ?? `#${r.id}`,
    },
    {
      key: 'title',
      title: t('statistics.col.title'),
      render: (_, r) => <Link to={`/${project ? 'projects' : 'suggestions'}/${r.id}`}>{r.title}</Link>,
    },
    {
      key: 'state',
      title: t('statistics.col.state'),
      width: 110,
      render: (_, r) =>
        (project ? projectStateLabels[r.state] : stateLabels[r.state as keyof typeof stateLabels])?.[l] ?? r.state,
    },
    {
      key: 'detail',
      title: project ? t('statistics.col.org') : t('statistics.col.submitted'),
      dataIndex: 'detail',
      width: 150,
    },
  ];
  return (
    <>
      <PageTitle extra={<BackToStatistics orgId={params.orgId} />}>{title.filter(Boolean).join(' · ')}</PageTitle>
      <Flex vertical gap={12}>
        {rate ? (
          <>
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
              {t('statistics.definition')}
              {rate.text}
            </Typography.Paragraph>
            <Segmented
              value={params.part ?? 'all'}
              onChange={(v) => {
                const next = new URLSearchParams(search);
                next.set('part', String(v));
                setSearch(next, { replace: true });
              }}
              options={parts.map((p) => ({ value: p, label: t(`statistics.drill.${p}`) }))}
              data-testid="work-drill-part"
            />
          </>
        ) : null}
        {q.error ? <ErrorAlert error={q.error} /> : null}
        <Table<Row>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={q.data?.items ?? []}
          loading={q.isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('statistics.empty') }}
          data-testid="work-drill-table"
        />
        {q.data?.truncated ? <Typography.Text type="secondary">{t('statistics.truncated')}</Typography.Text> : null}
      </Flex>
    </>
  );
}
