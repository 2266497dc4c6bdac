import { CameraOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Popconfirm, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import type { ReceptionView } from '../../../app/contracts.js';
import { useT } from '../../../app/i18n.js';
import { closeReception, saveRecord, uploadPhoto } from '../api.js';
import type { RunDirect } from '../hooks/use-table-reception.js';

/** The record of the reception (summary, photos) and closing it; both need the network and nothing waiting. */
export function TableRecordCard({
  reception,
  open,
  disabled,
  pendingCount,
  direct,
}: {
  reception: ReceptionView;
  open: boolean;
  /** Offline, or another call is under way. */
  disabled: boolean;
  /** Entries still waiting on this device: the reception closes only once they are sent. */
  pendingCount: number;
  direct: RunDirect;
}) {
  const t = useT();
  const [summary, setSummary] = useState<string | null>(null);
  const photoInput = useRef<HTMLInputElement>(null);
  const cancelled = reception.status === 'cancelled';
  const record = () => ({ summary: summary ?? reception.summary ?? '' });
  return (
    <Card size="small" title={t('receptions.table.record')}>
      <Form layout="vertical">
        <Form.Item label={t('receptions.table.summary')}>
          <Input.TextArea
            rows={4}
            maxLength={10000}
            value={summary ?? reception.summary ?? ''}
            onChange={(e) => setSummary(e.target.value)}
            data-testid="record-summary"
            disabled={cancelled}
          />
        </Form.Item>
        <Space wrap>
          <Button
            disabled={disabled || cancelled}
            data-testid="record-save"
            onClick={() => void direct(() => saveRecord(reception.id, record()), t('receptions.saved'))}
          >
            {t('receptions.table.saveRecord')}
          </Button>
          <Button icon={<CameraOutlined />} disabled={disabled || !open} onClick={() => photoInput.current?.click()}>
            {t('receptions.table.photo')}
          </Button>
          <input
            ref={photoInput}
            type="file"
            style={{ display: 'none' }}
            accept="image/jpeg,image/png,image/webp"
            aria-label={t('receptions.table.photo')}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (!file) return;
              void direct(() => uploadPhoto(reception.id, file), t('receptions.saved'));
              e.target.value = '';
            }}
          />
          <Popconfirm
            title={t('receptions.table.closeConfirm')}
            onConfirm={() =>
              void direct(async () => {
                await saveRecord(reception.id, record());
                return closeReception(reception.id);
              }, t('receptions.table.closed'))
            }
            okButtonProps={{ ...{ 'data-testid': 'close-confirm' } }}
          >
            <Button
              type="primary"
              danger
              disabled={disabled || !open || pendingCount > 0}
              data-testid="close-reception"
            >
              {t('receptions.table.close')}
            </Button>
          </Popconfirm>
        </Space>
        {pendingCount > 0 && open ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {t('receptions.table.closeAfterSync')}
          </Typography.Paragraph>
        ) : null}
      </Form>
      {reception.photos.length ? (
        <Typography.Paragraph style={{ marginTop: 8 }}>
          {t('receptions.table.photos', { n: reception.photos.length })}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}
