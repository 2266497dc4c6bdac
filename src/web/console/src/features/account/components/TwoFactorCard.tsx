import { App, Button, Card, Flex, Form, Input, QRCode, Tag, Typography } from 'antd';
import { ApiError } from '../../../app/api-error.js';
import type { TotpSetup } from '../../../app/contracts.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { applyFieldErrors } from '../../../app/form-errors.js';
import { useT } from '../../../app/i18n.js';
import { useMe } from '../../../app/session.js';
import { useBeginTotp, useDisableTotp, useEnableTotp } from '../../auth/api.js';

/** Two-step verification: enrol (QR code, then a code to confirm) or turn off (with the password). */
export function TwoFactorCard() {
  const t = useT();
  const me = useMe();
  const { message } = App.useApp();
  const begin = useBeginTotp();
  const enable = useEnableTotp();
  const disable = useDisableTotp();
  const [enableForm] = Form.useForm<{ code: string }>();
  const [disableForm] = Form.useForm<{ password: string }>();
  const setup: TotpSetup | undefined = me.totpEnabled ? undefined : begin.data;

  const shownError = (error: unknown) =>
    error && !(error instanceof ApiError && error.fields.length > 0) ? (
      <div style={{ marginBottom: 12 }}>
        <ErrorAlert error={error} />
      </div>
    ) : null;

  return (
    <Card
      title={t('account.totp')}
      extra={me.totpEnabled ? <Tag color="green">{t('common.on')}</Tag> : <Tag>{t('common.off')}</Tag>}
    >
      {me.totpEnabled ? (
        <>
          <Typography.Paragraph>{t('account.totpOn')}</Typography.Paragraph>
          {shownError(disable.error)}
          <Form<{ password: string }>
            form={disableForm}
            name="totpOff"
            layout="vertical"
            requiredMark={false}
            style={{ maxWidth: 360 }}
            onFinish={({ password }) =>
              disable.mutate(password, {
                onSuccess: () => {
                  disableForm.resetFields();
                  begin.reset();
                  void message.success(t('account.totpDisabled'));
                },
                onError: (error) => applyFieldErrors(disableForm, error, ['password']),
              })
            }
          >
            <Form.Item
              name="password"
              label={t('account.totpDisablePassword')}
              rules={[{ required: true, message: t('login.passwordRequired') }]}
            >
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Button danger htmlType="submit" loading={disable.isPending}>
              {t('account.totpDisable')}
            </Button>
          </Form>
        </>
      ) : setup ? (
        <>
          <Typography.Paragraph>{t('account.totpScan')}</Typography.Paragraph>
          <Flex gap={24} wrap align="flex-start">
            <QRCode value={setup.uri} size={184} bgColor="#ffffff" aria-label={t('account.totpQr')} />
            <Flex vertical gap={12} style={{ minWidth: 260, flex: 1 }}>
              <div>
                <Typography.Text type="secondary">{t('account.totpSecret')}</Typography.Text>
                <br />
                <Typography.Text
                  copyable={{ text: setup.secret }}
                  data-testid="totp-secret"
                  style={{
                    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
                    letterSpacing: '0.08em',
                  }}
                >
                  {setup.secret.replace(/(.{4})/g, '$1 ').trim()}
                </Typography.Text>
              </div>
              {shownError(enable.error)}
              <Form<{ code: string }>
                form={enableForm}
                name="totpOn"
                layout="vertical"
                requiredMark={false}
                onFinish={({ code }) =>
                  enable.mutate(code.trim(), {
                    onSuccess: () => {
                      enableForm.resetFields();
                      void message.success(t('account.totpEnabled'));
                    },
                    onError: (error) => applyFieldErrors(enableForm, error, ['code']),
                  })
                }
              >
                <Form.Item
                  name="code"
                  label={t('mfa.code')}
                  rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('mfa.codeInvalid') }]}
                >
                  <Input
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    maxLength={6}
                    style={{ maxWidth: 200, letterSpacing: '0.3em' }}
                  />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={enable.isPending}>
                  {t('account.totpConfirm')}
                </Button>
              </Form>
            </Flex>
          </Flex>
        </>
      ) : (
        <>
          <Typography.Paragraph>{t('account.totpOff')}</Typography.Paragraph>
          {shownError(begin.error)}
          <Button type="primary" onClick={() => begin.mutate()} loading={begin.isPending} data-testid="totp-start">
            {t('account.totpStart')}
          </Button>
        </>
      )}
    </Card>
  );
}
