import { App, Form, Input, InputNumber, Modal, Radio, type ButtonProps } from 'antd';
import { useEffect } from 'react';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { useCheck, useDispute, useResolve, type ActivityView } from '../api.js';

export type ActivityMode = 'dispute' | 'resolve' | 'reject';

interface Values {
  text: string;
  outcome?: 'confirm' | 'correct' | 'strike';
  hours?: number | null;
  title?: string;
}

/** The deputy's dispute, the committee's answer to it, or a rejected check: one short form each (form "duty_action"). */
export function ActivityActionModal({
  modal,
  onClose,
}: {
  modal: { mode: ActivityMode; activity: ActivityView } | null;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const dispute = useDispute();
  const resolve = useResolve();
  const check = useCheck();
  const mutation = modal?.mode === 'dispute' ? dispute : modal?.mode === 'resolve' ? resolve : check;
  const outcome = Form.useWatch('outcome', form);
  useEffect(() => {
    if (modal)
      form.setFieldsValue({ text: '', outcome: 'confirm', hours: modal.activity.hours, title: modal.activity.title });
  }, [modal, form]);
  if (!modal) return null;
  const { mode, activity } = modal;
  const done = () => {
    void message.success(
      t(mode === 'dispute' ? 'duty.dispute.done' : mode === 'resolve' ? 'duty.resolve.done' : 'duty.check.done'),
    );
    dispute.reset();
    resolve.reset();
    check.reset();
    onClose();
  };
  const submit = (v: Values) => {
    if (mode === 'dispute') dispute.mutate({ id: activity.id, body: { reason: v.text } }, { onSuccess: done });
    else if (mode === 'reject')
      check.mutate({ id: activity.id, body: { outcome: 'reject', note: v.text } }, { onSuccess: done });
    else
      resolve.mutate(
        {
          id: activity.id,
          body: {
            outcome: v.outcome ?? 'confirm',
            note: v.text,
            ...(v.outcome === 'correct'
              ? {
                  correction: {
                    hours: v.hours ?? null,
                    ...(v.title && v.title !== activity.title ? { title: v.title } : {}),
                  },
                }
              : {}),
          },
        },
        { onSuccess: done },
      );
  };
  const title = t(
    mode === 'dispute' ? 'duty.dispute.title' : mode === 'resolve' ? 'duty.resolve.title' : 'duty.check.reject',
  );
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t(mode === 'dispute' ? 'duty.dispute.submit' : 'duty.entry.submit')}
      okButtonProps={{ loading: mutation.isPending, 'data-testid': 'action-submit' } as ButtonProps}
      destroyOnHidden
    >
      <p>
        {activity.day} · {activity.title}
      </p>
      {mutation.error && <ErrorAlert error={mutation.error} />}
      <Form form={form} name="duty_action" layout="vertical" onFinish={submit}>
        {mode === 'resolve' && (
          <Form.Item name="outcome" label={t('duty.resolve.outcome')}>
            <Radio.Group
              options={(['confirm', 'correct', 'strike'] as const).map((o) => ({
                value: o,
                label: t(`duty.resolve.${o}`),
              }))}
            />
          </Form.Item>
        )}
        {mode === 'resolve' && outcome === 'correct' && (
          <>
            <Form.Item name="title" label={t('duty.resolve.name')}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="hours" label={t('duty.resolve.hours')}>
              <InputNumber min={0} max={1000} step={0.5} />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="text"
          label={t(
            mode === 'dispute' ? 'duty.dispute.reason' : mode === 'resolve' ? 'duty.resolve.note' : 'duty.check.note',
          )}
          rules={[{ required: true, min: 2 }]}
        >
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
