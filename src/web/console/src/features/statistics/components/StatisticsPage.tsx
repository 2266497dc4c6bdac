import { AuditOutlined, DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Row, Skeleton, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { useMemo } from 'react';
import type { MessageKey } from '../../../app/i18n.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useDateFormat, useT } from '../../../app/i18n.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { dashboardExportUrl, reportUrl, useDashboard, type Dashboard, type DashboardParams } from '../api.js';
import { ExportLinks } from './ExportLinks.js';
import { PeriodButtons, usePeriodSearch } from './PeriodSearch.js';
import { WorkCards } from './WorkCards.js';
import { Chart } from './Chart.js';
import { RankTable } from './RankTable.js';
import { RateCards } from './RateCards.js';
import { SignalsCard } from './SignalsCard.js';
import { TopicsCard } from './TopicsCard.js';
import { useCan } from '../../../app/session.js';
import { chinaYear } from '../../../../../../contracts/calendar.js';

function barOption(names: string[], values: number[]) {
  return {
    grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: names, inverse: true },
    series: [{ type: 'bar', data: values }],
  };
}

function Charts({ d, params }: { d: Dashboard; params: DashboardParams }) {
  const t = useT();
  const volume = useMemo(
    () => ({
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      xAxis: { type: 'category', data: d.series.map((s) => s.bucket) },
      yAxis: { type: 'value' },
      series: [
        { name: t('statistics.volume.received'), type: 'line', data: d.series.map((s) => s.received) },
        { name: t('statistics.volume.closed'), type: 'line', data: d.series.map((s) => s.closed) },
      ],
    }),
    [d, t],
  );
  const categories = useMemo(
    () =>
      barOption(
        d.categories.slice(0, 10).map((c) => c.name),
        d.categories.slice(0, 10).map((c) => c.received),
      ),
    [d],
  );
  const channels = useMemo(
    () =>
      barOption(
        d.channels.map((c) => t(`opinionChannel.${c.channel}` as MessageKey)),
        d.channels.map((c) => c.received),
      ),
    [d, t],
  );
  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('statistics.volume')} extra={<ExportLinks params={params} part="series" />}>
          <Chart option={volume} label={t('statistics.volume')} />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('statistics.byCategory')} extra={<ExportLinks params={params} part="categories" />}>
          <Chart option={categories} label={t('statistics.byCategory')} />
        </Card>
      </Col>
      {d.channels.length ? (
        <Col xs={24} lg={12}>
          <Card size="small" title={t('statistics.byChannel')} extra={<ExportLinks params={params} part="channels" />}>
            <Chart option={channels} label={t('statistics.byChannel')} height={220} />
          </Card>
        </Col>
      ) : null}
    </Row>
  );
}

/** /console/statistics: the home of figures for each role: the district, a street, a station or a unit. */
export function StatisticsPage() {
  const t = useT();
  const when = useDateFormat();
  const { preset, orgId, params, set } = usePeriodSearch();
  const q = useDashboard(params);
  const can = useCan();
  const d = q.data;
  // The yearly report: of the year the period ends in.
  const reportYear = Number((params.to ?? '').slice(0, 4)) || chinaYear();
  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined />} href={dashboardExportUrl(params)} download data-testid="stat-export">
              {t('statistics.export')}
            </Button>
            <Button
              icon={<PrinterOutlined />}
              href={reportUrl(reportYear, orgId, 'html')}
              target="_blank"
              rel="noopener"
              data-testid="stat-report"
            >
              {t('statistics.report', { year: reportYear })}
            </Button>
            <Button href={reportUrl(reportYear, orgId, 'xlsx')} download data-testid="stat-report-xlsx">
              {t('statistics.report.xlsx')}
            </Button>
            {can('statistics.read') && d?.scope.kind !== 'unit' ? (
              <Link to={`/statistics/compliance${orgId ? `?orgId=${orgId}` : ''}`}>
                <Button icon={<AuditOutlined />} data-testid="stat-compliance">
                  {t('statistics.compliance.title')}
                </Button>
              </Link>
            ) : null}
          </Space>
        }
      >
        {t('statistics.title')}
      </PageTitle>
      <Flex vertical gap={16}>
        <Flex wrap gap={12} align="center">
          <PeriodButtons preset={preset} onChange={(v) => set('period', v)} />
          {d ? (
            <Typography.Text type="secondary" data-testid="stat-scope">
              {t('statistics.scope', { name: d.scope.name })} ·{' '}
              {t('statistics.period.range', { from: d.period.from, to: d.period.to })} ·{' '}
              {d.asOf ? t('statistics.asOf', { time: when.dateTime(d.asOf) }) : t('statistics.notYet')}
            </Typography.Text>
          ) : null}
          {orgId ? (
            <Button size="small" onClick={() => set('orgId', undefined)}>
              {t('statistics.drill.back')}
            </Button>
          ) : null}
        </Flex>
        {q.error ? <ErrorAlert error={q.error} /> : null}
        {!d ? (
          <Skeleton active />
        ) : (
          <>
            <RateCards totals={d.totals} params={params} unit={d.scope.kind === 'unit'} />
            {d.scope.kind === 'area' ? (
              <Typography.Text data-testid="stat-receptions">
                {t('statistics.receptions', {
                  held: d.receptions.held,
                  visitors: d.receptions.visitors,
                  deputies: d.receptions.deputiesPresent,
                })}
              </Typography.Text>
            ) : null}
            <Charts d={d} params={params} />
            <WorkCards params={params} />
            {d.children.length ? (
              <Card
                size="small"
                title={t('statistics.byChild')}
                extra={<ExportLinks params={params} part="children" />}
              >
                <RankTable rows={d.children} params={params} drill testId="stat-children" />
              </Card>
            ) : null}
            {d.units.length ? (
              <Card size="small" title={t('statistics.byUnit')} extra={<ExportLinks params={params} part="units" />}>
                <RankTable rows={d.units} params={params} drill testId="stat-units" />
              </Card>
            ) : null}
            {d.scope.kind === 'area' ? (
              <Row gutter={[12, 12]}>
                <Col xs={24} lg={can('statistics.signals') ? 12 : 24}>
                  <TopicsCard params={params} />
                </Col>
                {can('statistics.signals') ? (
                  <Col xs={24} lg={12}>
                    <SignalsCard params={params} />
                  </Col>
                ) : null}
              </Row>
            ) : null}
            {d.deputies.length ? (
              <Card
                size="small"
                title={t('statistics.byDeputy')}
                extra={<ExportLinks params={params} part="deputies" />}
              >
                <RankTable rows={d.deputies} params={params} drill={false} testId="stat-deputies" />
              </Card>
            ) : null}
          </>
        )}
      </Flex>
    </>
  );
}
