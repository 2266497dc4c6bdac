import { Form, Input, Modal, Typography } from 'antd';
import { useEffect } from 'react';
import { ApiError } from '../../../app/api-error.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { applyFieldErrors, fieldOfPath } from '../../../app/form-errors.js';
import { useT } from '../../../app/i18n.js';

/**
 * A confirmation that needs a reason (withdrawing a correction, confirming a year): form `name`,
 * so the field is #<name>_note.
 */
export function NoteModal({
  open,
  name,
  title,
  hint,
  label,
  okText,
  pending,
  error,
  onSubmit,
  onClose,
}: {
  open: boolean;
  name: string;
  title: string;
  hint: string;
  label: string;
  okText: string;
  pending: boolean;
  error: unknown;
  onSubmit: (note: string) => void;
  onClose: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<{ note: string }>();
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  useEffect(() => {
    if (error) applyFieldErrors(form, error, ['note']);
  }, [error, form]);
  // Field messages go next to the field; anything else above the buttons.
  const onField =
    error instanceof ApiError && error.fields.length > 0 && error.fields.every((f) => fieldOfPath(f.path) === 'note');
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={pending}
      destroyOnHidden
    >
      <Typography.Paragraph>{hint}</Typography.Paragraph>
      <Form form={form} name={name} layout="vertical" onFinish={(v) => onSubmit(v.note.trim())}>
        <Form.Item
          name="note"
          label={label}
          rules={[{ required: true, whitespace: true, message: t('calendar.form.noteRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
      {error && !onField ? <ErrorAlert error={error} /> : null}
    </Modal>
  );
}
