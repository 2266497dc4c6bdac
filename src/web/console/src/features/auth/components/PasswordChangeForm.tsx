import { Alert, Button, Form, Input } from 'antd';
import { ApiError } from '../../../app/api-error.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { applyFieldErrors } from '../../../app/form-errors.js';
import { useT } from '../../../app/i18n.js';
import { useChangePassword } from '../api.js';
import { failedPasswordRules } from '../password-policy.js';
import { PasswordRules } from './PasswordRules.js';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

const serverFields = ['currentPassword', 'newPassword'] as const;

/** Change one's own password (form "pw"): used at first sign-in and on My account. */
export function PasswordChangeForm({ username, onChanged }: { username: string; onChanged: () => void }) {
  const t = useT();
  const [form] = Form.useForm<PasswordForm>();
  const newPassword = Form.useWatch('newPassword', form) ?? '';
  const change = useChangePassword();

  const submit = (values: PasswordForm) => {
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          form.resetFields();
          onChanged();
        },
        onError: (error) => applyFieldErrors(form, error, serverFields),
      },
    );
  };

  return (
    <Form<PasswordForm>
      form={form}
      name="pw"
      layout="vertical"
      onFinish={submit}
      requiredMark={false}
      style={{ maxWidth: 420 }}
    >
      {change.error ? (
        <div style={{ marginBottom: 16 }}>
          {change.error instanceof ApiError && change.error.fields.length > 0 ? (
            <Alert type="error" showIcon title={change.error.message} />
          ) : (
            <ErrorAlert error={change.error} />
          )}
        </div>
      ) : null}
      <Form.Item
        name="currentPassword"
        label={t('pw.current')}
        rules={[{ required: true, message: t('pw.currentRequired') }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('pw.new')}
        extra={<PasswordRules password={newPassword} username={username} />}
        rules={[
          { required: true, message: t('pw.newRequired') },
          {
            validator: async (_rule, value: string | undefined) => {
              if (value && failedPasswordRules(value, username).length > 0) throw new Error(t('pw.weak'));
            },
          },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('pw.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('pw.confirmRequired') },
          ({ getFieldValue }) => ({
            validator: async (_rule, value: string | undefined) => {
              if (value && value !== getFieldValue('newPassword')) throw new Error(t('pw.mismatch'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={change.isPending}>
        {t('pw.submit')}
      </Button>
    </Form>
  );
}
