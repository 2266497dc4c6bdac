import { Descriptions, Drawer, Flex, Spin, Timeline, Typography } from 'antd';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { formatDateTime, useT } from '../../../app/i18n.js';
import { usePrefs } from '../../../app/prefs.js';
import { useDelivery } from '../api.js';
import { channelLabel, reasonLabel } from '../labels.js';
import { useMessageTypes } from '../use-message-types.js';
import { DeliveryStatusTag } from './DeliveryStatusTag.js';

/** One delivery: its text as it reads (codes masked), where it stands, and every attempt. */
export function DeliveryDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const t = useT();
  const { lang } = usePrefs();
  const q = useDelivery(id);
  const messageTypes = useMessageTypes();
  const d = q.data;
  return (
    <Drawer open={id !== null} onClose={onClose} title={t('notify.detail')} size={600} destroyOnHidden>
      {q.isError ? <ErrorAlert error={q.error} /> : null}
      {q.isLoading ? <Spin /> : null}
      {d ? (
        <Flex vertical gap={20} data-testid="delivery-drawer">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('notify.col.type')}>{messageTypes.label(d.type)}</Descriptions.Item>
            <Descriptions.Item label={t('notify.col.channel')}>{channelLabel(t, d.channel)}</Descriptions.Item>
            <Descriptions.Item label={t('notify.col.recipient')}>{d.recipient}</Descriptions.Item>
            <Descriptions.Item label={t('notify.col.status')}>
              <DeliveryStatusTag status={d.status} />
              {reasonLabel(t, d.statusReason)}
            </Descriptions.Item>
            {d.nextAttemptAt ? (
              <Descriptions.Item label={t('notify.detail.next')}>
                {formatDateTime(d.nextAttemptAt, lang)}
              </Descriptions.Item>
            ) : null}
            {d.sentAt ? (
              <Descriptions.Item label={t('notify.detail.sentAt')}>{formatDateTime(d.sentAt, lang)}</Descriptions.Item>
            ) : null}
            {d.provider ? (
              <Descriptions.Item label={t('notify.detail.provider')}>{d.provider}</Descriptions.Item>
            ) : null}
          </Descriptions>
          <div>
            <Typography.Title level={2} style={{ fontSize: '1.1em' }}>
              {t('notify.detail.preview')}
            </Typography.Title>
            {d.preview.title ? <Typography.Text strong>{d.preview.title}</Typography.Text> : null}
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 4 }} data-testid="delivery-preview">
              {d.preview.text}
            </Typography.Paragraph>
          </div>
          <div>
            <Typography.Title level={2} style={{ fontSize: '1.1em' }}>
              {t('notify.detail.attempts')}
            </Typography.Title>
            {d.attemptsLog.length === 0 ? (
              <Typography.Text type="secondary">{t('notify.detail.noAttempts')}</Typography.Text>
            ) : (
              <Timeline
                items={d.attemptsLog.map((a) => ({
                  color: a.ok ? 'green' : 'red',
                  content: (
                    <>
                      <Typography.Text>
                        {t(a.ok ? 'notify.detail.attemptOk' : 'notify.detail.attemptFailed', { n: a.attempt })}
                      </Typography.Text>{' '}
                      <Typography.Text type="secondary">{formatDateTime(a.at, lang)}</Typography.Text>
                      {a.error ? (
                        <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: '0.9em' }}>
                          {a.error}
                        </Typography.Paragraph>
                      ) : null}
                    </>
                  ),
                }))}
              />
            )}
          </div>
        </Flex>
      ) : null}
    </Drawer>
  );
}
