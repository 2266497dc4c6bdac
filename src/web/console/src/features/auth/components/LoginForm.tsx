import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Form, Input } from 'antd';
import { ApiError } from '../../../app/api-error.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { applyFieldErrors } from '../../../app/form-errors.js';
import { formatDateTime, useT } from '../../../app/i18n.js';
import { usePrefs } from '../../../app/prefs.js';
import { useLogin } from '../api.js';

interface LoginValues {
  username: string;
  password: string;
}

/** Username and password (form "login"). */
export function LoginForm() {
  const t = useT();
  const { lang } = usePrefs();
  const [form] = Form.useForm<LoginValues>();
  const login = useLogin();

  const lockedUntil =
    login.error instanceof ApiError && typeof login.error.details.lockedUntil === 'string'
      ? login.error.details.lockedUntil
      : null;

  return (
    <Form<LoginValues>
      form={form}
      name="login"
      layout="vertical"
      size="large"
      requiredMark={false}
      onFinish={(values) =>
        login.mutate(values, {
          onError: (error) => {
            applyFieldErrors(form, error, ['username', 'password']);
            form.setFieldValue('password', '');
          },
        })
      }
    >
      {login.error ? (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert
            error={login.error}
            extra={
              lockedUntil ? <div>{t('login.lockedUntil', { time: formatDateTime(lockedUntil, lang) })}</div> : null
            }
          />
        </div>
      ) : null}
      <Form.Item
        name="username"
        label={t('login.username')}
        rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
      >
        <Input prefix={<UserOutlined />} autoComplete="username" autoFocus autoCapitalize="none" spellCheck={false} />
      </Form.Item>
      <Form.Item
        name="password"
        label={t('login.password')}
        rules={[{ required: true, message: t('login.passwordRequired') }]}
      >
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={login.isPending}>
        {t('login.submit')}
      </Button>
    </Form>
  );
}
