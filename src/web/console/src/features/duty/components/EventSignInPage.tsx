import { ScanOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Input, Result, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { applyFieldErrors } from '../../../app/form-errors.js';
import { useDateFormat, useT } from '../../../app/i18n.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { useEventSignIn, useEvents } from '../events-api.js';
import { EventCard } from './EventsTab.js';
import { chinaYear } from '../../../../../../contracts/calendar.js';

/**
 * /console/duty/sign-in/:id — the deputy at the place, on their phone: opened by scanning the QR
 * code (the signed token in `t`), or typing the 6-digit code shown there. Signing in is a button,
 * never the opening of the page.
 */
export function EventSignInPage() {
  const t = useT();
  const when = useDateFormat();
  const id = Number(useParams().id);
  const [params] = useSearchParams();
  const token = params.get('t');
  const [form] = Form.useForm<{ shortCode: string }>();
  const [done, setDone] = useState<{ title: string; at: string; already: boolean } | null>(null);
  const events = useEvents(chinaYear());
  const event = events.data?.items.find((e) => e.id === id);
  const signIn = useEventSignIn();
  const onDone = (r: { title: string; signedInAt: string; already: boolean }) =>
    setDone({ title: r.title, at: r.signedInAt, already: r.already });
  if (done)
    return (
      <Result
        status="success"
        title={done.already ? t('dutyEvents.alreadyIn') : t('dutyEvents.signedIn')}
        subTitle={`${done.title} · ${when.dateTime(done.at)}`}
        extra={<Link to="/duty/mine">{t('dutyEvents.backToRecord')}</Link>}
        data-testid="sign-in-done"
      />
    );
  return (
    <>
      <PageTitle>{t('dutyEvents.signInTitle')}</PageTitle>
      <Flex vertical gap={12} style={{ maxWidth: 480 }}>
        {event && <EventCard event={event} />}
        {signIn.error && <ErrorAlert error={signIn.error} />}
        {token ? (
          <Card size="small">
            <Typography.Paragraph>{t('dutyEvents.scanned')}</Typography.Paragraph>
            <Button
              type="primary"
              size="large"
              block
              icon={<ScanOutlined />}
              loading={signIn.isPending}
              onClick={() => signIn.mutate({ id, body: { qrToken: token } }, { onSuccess: onDone })}
              data-testid="sign-in-confirm"
            >
              {t('dutyEvents.confirmSignIn')}
            </Button>
          </Card>
        ) : (
          <Card size="small">
            <Form
              form={form}
              name="duty_sign_in"
              layout="vertical"
              onFinish={(v) =>
                signIn.mutate(
                  { id, body: { shortCode: v.shortCode } },
                  { onSuccess: onDone, onError: (e) => applyFieldErrors(form, e, ['shortCode']) },
                )
              }
            >
              <Form.Item
                name="shortCode"
                label={t('dutyEvents.enterCode')}
                rules={[{ required: true, pattern: /^[0-9]{6}$/, message: t('dutyEvents.codeFormat') }]}
              >
                <Input
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  size="large"
                  style={{ fontSize: 28, letterSpacing: 6, textAlign: 'center' }}
                  data-testid="short-code-input"
                />
              </Form.Item>
              <Button
                type="primary"
                htmlType="submit"
                size="large"
                block
                loading={signIn.isPending}
                data-testid="sign-in-submit"
              >
                {t('dutyEvents.confirmSignIn')}
              </Button>
            </Form>
          </Card>
        )}
      </Flex>
    </>
  );
}
