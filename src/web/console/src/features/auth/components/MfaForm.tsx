import { SafetyOutlined } from '@ant-design/icons';
import { Button, Form, Input, Typography } from 'antd';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { applyFieldErrors } from '../../../app/form-errors.js';
import { useT } from '../../../app/i18n.js';
import { useLogout, useVerifyMfa } from '../api.js';

/** The second step of sign-in: the 6-digit code (form "mfa"). */
export function MfaForm() {
  const t = useT();
  const [form] = Form.useForm<{ code: string }>();
  const verify = useVerifyMfa();
  const logout = useLogout();

  return (
    <Form<{ code: string }>
      form={form}
      name="mfa"
      layout="vertical"
      size="large"
      requiredMark={false}
      onFinish={({ code }) =>
        verify.mutate(code.trim(), {
          onError: (error) => {
            applyFieldErrors(form, error, ['code']);
            form.setFieldValue('code', '');
          },
        })
      }
    >
      <Typography.Title level={2} style={{ fontSize: '1.25em', marginTop: 0 }}>
        {t('mfa.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('mfa.hint')}</Typography.Paragraph>
      {verify.error ? (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={verify.error} />
        </div>
      ) : null}
      <Form.Item
        name="code"
        label={t('mfa.code')}
        rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('mfa.codeInvalid') }]}
      >
        <Input
          prefix={<SafetyOutlined />}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          autoFocus
          style={{ letterSpacing: '0.3em' }}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={verify.isPending}>
        {t('mfa.submit')}
      </Button>
      <Button type="link" block style={{ marginTop: 8 }} onClick={() => logout.mutate()} loading={logout.isPending}>
        {t('mfa.back')}
      </Button>
    </Form>
  );
}
