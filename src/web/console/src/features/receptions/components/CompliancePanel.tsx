import { Card, Tag, Typography } from 'antd';
import { ResponsiveTable } from '../../../app/ResponsiveTable.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { useCompliance } from '../api.js';

/** The reception rules, checked: stations (every two months), district deputies (once a year), groups (twice a year). */
export function CompliancePanel() {
  const t = useT();
  const c = useCompliance();
  if (c.isError) return <ErrorAlert error={c.error} />;
  const data = c.data;
  return (
    <>
      <Typography.Paragraph type="secondary">
        {t('receptions.compliance.asOf', { day: data?.asOf ?? '' })}
      </Typography.Paragraph>
      <Card title={t('receptions.compliance.stations')} style={{ marginBottom: 16 }}>
        <ResponsiveTable
          size="small"
          rowKey="stationId"
          loading={c.isPending}
          pagination={false}
          dataSource={data?.stations ?? []}
          data-testid="compliance-stations"
          locale={{ emptyText: t('receptions.compliance.none') }}
          columns={[
            { key: 'name', title: t('receptions.compliance.station'), dataIndex: 'stationName' },
            {
              key: 'state',
              title: t('receptions.col.status'),
              render: (_, s) => (
                <Tag color={s.state === 'missed' ? 'red' : 'orange'}>{t(`receptions.compliance.${s.state}`)}</Tag>
              ),
            },
            {
              key: 'last',
              title: t('receptions.compliance.last'),
              render: (_, s) => s.lastReception ?? t('receptions.compliance.never'),
            },
            { key: 'due', title: t('receptions.compliance.dueBy'), render: (_, s) => s.dueBy ?? '—' },
            { key: 'next', title: t('receptions.compliance.next'), render: (_, s) => s.nextScheduled ?? '—' },
          ]}
        />
      </Card>
      <Card title={t('receptions.compliance.deputies')} style={{ marginBottom: 16 }}>
        <ResponsiveTable
          size="small"
          rowKey="deputyId"
          loading={c.isPending}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          dataSource={data?.deputies ?? []}
          locale={{ emptyText: t('receptions.compliance.none') }}
          columns={[
            { key: 'name', title: t('receptions.compliance.deputy'), dataIndex: 'name' },
            { key: 'org', title: t('receptions.compliance.org'), dataIndex: 'orgName' },
            {
              key: 'scheduled',
              title: t('receptions.compliance.scheduled'),
              render: (_, d) =>
                d.scheduled ? (
                  <Tag color="blue">{t('receptions.compliance.yes')}</Tag>
                ) : (
                  <Tag color="red">{t('receptions.compliance.no')}</Tag>
                ),
            },
          ]}
        />
      </Card>
      <Card title={t('receptions.compliance.groups')}>
        <ResponsiveTable
          size="small"
          rowKey="groupId"
          loading={c.isPending}
          pagination={false}
          dataSource={data?.groups ?? []}
          locale={{ emptyText: t('receptions.compliance.none') }}
          columns={[
            { key: 'name', title: t('receptions.compliance.group'), dataIndex: 'name' },
            { key: 'org', title: t('receptions.compliance.org'), dataIndex: 'orgName' },
            { key: 'n', title: t('receptions.compliance.activities'), align: 'right', dataIndex: 'activities' },
          ]}
        />
      </Card>
    </>
  );
}
