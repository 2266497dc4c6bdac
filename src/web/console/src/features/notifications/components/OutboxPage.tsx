import { Badge, Button, Card, Flex, Popconfirm, Select, Tabs, Tag, Tooltip, Typography, App } from 'antd';
import type { ButtonProps, TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../../app/form-errors.js';
import { formatDateTime, useT } from '../../../app/i18n.js';
import { PagedTable } from '../../../app/PagedTable.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { usePrefs } from '../../../app/prefs.js';
import { useCan } from '../../../app/session.js';
import {
  useDeliveries,
  useDeliveryAction,
  useDeliveryCounts,
  type Channel,
  type DeliveryFilters,
  type DeliveryStatus,
  type DeliveryView,
  type MessageType,
} from '../api.js';
import { channelLabel, channelList, deliveryStatuses, reasonLabel, statusLabel } from '../labels.js';
import { useMessageTypes } from '../use-message-types.js';
import { DeliveryDrawer } from './DeliveryDrawer.js';
import { DeliveryStatusTag } from './DeliveryStatusTag.js';

const retryable: DeliveryStatus[] = ['dead', 'cancelled', 'retrying'];
const cancellable: DeliveryStatus[] = ['pending', 'retrying', 'dead'];
const confirmOk = (testId: string) => ({ 'data-testid': testId }) as ButtonProps;

/** /console/notifications: every message the platform sends, by state; retry the failed, cancel the waiting. */
export function OutboxPage() {
  const t = useT();
  const { lang } = usePrefs();
  const can = useCan();
  const { message } = App.useApp();
  const [filters, setFilters] = useState<DeliveryFilters>({ status: 'dead' });
  const [open, setOpen] = useState<number | null>(null);
  const list = useDeliveries(filters);
  const counts = useDeliveryCounts();
  const action = useDeliveryAction();
  const manage = can('notify.manage');
  const messageTypes = useMessageTypes();

  const act = async (id: number, kind: 'retry' | 'cancel') => {
    try {
      await action.mutateAsync({ id, action: kind });
      void message.success(t(kind === 'retry' ? 'notify.retried' : 'notify.cancelled'));
    } catch (error) {
      void message.error(errorMessage(error, t));
    }
  };

  const columns: TableColumnsType<DeliveryView> = [
    {
      key: 'time',
      title: t('notify.col.time'),
      width: 170,
      render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.createdAt, lang)}</span>,
    },
    {
      key: 'type',
      title: t('notify.col.type'),
      render: (_, r) => (
        <Flex gap={4} wrap>
          {messageTypes.label(r.type)}
          {r.urgent ? <Tag color="volcano">{t('notify.urgent')}</Tag> : null}
        </Flex>
      ),
    },
    { key: 'channel', title: t('notify.col.channel'), width: 100, render: (_, r) => channelLabel(t, r.channel) },
    { key: 'recipient', title: t('notify.col.recipient'), width: 150, render: (_, r) => r.recipient },
    {
      key: 'status',
      title: t('notify.col.status'),
      width: 130,
      render: (_, r) => {
        const reason = reasonLabel(t, r.statusReason);
        const tag = <DeliveryStatusTag status={r.status} />;
        return reason ? <Tooltip title={reason}>{tag}</Tooltip> : tag;
      },
    },
    {
      key: 'attempts',
      title: t('notify.col.attempts'),
      width: 100,
      render: (_, r) => `${r.attempts} / ${r.maxAttempts}`,
    },
    {
      key: 'error',
      title: t('notify.col.lastError'),
      ellipsis: true,
      render: (_, r) =>
        r.lastError ? (
          <Typography.Text type="secondary" title={r.lastError}>
            {r.lastError}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 220,
      fixed: 'right',
      render: (_, r) => (
        <Flex gap={4} wrap>
          <Button size="small" type="link" onClick={() => setOpen(r.id)} data-testid={`details-${r.id}`}>
            {t('common.details')}
          </Button>
          {manage && retryable.includes(r.status) ? (
            <Popconfirm
              title={t('notify.retryConfirm')}
              okText={t('common.ok')}
              cancelText={t('common.cancel')}
              okButtonProps={confirmOk('confirm-retry')}
              onConfirm={() => act(r.id, 'retry')}
            >
              <Button size="small" type="link" data-testid={`retry-${r.id}`}>
                {t('notify.retry')}
              </Button>
            </Popconfirm>
          ) : null}
          {manage && cancellable.includes(r.status) ? (
            <Popconfirm
              title={t('notify.cancelConfirm')}
              okText={t('common.ok')}
              cancelText={t('common.cancel')}
              okButtonProps={{ ...confirmOk('confirm-cancel'), danger: true }}
              onConfirm={() => act(r.id, 'cancel')}
            >
              <Button size="small" type="link" danger data-testid={`cancel-${r.id}`}>
                {t('notify.cancel')}
              </Button>
            </Popconfirm>
          ) : null}
        </Flex>
      ),
    },
  ];

  const tabLabel = (s: DeliveryStatus | 'all') => {
    const n = s === 'all' ? null : counts.data?.[s];
    const text = s === 'all' ? t('notify.tab.all') : statusLabel(t, s);
    return (
      <span data-testid={`tab-${s}`}>
        {text}
        {n ? (
          <Badge
            count={n}
            overflowCount={9999}
            style={{ marginInlineStart: 6 }}
            color={s === 'dead' ? 'red' : s === 'retrying' ? 'orange' : 'gray'}
          />
        ) : null}
      </span>
    );
  };

  return (
    <>
      <PageTitle
        extra={
          <>
            <Link to="/notifications/templates" data-testid="link-templates">
              {t('notify.templatesLink')}
            </Link>
            <Link to="/notifications/preferences" data-testid="link-preferences">
              {t('notify.preferencesLink')}
            </Link>
          </>
        }
      >
        {t('notify.title')}
      </PageTitle>
      <Card>
        <Tabs
          activeKey={filters.status ?? 'all'}
          onChange={(key) => setFilters((f) => ({ ...f, status: key === 'all' ? undefined : (key as DeliveryStatus) }))}
          items={[...deliveryStatuses, 'all' as const].map((s) => ({ key: s, label: tabLabel(s) }))}
        />
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Select<Channel | ''>
            aria-label={t('notify.filter.channel')}
            style={{ width: 160 }}
            value={filters.channel ?? ''}
            onChange={(v) => setFilters((f) => ({ ...f, channel: v || undefined }))}
            options={[
              { value: '', label: t('notify.filter.allChannels') },
              ...channelList.map((c) => ({ value: c, label: channelLabel(t, c) })),
            ]}
            data-testid="filter-channel"
          />
          <Select<MessageType | ''>
            aria-label={t('notify.filter.type')}
            style={{ width: 200 }}
            value={filters.type ?? ''}
            onChange={(v) => setFilters((f) => ({ ...f, type: v || undefined }))}
            options={[
              { value: '', label: t('notify.filter.allTypes') },
              ...messageTypes.types.map((type) => ({ value: type, label: messageTypes.label(type) })),
            ]}
            data-testid="filter-type"
          />
        </Flex>
        <PagedTable<DeliveryView>
          list={list}
          columns={columns}
          scrollX={1120}
          emptyText={t('notify.empty')}
          testId="outbox-table"
        />
      </Card>
      <DeliveryDrawer id={open} onClose={() => setOpen(null)} />
    </>
  );
}
