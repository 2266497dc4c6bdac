import { App, Button, Table, Tag } from 'antd';
import { useT } from '../../../app/i18n.js';
import { useReports, useReportStep, type ReportView } from '../api.js';

/** Report-backs of the deputies in scope: their state, the rating so far, closing the rating to file the result. */
export function ReportsTab() {
  const t = useT();
  const { message } = App.useApp();
  const reports = useReports();
  const step = useReportStep();
  return (
    <Table<ReportView>
      size="small"
      rowKey="id"
      loading={reports.isPending}
      dataSource={reports.data?.items ?? []}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: t('duty.year'), dataIndex: 'year' },
        { title: t('duty.deputy'), dataIndex: 'deputyName' },
        {
          title: t('duty.bulletins.titleField'),
          dataIndex: 'title',
          render: (v: string, r) => (r.state === 'draft' ? v : <a href={`/reports/${r.id}`}>{v}</a>),
        },
        { title: '', dataIndex: 'state', render: (s: ReportView['state']) => <Tag>{t(`duty.report.state.${s}`)}</Tag> },
        {
          title: '',
          key: 'result',
          render: (_, r) =>
            r.result
              ? t('duty.report.result', { n: r.result.ratings, share: Math.round(r.result.satisfiedShare * 1000) / 10 })
              : r.state === 'published' && (
                  <Button
                    size="small"
                    loading={step.isPending}
                    onClick={() =>
                      step.mutate(
                        { step: 'close', id: r.id },
                        { onSuccess: () => void message.success(t('duty.report.closed')) },
                      )
                    }
                    data-testid={`report-close-${r.id}`}
                  >
                    {t('duty.report.close')}
                  </Button>
                ),
        },
      ]}
    />
  );
}
