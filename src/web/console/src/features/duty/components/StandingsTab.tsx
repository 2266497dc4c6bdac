import { App, Button, Flex, Form, Input, Modal, Select, Table, Tag, Typography, type ButtonProps } from 'antd';
import { useState } from 'react';
import { decisionKinds } from '../../../../../../contracts/duty.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { useDecide, useStandings, type StandingsView } from '../api.js';
import { YearSelect } from './YearSelect.js';
import { chinaYear } from '../../../../../../contracts/calendar.js';

type Row = StandingsView['rows'][number];

/** The year's standings (or up to a quarter) with what the rules suggest, and the committee's decisions recorded by hand. */
export function StandingsTab() {
  const t = useT();
  const { message } = App.useApp();
  const [year, setYear] = useState(chinaYear());
  const [quarter, setQuarter] = useState<number | undefined>();
  const standings = useStandings(year, quarter);
  const decide = useDecide();
  const [deciding, setDeciding] = useState<Row | null>(null);
  const [form] = Form.useForm<{ kind: (typeof decisionKinds)[number]; note: string }>();
  return (
    <Flex vertical gap={8}>
      <Flex gap={8} wrap>
        <YearSelect value={year} onChange={setYear} />
        <Select
          aria-label={t('duty.standings.quarter')}
          value={quarter ?? 0}
          onChange={(v) => setQuarter(v || undefined)}
          style={{ width: 130 }}
          options={[0, 1, 2, 3, 4].map((q) => ({
            value: q,
            label: q ? t('duty.standings.q', { n: q }) : t('duty.standings.allYear'),
          }))}
        />
      </Flex>
      <Typography.Text type="secondary">{t('duty.decision.hint')}</Typography.Text>
      {standings.error && <ErrorAlert error={standings.error} />}
      <Table<Row>
        size="small"
        rowKey="deputyId"
        loading={standings.isPending}
        dataSource={standings.data?.rows ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        onRow={(r) => ({ 'data-testid': `standing-${r.deputyId}` }) as object}
        columns={[
          { title: t('duty.standings.rank'), dataIndex: 'rank', width: 60 },
          { title: t('duty.deputy'), dataIndex: 'deputyName', render: (v: string, r) => `${v}（${r.orgName}）` },
          { title: t('duty.score.total'), dataIndex: 'total', align: 'right' },
          { title: t('duty.score.band'), dataIndex: 'band' },
          { title: t('duty.standings.activities'), dataIndex: 'activities', align: 'right' },
          {
            title: t('duty.standings.suggested'),
            dataIndex: 'suggested',
            render: (v: Row['suggested']) =>
              v.map((k) => (
                <Tag key={k} color={k === 'commendation' ? 'green' : 'orange'}>
                  {t(`duty.consequence.${k}`)}
                </Tag>
              )),
          },
          {
            title: t('duty.standings.decisions'),
            dataIndex: 'decisions',
            render: (v: string[]) =>
              v.map((k, i) => (
                <Tag key={i} color="blue" data-testid="decision-tag">
                  {t(`duty.consequence.${k as (typeof decisionKinds)[number]}`)}
                </Tag>
              )),
          },
          {
            title: '',
            key: 'decide',
            render: (_, r) => (
              <Button
                size="small"
                onClick={() => {
                  form.setFieldsValue({ kind: r.suggested[0] ?? 'commendation', note: '' });
                  setDeciding(r);
                }}
                data-testid="decide"
              >
                {t('duty.standings.decide')}
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={deciding !== null}
        title={deciding ? t('duty.decision.title', { name: deciding.deputyName }) : ''}
        onCancel={() => setDeciding(null)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: decide.isPending, 'data-testid': 'decision-submit' } as ButtonProps}
        destroyOnHidden
      >
        {decide.error && <ErrorAlert error={decide.error} />}
        <Form
          form={form}
          name="duty_decision"
          layout="vertical"
          onFinish={(v) =>
            deciding &&
            decide.mutate(
              { deputyId: deciding.deputyId, year, kind: v.kind, note: v.note },
              {
                onSuccess: () => {
                  void message.success(t('duty.decision.done'));
                  decide.reset();
                  setDeciding(null);
                },
              },
            )
          }
        >
          <Form.Item name="kind" label={t('duty.decision.kind')}>
            <Select options={decisionKinds.map((k) => ({ value: k, label: t(`duty.consequence.${k}`) }))} />
          </Form.Item>
          <Form.Item name="note" label={t('duty.decision.note')} rules={[{ required: true, min: 2 }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
