import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Form, Input, InputNumber, Modal, Progress, Select, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { applyFieldErrors } from '../../../app/form-errors.js';
import { useT, type MessageKey } from '../../../app/i18n.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { useCan } from '../../../app/session.js';
import { projectSources, projectStates } from '../../../../../../contracts/projects.js';
import { OrgTreeSelect } from '../../orgs/components/OrgTreeSelect.js';
import { useProjects, useProjectWrite, wan, type ProjectState, type ProjectSummary, type ProjectView } from '../api.js';
import { chinaYear } from '../../../../../../contracts/calendar.js';

const stateColor: Partial<Record<ProjectState, string>> = {
  shortlisted: 'blue',
  excluded: 'default',
  chosen: 'green',
  inProgress: 'processing',
  done: 'success',
  paused: 'warning',
  terminated: 'error',
};

export function StateTag({ state }: { state: ProjectState }) {
  const t = useT();
  return <Tag color={stateColor[state]}>{t(`projects.state.${state}` as MessageKey)}</Tag>;
}

interface NewProjectValues {
  year: number;
  title: string;
  description?: string;
  costWan: number;
  fundingSource: string;
  unitId?: number;
  location: string;
  completion: Dayjs;
  source: (typeof projectSources)[number];
  sourceOpinionId?: number;
  sourceSuggestionId?: number;
}
const formFields = [
  'year',
  'title',
  'description',
  'cost',
  'fundingSource',
  'unitId',
  'location',
  'expectedCompletion',
  'source',
  'sourceOpinionId',
  'sourceSuggestionId',
];

/** The reserve (储备库) and this year's projects: filter by year and state; propose a new one. */
export function ProjectsPage() {
  const t = useT();
  const can = useCan();
  const navigate = useNavigate();
  const [year, setYear] = useState<number | undefined>(undefined);
  const [state, setState] = useState<ProjectState | undefined>(undefined);
  const list = useProjects({ year, state });
  const write = useProjectWrite<ProjectView>();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<NewProjectValues>();
  const source = Form.useWatch('source', form);
  const thisYear = chinaYear();

  const submit = async (v: NewProjectValues) => {
    try {
      const created = await write.mutateAsync({
        method: 'POST',
        path: '/api/projects',
        body: {
          year: v.year,
          title: v.title,
          description: v.description ?? '',
          cost: Math.round(v.costWan * 10000),
          fundingSource: v.fundingSource,
          unitId: v.unitId ?? null,
          location: v.location,
          expectedCompletion: v.completion.format('YYYY-MM-DD'),
          source: v.source,
          sourceOpinionId: v.source === 'opinion' ? v.sourceOpinionId : null,
          sourceSuggestionId: v.source === 'suggestion' ? v.sourceSuggestionId : null,
        },
      });
      setOpen(false);
      form.resetFields();
      void navigate(`/projects/${created.id}`);
    } catch (e) {
      if (applyFieldErrors(form, e, formFields)) return;
    }
  };

  return (
    <>
      <PageTitle
        extra={
          can('project.propose') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="project-new">
              {t('projects.new')}
            </Button>
          ) : null
        }
      >
        {t('projects.title')}
      </PageTitle>
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <InputNumber
            aria-label={t('projects.year')}
            placeholder={t('projects.year')}
            value={year}
            onChange={(v) => setYear(v ?? undefined)}
            min={2000}
            max={2100}
          />
          <Select
            aria-label={t('projects.state')}
            style={{ minWidth: 140 }}
            allowClear
            placeholder={t('projects.state')}
            value={state}
            onChange={setState}
            options={projectStates.map((s) => ({ value: s, label: t(`projects.state.${s}` as MessageKey) }))}
          />
        </Space>
        {list.error && <ErrorAlert error={list.error} />}
        <Table<ProjectSummary>
          rowKey="id"
          size="middle"
          loading={list.isLoading}
          dataSource={list.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: true }}
          locale={{ emptyText: t('projects.empty') }}
          columns={[
            { title: t('projects.year'), dataIndex: 'year', width: 70 },
            {
              title: t('projects.name'),
              dataIndex: 'title',
              render: (title: string, r) => <Link to={`/projects/${r.id}`}>{title}</Link>,
            },
            { title: t('projects.cost'), dataIndex: 'cost', render: (c: number) => wan(c), width: 110 },
            { title: t('projects.unit'), dataIndex: 'unitName', responsive: ['md'] },
            {
              title: t('projects.source'),
              dataIndex: 'source',
              responsive: ['md'],
              render: (s: string) => t(`projects.source.${s}` as MessageKey),
            },
            { title: t('projects.state'), dataIndex: 'state', render: (s: ProjectState) => <StateTag state={s} /> },
            {
              title: t('projects.progress'),
              dataIndex: 'progress',
              width: 140,
              render: (p: number, r) =>
                ['inProgress', 'done', 'paused'].includes(r.state) ? <Progress percent={p} size="small" /> : null,
            },
          ]}
        />
      </Card>
      <Modal
        open={open}
        title={t('projects.new')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={write.isPending}
        destroyOnHidden
        width={640}
      >
        {write.error && <ErrorAlert error={write.error} />}
        <Form<NewProjectValues>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ year: thisYear + 1, source: can('project.manage') ? 'committee' : 'department' }}
        >
          <Space wrap>
            <Form.Item name="year" label={t('projects.year')} rules={[{ required: true }]}>
              <InputNumber min={2000} max={2100} />
            </Form.Item>
            <Form.Item name="source" label={t('projects.source')} rules={[{ required: true }]}>
              <Select
                style={{ minWidth: 160 }}
                options={projectSources.map((s) => ({ value: s, label: t(`projects.source.${s}` as MessageKey) }))}
              />
            </Form.Item>
            {source === 'opinion' && (
              <Form.Item name="sourceOpinionId" label={t('projects.sourceOpinionId')} rules={[{ required: true }]}>
                <InputNumber min={1} />
              </Form.Item>
            )}
            {source === 'suggestion' && (
              <Form.Item
                name="sourceSuggestionId"
                label={t('projects.sourceSuggestionId')}
                rules={[{ required: true }]}
              >
                <InputNumber min={1} />
              </Form.Item>
            )}
          </Space>
          <Form.Item name="title" label={t('projects.name')} rules={[{ required: true, max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="description" label={t('projects.description')}>
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="costWan" label={t('projects.cost')} rules={[{ required: true }]}>
              <InputNumber min={0.01} step={1} />
            </Form.Item>
            <Form.Item name="fundingSource" label={t('projects.funding')} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Form.Item name="completion" label={t('projects.completion')} rules={[{ required: true }]}>
              <DatePicker />
            </Form.Item>
          </Space>
          <Form.Item name="location" label={t('projects.location')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="unitId" label={t('projects.unit')}>
            <OrgTreeSelect allowClear />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
