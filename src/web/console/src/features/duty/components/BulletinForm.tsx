import { App, Button, Form, Input, Select } from 'antd';
import { bulletinIssuerLabels, bulletinIssuers } from '../../../../../../contracts/duty.js';
import { DeputyLevel } from '../../../../../../contracts/deputies.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { useLabel } from '../../suggestions/hooks/use-label.js';
import { usePushBulletin } from '../api.js';

interface Values {
  issuer: (typeof bulletinIssuers)[number];
  title: string;
  topic?: string;
  body: string;
  levels: string[];
}

/** Pushes a bulletin to the deputies of the committee's subtree, targeted by level (form "duty_bulletin"). */
export function BulletinForm() {
  const t = useT();
  const label = useLabel();
  const { message } = App.useApp();
  const push = usePushBulletin();
  const [form] = Form.useForm<Values>();
  return (
    <Form
      form={form}
      name="duty_bulletin"
      layout="vertical"
      initialValues={{ issuer: 'standingCommittee', levels: [] }}
      onFinish={(v) =>
        push.mutate(
          {
            issuer: v.issuer,
            title: v.title,
            body: v.body,
            topic: v.topic || undefined,
            target: { levels: v.levels as never },
          },
          {
            onSuccess: (r) => {
              void message.success(t('duty.bulletins.pushed', { n: r.recipients }));
              form.resetFields();
            },
          },
        )
      }
    >
      {push.error && <ErrorAlert error={push.error} />}
      <Form.Item name="issuer" label={t('duty.bulletins.issuer')}>
        <Select options={bulletinIssuers.map((i) => ({ value: i, label: label(bulletinIssuerLabels[i]) }))} />
      </Form.Item>
      <Form.Item name="title" label={t('duty.bulletins.titleField')} rules={[{ required: true }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="topic" label={t('duty.bulletins.topic')}>
        <Input maxLength={30} />
      </Form.Item>
      <Form.Item name="body" label={t('duty.bulletins.body')} rules={[{ required: true }]}>
        <Input.TextArea rows={5} maxLength={20000} />
      </Form.Item>
      <Form.Item name="levels" label={t('duty.bulletins.levels')}>
        <Select mode="multiple" options={DeputyLevel.options.map((k) => ({ value: k, label: t(`level.${k}`) }))} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={push.isPending}>
        {t('duty.bulletins.push')}
      </Button>
    </Form>
  );
}
