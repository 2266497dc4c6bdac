import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Skeleton, Typography, type TableColumnsType } from 'antd';
import { ResponsiveTable } from '../../../app/ResponsiveTable.js';
import { useSearchParams, Link } from 'react-router';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { figuresExportUrl, useFigures, type SuggestionFigures } from '../api.js';
import { numberStyle } from '../values.js';
import { FiguresTotals, percent } from './FiguresTotals.js';
import { SessionSelect } from './SessionSelect.js';

type Rates = SuggestionFigures['total'];
type UnitRow = SuggestionFigures['units'][number];
type DeputyRow = SuggestionFigures['deputies'][number];
type OverdueRow = SuggestionFigures['overdueList'][number];

/** The columns every figures table shares (counts, rates, the class mix). */
function useRateColumns<T extends Rates>(): TableColumnsType<T> {
  const t = useT();
  return [
    { key: 'count', title: t('suggestions.figures.col.count'), dataIndex: 'count', width: 70 },
    { key: 'answered', title: t('suggestions.figures.col.answered'), dataIndex: 'answered', width: 80 },
    { key: 'onTime', title: t('suggestions.figures.onTimeRate'), render: (_, r) => percent(r.onTimeRate), width: 100 },
    {
      key: 'consultation',
      title: t('suggestions.figures.consultationRate'),
      render: (_, r) => percent(r.consultationRate),
      width: 90,
    },
    {
      key: 'first',
      title: t('suggestions.figures.firstSatisfactionRate'),
      render: (_, r) => percent(r.firstSatisfactionRate),
      width: 100,
    },
    {
      key: 'final',
      title: t('suggestions.figures.finalSatisfactionRate'),
      render: (_, r) => percent(r.finalSatisfactionRate),
      width: 100,
    },
    {
      key: 'resolution',
      title: t('suggestions.figures.resolutionRate'),
      render: (_, r) => percent(r.resolutionRate),
      width: 90,
    },
    {
      key: 'classes',
      title: t('suggestions.figures.col.classes'),
      render: (_, r) => `${r.classes.A}/${r.classes.B}/${r.classes.C}/${r.classes.D}`,
      width: 100,
    },
    { key: 'redo', title: t('suggestions.figures.redo'), dataIndex: 'redo', width: 90 },
    { key: 'overdue', title: t('suggestions.figures.col.overdue'), dataIndex: 'overdue', width: 80 },
  ];
}

/** /console/suggestions/figures: the handling figures of a session (or all), by unit and deputy, the overdue list, the export. */
export function FiguresPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('sessionId'));
  const sessionId = Number.isSafeInteger(asked) && asked > 0 ? asked : undefined;
  const figures = useFigures(sessionId);
  const rateColumns = useRateColumns<Rates>();

  const unitColumns: TableColumnsType<UnitRow> = [
    { key: 'rank', title: t('suggestions.figures.col.rank'), dataIndex: 'rank', width: 60, fixed: 'left' },
    { key: 'name', title: t('suggestions.figures.col.unit'), dataIndex: 'name', width: 180, fixed: 'left' },
    ...(rateColumns as TableColumnsType<UnitRow>),
  ];
  const deputyColumns: TableColumnsType<DeputyRow> = [
    { key: 'name', title: t('suggestions.figures.col.deputy'), dataIndex: 'name', width: 120, fixed: 'left' },
    ...(rateColumns as TableColumnsType<DeputyRow>),
  ];
  const overdueColumns: TableColumnsType<OverdueRow> = [
    {
      key: 'number',
      title: t('suggestions.col.number'),
      width: 110,
      render: (_, r) => (
        <Link to={`/suggestions/${r.id}`} style={numberStyle}>
          {r.number ?? t('suggestions.noNumber')}
        </Link>
      ),
    },
    { key: 'title', title: t('suggestions.col.title'), dataIndex: 'title' },
    { key: 'units', title: t('suggestions.figures.col.unit'), dataIndex: 'unitNames' },
    {
      key: 'due',
      title: t('suggestions.col.due'),
      render: (_, r) => <Typography.Text type="danger">{r.due}</Typography.Text>,
      width: 120,
    },
  ];
  const table = <T extends object>(
    rows: T[] | undefined,
    columns: TableColumnsType<T>,
    rowKey: keyof T & string,
    testId: string,
  ) => (
    <ResponsiveTable<T>
      rowKey={rowKey}
      size="small"
      columns={columns}
      dataSource={rows ?? []}
      pagination={false}
      scroll={{ x: 'max-content' }}
      loading={figures.isFetching && figures.isPlaceholderData}
      locale={{ emptyText: t('suggestions.figures.empty') }}
      data-testid={testId}
    />
  );

  return (
    <>
      <PageTitle
        extra={
          <Button icon={<DownloadOutlined />} href={figuresExportUrl(sessionId)} download data-testid="figures-export">
            {t('suggestions.figures.export')}
          </Button>
        }
      >
        {t('suggestions.figures.title')}
      </PageTitle>
      <Flex vertical gap={16}>
        <Flex gap={8} align="center" wrap>
          <Typography.Text>{t('suggestions.filter.session')}</Typography.Text>
          <SessionSelect
            id="figures-session"
            value={sessionId}
            onChange={(v) => setParams(v ? { sessionId: String(v) } : {}, { replace: true })}
            allowClear
            aria-label={t('suggestions.filter.session')}
            style={{ width: 360, maxWidth: '100%' }}
          />
        </Flex>
        {figures.isError ? <ErrorAlert error={figures.error} /> : null}
        {figures.isPending ? (
          <Skeleton active />
        ) : figures.data ? (
          <>
            <FiguresTotals total={figures.data.total} />
            <Card title={t('suggestions.figures.units')} size="small">
              <Typography.Paragraph type="secondary">{t('suggestions.figures.unitsHelp')}</Typography.Paragraph>
              {table(figures.data.units, unitColumns, 'unitId', 'figures-units')}
            </Card>
            <Card title={t('suggestions.figures.deputies')} size="small">
              {table(figures.data.deputies, deputyColumns, 'deputyId', 'figures-deputies')}
            </Card>
            <Card title={t('suggestions.figures.overdueList')} size="small">
              {table(figures.data.overdueList, overdueColumns, 'id', 'figures-overdue')}
            </Card>
          </>
        ) : null}
      </Flex>
    </>
  );
}
