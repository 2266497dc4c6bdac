import { Alert, App, Button, Flex, Form, Input, Modal, Select, Table, Tag, Typography, type ButtonProps } from 'antd';
import { useState } from 'react';
import { awardCategories, awardCategoryLabels } from '../../../../../../contracts/duty.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { useLabel } from '../../suggestions/hooks/use-label.js';
import { useDecideAward, useNominations, type AwardCategoryName, type NominationsView } from '../api.js';
import { YearSelect } from './YearSelect.js';
import { chinaYear } from '../../../../../../contracts/calendar.js';

type Row = NominationsView['rows'][number];

/** The year's nominations per category, pre-ranked from the record; each award decided and recorded by the committee. */
export function AwardsTab() {
  const t = useT();
  const label = useLabel();
  const { message } = App.useApp();
  const [year, setYear] = useState(chinaYear());
  const [category, setCategory] = useState<AwardCategoryName>('excellentDeputy');
  const list = useNominations(year, category);
  const decide = useDecideAward();
  const [deciding, setDeciding] = useState<Row | null>(null);
  const [form] = Form.useForm<{ note: string }>();
  return (
    <Flex vertical gap={8}>
      <Flex gap={8} wrap>
        <YearSelect value={year} onChange={setYear} />
        <Select
          aria-label={t('duty.awards.category')}
          value={category}
          onChange={setCategory}
          style={{ minWidth: 160 }}
          options={awardCategories.map((c) => ({ value: c, label: label(awardCategoryLabels[c]) }))}
          data-testid="award-category"
        />
      </Flex>
      <Typography.Text type="secondary">{t('duty.awards.hint')}</Typography.Text>
      {category === 'advancedUnit' ? (
        <Alert type="info" showIcon title={t('dutyDigest.unitHow')} data-testid="award-unit-how" />
      ) : null}
      {list.error && <ErrorAlert error={list.error} />}
      <Table<Row>
        size="small"
        rowKey="subjectId"
        loading={list.isPending}
        dataSource={list.data?.rows ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        onRow={(r) => ({ 'data-testid': `nominee-${r.subjectId}` }) as object}
        columns={[
          { title: t('duty.standings.rank'), dataIndex: 'rank', width: 60 },
          { title: t('duty.awards.name'), dataIndex: 'name' },
          { title: t('duty.awards.basis'), dataIndex: 'basis' },
          {
            title: '',
            key: 'award',
            render: (_, r) =>
              r.awarded ? (
                <Tag color="green" data-testid="awarded">
                  {t('duty.awards.awarded')}
                </Tag>
              ) : (
                <Button size="small" onClick={() => setDeciding(r)} data-testid="award">
                  {t('duty.awards.award')}
                </Button>
              ),
          },
        ]}
      />
      <Modal
        open={deciding !== null}
        title={deciding ? t('duty.awards.title', { name: deciding.name }) : ''}
        onCancel={() => setDeciding(null)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: decide.isPending, 'data-testid': 'award-submit' } as ButtonProps}
        destroyOnHidden
      >
        {decide.error && <ErrorAlert error={decide.error} />}
        <Form
          form={form}
          name="duty_award"
          layout="vertical"
          onFinish={(v) =>
            deciding &&
            decide.mutate(
              { year, category, subjectId: deciding.subjectId, note: v.note },
              {
                onSuccess: () => {
                  void message.success(t('duty.awards.done'));
                  decide.reset();
                  form.resetFields();
                  setDeciding(null);
                },
              },
            )
          }
        >
          <Form.Item name="note" label={t('duty.awards.note')} rules={[{ required: true, min: 2 }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
