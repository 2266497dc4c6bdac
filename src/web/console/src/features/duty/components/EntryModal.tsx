import { App, Form, Input, InputNumber, Modal, Select, type ButtonProps } from 'antd';
import { useState } from 'react';
import { activityKindLabels, activityKinds, systemKinds, type ActivityKind } from '../../../../../../contracts/duty.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { useLabel } from '../../suggestions/hooks/use-label.js';
import { useEnterActivity } from '../api.js';

/** Kinds a person enters by hand: the ones the system cannot know. */
const handKinds = activityKinds.filter((k) => !systemKinds.includes(k));

interface Values {
  kind: ActivityKind;
  day: string;
  title: string;
  hours?: number;
  note?: string;
}

/** Enters an activity by hand with one photo or PDF as evidence (form "duty_entry"); staff pass the deputy. */
export function EntryModal({ open, deputyId, onClose }: { open: boolean; deputyId?: number; onClose: () => void }) {
  const t = useT();
  const label = useLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [file, setFile] = useState<File | undefined>();
  const enter = useEnterActivity();
  const kind = Form.useWatch('kind', form);
  const submit = (v: Values) =>
    enter.mutate(
      { body: { ...v, deputyId, hours: v.hours ?? undefined, note: v.note || undefined }, file },
      {
        onSuccess: (r) => {
          void message.success(
            t(
              r.existing
                ? 'duty.entry.existing'
                : r.activity.state === 'pending'
                  ? 'duty.entry.done'
                  : 'duty.entry.doneConfirmed',
            ),
          );
          form.resetFields();
          setFile(undefined);
          enter.reset();
          onClose();
        },
      },
    );
  return (
    <Modal
      open={open}
      title={t('duty.entry.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('duty.entry.submit')}
      okButtonProps={{ loading: enter.isPending, 'data-testid': 'entry-submit' } as ButtonProps}
      destroyOnHidden
    >
      {enter.error && <ErrorAlert error={enter.error} />}
      <Form form={form} name="duty_entry" layout="vertical" onFinish={submit} initialValues={{ kind: 'inspection' }}>
        <Form.Item name="kind" label={t('duty.entry.kind')} rules={[{ required: true }]}>
          <Select options={handKinds.map((k) => ({ value: k, label: label(activityKindLabels[k]) }))} />
        </Form.Item>
        <Form.Item name="day" label={t('duty.entry.day')} rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="title" label={t('duty.entry.name')} rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        {kind === 'training' && (
          <Form.Item name="hours" label={t('duty.entry.hours')} rules={[{ required: true }]}>
            <InputNumber min={0} max={1000} step={0.5} />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('duty.entry.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item label={t('duty.entry.file')}>
          <input
            type="file"
            accept="image/jpeg,image/png,image/webp,application/pdf"
            onChange={(e) => setFile(e.target.files?.[0])}
            data-testid="entry-file"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
