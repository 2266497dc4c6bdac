import { CloudSyncOutlined } from '@ant-design/icons';
import { Badge, Button, Card, List, Space, Tag, Typography } from 'antd';
import { useT } from '../../../app/i18n.js';
import type { QueuedEntry } from '../offline-queue.js';

/** What this device still has to send (waiting first, then what the server refused), and "send now". */
export function TableUnsentCard({
  pending,
  failed,
  syncing,
  onSync,
  onDiscard,
}: {
  pending: QueuedEntry[];
  failed: QueuedEntry[];
  syncing: boolean;
  onSync: () => void;
  onDiscard: (key: string) => void;
}) {
  const t = useT();
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      title={
        <Space>
          <Badge count={pending.length} showZero color={pending.length ? 'orange' : 'green'} />
          <span>{t('receptions.table.unsent')}</span>
          <span data-testid="unsent-count" data-count={pending.length}>
            {t('receptions.table.unsentCount', { n: pending.length })}
          </span>
        </Space>
      }
      extra={
        <Button icon={<CloudSyncOutlined />} loading={syncing} onClick={onSync} data-testid="sync-now">
          {t('receptions.table.syncNow')}
        </Button>
      }
    >
      {pending.length + failed.length === 0 ? (
        <Typography.Text type="secondary">{t('receptions.table.allSent')}</Typography.Text>
      ) : (
        <List
          size="small"
          data-testid="unsent-list"
          dataSource={[...pending, ...failed]}
          renderItem={(e) => (
            <List.Item
              extra={
                e.error ? (
                  <Button size="small" onClick={() => onDiscard(e.key)}>
                    {t('receptions.table.discard')}
                  </Button>
                ) : null
              }
            >
              <Space>
                <Tag color={e.error ? 'red' : 'orange'}>
                  {e.error ? t('receptions.table.refused') : t('receptions.table.waiting')}
                </Tag>
                <span>{e.label}</span>
                {e.error ? <Typography.Text type="danger">{e.error}</Typography.Text> : null}
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
