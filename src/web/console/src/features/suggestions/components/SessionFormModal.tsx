import { App, Button, Flex, Form, Input, InputNumber, Modal, Radio, Switch } from 'antd';
import { useState } from 'react';
import { sessionKindLabels, sessionKinds } from '../../../../../../contracts/suggestions.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { showFieldErrors } from '../../opinions/form-errors.js';
import { chinaYear } from '../../../../../../contracts/calendar.js';
import { useCreateSession, type SessionInputBody } from '../api.js';
import { useLabel } from '../hooks/use-label.js';

type Values = Partial<SessionInputBody>;
const fields = ['name', 'kind', 'year', 'prefix', 'open'] as const;

/** A new congress session (大会 or 闭会期间) with its number series. */
export function SessionFormModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const label = useLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateSession();
  const [onFields, setOnFields] = useState(false);
  const close = () => {
    create.reset();
    setOnFields(false);
    onClose();
  };
  const required = { required: true, message: t('suggestions.form.required') };
  return (
    <Modal
      open={open}
      title={t('suggestions.sessions.new')}
      onCancel={close}
      footer={null}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Form<Values>
        form={form}
        name="session"
        layout="vertical"
        requiredMark={false}
        initialValues={{ kind: 'session', year: chinaYear(), prefix: '', open: true }}
        onFinish={(v) =>
          create.mutate(
            {
              name: (v.name ?? '').trim(),
              kind: v.kind ?? 'session',
              year: v.year ?? chinaYear(),
              prefix: (v.prefix ?? '').trim(),
              open: v.open ?? true,
            },
            {
              onSuccess: () => {
                void message.success(t('suggestions.sessions.created'));
                close();
              },
              onError: (error) => setOnFields(showFieldErrors(form, error, fields)),
            },
          )
        }
      >
        {create.error && !onFields ? (
          <div style={{ marginBottom: 16 }}>
            <ErrorAlert error={create.error} />
          </div>
        ) : null}
        <Form.Item name="name" label={t('suggestions.session.name')} rules={[{ ...required, whitespace: true }]}>
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        <Form.Item name="kind" label={t('suggestions.session.kind')} rules={[required]}>
          <Radio.Group options={sessionKinds.map((k) => ({ value: k, label: label(sessionKindLabels[k]) }))} />
        </Form.Item>
        <Form.Item name="year" label={t('suggestions.session.year')} rules={[required]}>
          <InputNumber min={2000} max={2100} precision={0} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="prefix" label={t('suggestions.session.prefix')} extra={t('suggestions.session.prefixHelp')}>
          <Input maxLength={20} autoComplete="off" style={{ width: 200, maxWidth: '100%' }} />
        </Form.Item>
        <Form.Item name="open" label={t('suggestions.session.open')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Flex justify="flex-end" gap={8} wrap>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="session-submit">
            {t('suggestions.sessions.new')}
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}
