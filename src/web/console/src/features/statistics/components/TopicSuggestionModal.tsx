import { App, Form, Input, Modal, Typography } from 'antd';
import { useNavigate } from 'react-router';
import type { Topics } from '../../../../../../contracts/statistics.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { useCan } from '../../../app/session.js';
import { DeputySelect } from '../../deputies/components/DeputySelect.js';
import { useTopicSuggestion, type DashboardParams } from '../api.js';

type Cluster = Topics['clusters'][number];

interface Values {
  title: string;
  deputyId?: number;
}

/**
 * Drafts the deputy's suggestion from a hot-topic cluster: the title prefilled from its keywords;
 * the server writes the summary and the opinions (contacts removed) and links them; then the draft.
 * The committee (no deputy of its own) names the deputy the draft is for, and stays here: a draft
 * is the deputy's until they submit it.
 */
export function TopicSuggestionModal(props: { cluster: Cluster; params: DashboardParams; onClose: () => void }) {
  const { cluster, params, onClose } = props;
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const forDeputy = !useCan()('suggestion.draft');
  const write = useTopicSuggestion();
  const [form] = Form.useForm<Values>();
  const submit = async ({ title, deputyId }: Values) => {
    const r = await write.mutateAsync({
      opinionIds: cluster.opinionIds,
      label: cluster.label.slice(0, 100),
      title,
      from: params.from,
      to: params.to,
      deputyId,
    });
    void message.success(t(forDeputy ? 'statistics.topics.draftedFor' : 'statistics.topics.drafted'));
    onClose();
    // The committee reads a draft it started for a deputy (the deputy edits and submits it).
    void navigate(`/suggestions/${r.suggestionId}`);
  };
  return (
    <Modal
      open
      title={t('statistics.topics.toSuggestion')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={write.isPending}
      destroyOnHidden
    >
      {write.error ? <ErrorAlert error={write.error} /> : null}
      <Typography.Paragraph type="secondary">
        {t('statistics.topics.draftNote', { n: cluster.count })}
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v).catch(() => undefined)}
        initialValues={{
          title: t('statistics.topics.suggestionTitle', { keywords: cluster.keywords.slice(0, 3).join('、') }),
        }}
        data-testid="topic-suggestion-form"
      >
        {forDeputy ? (
          <Form.Item name="deputyId" label={t('statistics.topics.deputy')} rules={[{ required: true }]}>
            <DeputySelect />
          </Form.Item>
        ) : null}
        <Form.Item
          name="title"
          label={t('statistics.topics.draftTitle')}
          rules={[{ required: true, whitespace: true, max: 200 }]}
        >
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
