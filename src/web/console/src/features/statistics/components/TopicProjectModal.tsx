import { DatePicker, Form, Input, InputNumber, Modal, App } from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import type { Topics } from '../../../../../../contracts/statistics.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { useTopicProject } from '../api.js';
import { chinaYear } from '../../../../../../contracts/calendar.js';

type Cluster = Topics['clusters'][number];

interface Values {
  year: number;
  title: string;
  description: string;
  costWan: number;
  fundingSource: string;
  location: string;
  completion: Dayjs;
}

/** Proposes a hot-topic cluster as a livelihood-project candidate, prefilled from the cluster. */
export function TopicProjectModal({ cluster, onClose }: { cluster: Cluster; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const write = useTopicProject();
  const [form] = Form.useForm<Values>();
  const stations = cluster.stations.map((s) => s.name).join('、');
  const submit = async (v: Values) => {
    const r = await write.mutateAsync({
      opinionIds: cluster.opinionIds,
      label: cluster.label.slice(0, 100),
      project: {
        year: v.year,
        title: v.title,
        description: v.description,
        cost: Math.round(v.costWan * 10000),
        fundingSource: v.fundingSource,
        location: v.location,
        expectedCompletion: v.completion.format('YYYY-MM-DD'),
        unitId: null,
      },
    });
    void message.success(t('statistics.topics.proposed'));
    onClose();
    void navigate(`/projects/${r.projectId}`);
  };
  return (
    <Modal
      open
      title={t('statistics.topics.toProject')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={write.isPending}
      destroyOnHidden
      width={600}
    >
      {write.error ? <ErrorAlert error={write.error} /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v).catch(() => undefined)}
        initialValues={{
          year: chinaYear() + 1,
          title: cluster.keywords.slice(0, 3).join(''),
          description: t('statistics.topics.projectText', {
            n: cluster.count,
            stations,
            keywords: cluster.keywords.join('、'),
          }),
        }}
        data-testid="topic-project-form"
      >
        <Form.Item name="year" label={t('statistics.pj.year')} rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} />
        </Form.Item>
        <Form.Item name="title" label={t('statistics.pj.title')} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="description" label={t('statistics.pj.description')}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Form.Item name="costWan" label={t('statistics.pj.costWan')} rules={[{ required: true }]}>
          <InputNumber min={0.01} />
        </Form.Item>
        <Form.Item name="fundingSource" label={t('statistics.pj.funding')} rules={[{ required: true, max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="location" label={t('statistics.pj.location')} rules={[{ required: true, max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="completion" label={t('statistics.pj.completion')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}
