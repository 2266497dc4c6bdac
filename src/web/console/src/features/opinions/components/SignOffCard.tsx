import { App, Button, Card, Flex, Form, Input, Modal, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { SignOffView } from '../../../app/contracts.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { formatDateTime, useT } from '../../../app/i18n.js';
import { usePrefs } from '../../../app/prefs.js';
import { useCan } from '../../../app/session.js';
import { useDecideSignOff } from '../api.js';

/** What the officer proposed: the unit, the co-units, the time limit, who asked and when. */
function Proposal({ s }: { s: SignOffView }) {
  const t = useT();
  const { lang } = usePrefs();
  return (
    <Flex vertical gap={4}>
      <Typography.Text>
        {t('opinions.signOff.pendingBody', {
          by: s.requestedByName,
          at: formatDateTime(s.requestedAt, lang),
          unit: s.leadUnitName,
          days: s.deadlineDays ? t('opinions.signOff.days', { days: s.deadlineDays }) : '',
        })}
      </Typography.Text>
      {s.coUnitNames.length ? (
        <Typography.Text type="secondary">
          {t('opinions.signOff.co', { units: s.coUnitNames.join('、') })}
        </Typography.Text>
      ) : null}
      {s.note ? <Typography.Text type="secondary">{s.note}</Typography.Text> : null}
    </Flex>
  );
}

/** The head's two buttons: sign off at once, or send back with the reason (asked in a small dialog). */
function Decide({ s }: { s: SignOffView }) {
  const t = useT();
  const { message } = App.useApp();
  const decide = useDecideSignOff();
  const [declining, setDeclining] = useState(false);
  const [form] = Form.useForm<{ note: string }>();
  return (
    <>
      <Flex gap={8} wrap>
        <Button
          type="primary"
          size="large"
          loading={decide.isPending && !declining}
          data-testid={`sign-off-approve-${s.id}`}
          onClick={() =>
            decide.mutate(
              { id: s.id, opinionId: s.opinionId, approve: true },
              { onSuccess: () => void message.success(t('opinions.signOff.approved')) },
            )
          }
        >
          {t('opinions.signOff.approve')}
        </Button>
        <Button size="large" onClick={() => setDeclining(true)} data-testid={`sign-off-decline-${s.id}`}>
          {t('opinions.signOff.decline')}
        </Button>
      </Flex>
      {decide.error && !declining ? <ErrorAlert error={decide.error} /> : null}
      <Modal
        open={declining}
        title={t('opinions.signOff.decline')}
        onCancel={() => setDeclining(false)}
        onOk={() => form.submit()}
        okText={t('opinions.signOff.decline')}
        confirmLoading={decide.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          name="signOffDecline"
          onFinish={(v) =>
            decide.mutate(
              { id: s.id, opinionId: s.opinionId, approve: false, note: v.note },
              {
                onSuccess: () => {
                  setDeclining(false);
                  void message.success(t('opinions.signOff.declined'));
                },
              },
            )
          }
        >
          {decide.error ? <ErrorAlert error={decide.error} /> : null}
          <Form.Item
            name="note"
            label={t('opinions.signOff.declineReason')}
            rules={[{ required: true, whitespace: true, message: t('opinions.form.required') }]}
          >
            <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** On the opinion's page: the assignment waiting for sign-off; the head decides right here. */
export function PendingSignOff({ signOff }: { signOff: SignOffView }) {
  const t = useT();
  const can = useCan();
  return (
    <Card
      title={t('opinions.signOff.pendingTitle')}
      styles={{ header: { background: '#fffbe6' } }}
      data-testid="pending-sign-off"
    >
      <Flex vertical gap={12}>
        <Proposal s={signOff} />
        {can('opinion.signOff') ? <Decide s={signOff} /> : null}
      </Flex>
    </Card>
  );
}

/** One entry of the head's queue (a card: it is read on a phone). */
export function SignOffQueueItem({ s }: { s: SignOffView }) {
  const t = useT();
  return (
    <Card size="small" data-testid={`sign-off-${s.id}`}>
      <Flex vertical gap={8}>
        <Flex gap={8} align="center" wrap>
          <Link to={`/opinions/${s.opinionId}`} style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}>
            {s.receiptCode}
          </Link>
          <Typography.Text type="secondary">{s.orgName}</Typography.Text>
          {s.urgency === 'urgent' ? <Tag color="red">{t('opinionUrgency.urgent')}</Tag> : null}
        </Flex>
        <Typography.Text strong>{s.excerpt}</Typography.Text>
        <Proposal s={s} />
        <Decide s={s} />
      </Flex>
    </Card>
  );
}
