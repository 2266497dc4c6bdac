import { PrinterOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Form, Input, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { activityKindLabels } from '../../../../../../contracts/duty.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { useLabel } from '../../suggestions/hooks/use-label.js';
import { useReports, useReportStep, type ReportView } from '../api.js';

/** The figures of a report-back, as the record holds them, with the cases behind them. */
export function ReportFigures({ report }: { report: ReportView }) {
  const t = useT();
  const label = useLabel();
  return (
    <ul data-testid="report-figures">
      {report.figures.map((f) => (
        <li key={f.kind}>
          {label(activityKindLabels[f.kind])}
          {t('common.colon')}
          <strong>{f.count}</strong>
          {f.cases.length ? `（${f.cases.join('；')}）` : ''}
        </li>
      ))}
    </ul>
  );
}

interface Values {
  title: string;
  body: string;
  aspects: string;
}

/** The deputy's report-back of a year: draft it from the record, edit, publish on the portal, print on A4. */
export function ReportCard({ year }: { year: number }) {
  const t = useT();
  const { message } = App.useApp();
  const reports = useReports();
  const step = useReportStep();
  const [form] = Form.useForm<Values>();
  const report = reports.data?.items.find((r) => r.year === year);
  useEffect(() => {
    if (report?.state === 'draft')
      form.setFieldsValue({ title: report.title, body: report.body, aspects: report.aspects.join('，') });
  }, [report, form]);
  if (reports.isPending) return null;
  if (!report)
    return (
      <Empty description={t('duty.report.none', { year })}>
        {step.error && <ErrorAlert error={step.error} />}
        <Button
          type="primary"
          loading={step.isPending}
          onClick={() => step.mutate({ step: 'draft', year })}
          data-testid="report-draft"
        >
          {t('duty.report.draft')}
        </Button>
      </Empty>
    );
  const save = (v: Values, then?: () => void) =>
    step.mutate(
      {
        step: 'edit',
        id: report.id,
        patch: {
          title: v.title,
          body: v.body,
          aspects: v.aspects
            .split(/[,，、]/)
            .map((s) => s.trim())
            .filter(Boolean),
        },
      },
      { onSuccess: () => (then ? then() : void message.success(t('duty.report.saved'))) },
    );
  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center" wrap>
          <span>{report.title}</span>
          <Tag data-testid="report-state">{t(`duty.report.state.${report.state}`)}</Tag>
        </Flex>
      }
      extra={
        <Button icon={<PrinterOutlined />} onClick={() => window.print()} className="duty-no-print">
          {t('duty.print')}
        </Button>
      }
    >
      {step.error && <ErrorAlert error={step.error} />}
      <Typography.Text strong>{t('duty.report.figures')}</Typography.Text>
      <ReportFigures report={report} />
      {report.state === 'draft' ? (
        <Form form={form} name="duty_report" layout="vertical" onFinish={(v) => save(v)}>
          <Form.Item name="title" label={t('duty.bulletins.titleField')} rules={[{ required: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="body" label={t('duty.report.body')}>
            <Input.TextArea autoSize={{ minRows: 8, maxRows: 24 }} maxLength={20000} />
          </Form.Item>
          <Form.Item name="aspects" label={t('duty.report.aspects')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Flex gap={8} wrap>
            <Button htmlType="submit" loading={step.isPending}>
              {t('duty.report.save')}
            </Button>
            <Button
              type="primary"
              loading={step.isPending}
              data-testid="report-publish"
              onClick={() =>
                void form
                  .validateFields()
                  .then((v) =>
                    save(v, () =>
                      step.mutate(
                        { step: 'publish', id: report.id },
                        { onSuccess: () => void message.success(t('duty.report.published')) },
                      ),
                    ),
                  )
              }
            >
              {t('duty.report.publish')}
            </Button>
          </Flex>
        </Form>
      ) : (
        <>
          <Typography.Paragraph className="duty-report-body" style={{ whiteSpace: 'pre-wrap' }}>
            {report.body}
          </Typography.Paragraph>
          {report.result && (
            <Typography.Paragraph data-testid="report-result">
              {t('duty.report.result', {
                n: report.result.ratings,
                share: Math.round(report.result.satisfiedShare * 1000) / 10,
              })}
            </Typography.Paragraph>
          )}
          <a
            href={`/reports/${report.id}`}
            target="_blank"
            rel="noreferrer"
            className="duty-no-print"
            data-testid="report-portal-link"
          >
            {t('duty.report.portalLink')}
          </a>
        </>
      )}
    </Card>
  );
}
