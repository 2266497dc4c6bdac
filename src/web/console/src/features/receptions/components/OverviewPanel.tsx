import { Card, InputNumber } from 'antd';
import { ResponsiveTable } from '../../../app/ResponsiveTable.js';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { useOverview } from '../api.js';
import { chinaYear } from '../../../../../../contracts/calendar.js';

/** The district's overview: receptions per station and month of a year (held, planned). */
export function OverviewPanel() {
  const t = useT();
  const [year, setYear] = useState(chinaYear());
  const o = useOverview(year);
  return (
    <Card>
      <InputNumber
        aria-label={t('receptions.plan.year')}
        value={year}
        min={2000}
        max={2100}
        onChange={(v) => v && setYear(v)}
        addonBefore={t('receptions.plan.year')}
        style={{ marginBottom: 12 }}
      />
      {o.isError ? <ErrorAlert error={o.error} /> : null}
      <ResponsiveTable
        size="small"
        rowKey="stationId"
        loading={o.isPending}
        pagination={false}
        scroll={{ x: true }}
        dataSource={o.data?.items ?? []}
        data-testid="overview"
        columns={[
          {
            key: 'name',
            title: t('receptions.compliance.station'),
            fixed: 'left',
            render: (_, s) => <Link to={`/receptions?station=${s.stationId}`}>{s.stationName}</Link>,
          },
          ...Array.from({ length: 12 }, (_, m) => ({
            key: `m${m}`,
            title: t('receptions.overview.month', { m: m + 1 }),
            align: 'right' as const,
            render: (_: unknown, s: { months: number[] }) => s.months[m] || '',
          })),
          { key: 'held', title: t('receptions.overview.held'), align: 'right', dataIndex: 'held' },
          { key: 'planned', title: t('receptions.overview.planned'), align: 'right', dataIndex: 'planned' },
        ]}
      />
    </Card>
  );
}
