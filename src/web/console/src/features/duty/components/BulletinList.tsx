import { Badge, Button, Card, Empty, Flex, Input, Modal, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { bulletinIssuerLabels } from '../../../../../../contracts/duty.js';
import { formatDateTime, useT } from '../../../app/i18n.js';
import { usePrefs } from '../../../app/prefs.js';
import { useLabel } from '../../suggestions/hooks/use-label.js';
import { useBulletins, useReadBulletin, useReceipts, type BulletinView } from '../api.js';

/** Who was told and who has read, for staff. */
function Receipts({ id, onClose }: { id: number | null; onClose: () => void }) {
  const t = useT();
  const { lang } = usePrefs();
  const receipts = useReceipts(id);
  return (
    <Modal
      open={id !== null}
      title={t('duty.bulletins.receiptsTitle')}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
    >
      <Table
        size="small"
        rowKey="deputyId"
        loading={receipts.isPending}
        pagination={false}
        dataSource={receipts.data?.items ?? []}
        columns={[
          { title: t('duty.deputy'), dataIndex: 'deputyName' },
          {
            title: t('duty.bulletins.read'),
            dataIndex: 'readAt',
            render: (v: string | null) => (v ? formatDateTime(v, lang) : <Tag>{t('duty.bulletins.notRead')}</Tag>),
          },
        ]}
      />
    </Modal>
  );
}

/** One bulletin's text in a dialog (the caller records the read receipt when it opens it). */
export function BulletinReader({ bulletin, onClose }: { bulletin: BulletinView | null; onClose: () => void }) {
  const label = useLabel();
  const { lang } = usePrefs();
  return (
    <Modal open={bulletin !== null} title={bulletin?.title} onCancel={onClose} footer={null} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        {bulletin
          ? `${label(bulletinIssuerLabels[bulletin.issuer])} · ${formatDateTime(bulletin.publishedAt, lang)}`
          : ''}
      </Typography.Paragraph>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="bulletin-body">
        {bulletin?.body}
      </Typography.Paragraph>
    </Modal>
  );
}

/**
 * Bulletins (知情知政), searchable: a deputy opens one to read it (the first opening is the
 * receipt); staff see how many were told and have read, and the receipts.
 */
export function BulletinList() {
  const t = useT();
  const label = useLabel();
  const { lang } = usePrefs();
  const [q, setQ] = useState('');
  const list = useBulletins(q);
  const read = useReadBulletin();
  const [open, setOpen] = useState<BulletinView | null>(null);
  const [receipts, setReceipts] = useState<number | null>(null);
  const show = (b: BulletinView) => {
    setOpen(b);
    if (b.recipients === null && !b.readAt) read.mutate(b.id);
  };
  return (
    <Flex vertical gap={8}>
      <Input.Search allowClear placeholder={t('duty.bulletins.search')} onSearch={setQ} data-testid="bulletin-search" />
      {list.data && !list.data.items.length && <Empty description={t('duty.empty')} />}
      {list.data?.items.map((b) => (
        <Card key={b.id} size="small" hoverable onClick={() => show(b)} data-testid={`bulletin-${b.id}`}>
          <Flex justify="space-between" gap={8} wrap>
            <div style={{ minWidth: 0, flex: '1 1 200px' }}>
              {b.recipients === null && !b.readAt ? <Badge status="processing" style={{ marginInlineEnd: 6 }} /> : null}
              <Typography.Text strong>{b.title}</Typography.Text>
              <div>
                <Typography.Text type="secondary">
                  {label(bulletinIssuerLabels[b.issuer])} · {formatDateTime(b.publishedAt, lang)}
                  {b.topic ? ` · ${b.topic}` : ''}
                </Typography.Text>
              </div>
            </div>
            {b.recipients !== null ? (
              <Button
                size="small"
                onClick={(e) => {
                  e.stopPropagation();
                  setReceipts(b.id);
                }}
              >
                {t('duty.bulletins.receipts', { read: b.read ?? 0, total: b.recipients })}
              </Button>
            ) : (
              <Tag color={b.readAt ? 'default' : 'blue'} data-testid="bulletin-read-state">
                {t(b.readAt ? 'duty.bulletins.read' : 'duty.bulletins.unread')}
              </Tag>
            )}
          </Flex>
        </Card>
      ))}
      <BulletinReader bulletin={open} onClose={() => setOpen(null)} />
      <Receipts id={receipts} onClose={() => setReceipts(null)} />
    </Flex>
  );
}
