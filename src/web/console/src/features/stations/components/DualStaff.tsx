import { EditOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Flex, Tag, Typography, type TableColumnsType } from 'antd';
import { ResponsiveTable } from '../../../app/ResponsiveTable.js';
import { useState } from 'react';
import type { InformantView, StationView } from '../../../app/contracts.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { errorMessage } from '../../../app/form-errors.js';
import { useT } from '../../../app/i18n.js';
import { useCan } from '../../../app/session.js';
import { useInformants, useRevealInformant } from '../api.js';
import { InformantFormModal } from './InformantFormModal.js';

/**
 * 双员制: the consultants (staff holding the consultant role on the station) and the informants
 * (community volunteers, phones masked; a full number is shown on request and audited).
 */
export function DualStaff({ station }: { station: StationView }) {
  const t = useT();
  const can = useCan();
  const { message } = App.useApp();
  const informants = useInformants(station.id);
  const reveal = useRevealInformant(station.id);
  const [revealed, setRevealed] = useState<Record<number, string | null>>({});
  const [editing, setEditing] = useState<InformantView | 'new' | null>(null);
  const manage = can('station.manage');
  const mayReveal = can('informant.revealContact');

  const columns: TableColumnsType<InformantView> = [
    { key: 'name', title: t('stations.informant.name'), dataIndex: 'name' },
    { key: 'community', title: t('stations.informant.community'), render: (_, i) => i.community ?? '—' },
    {
      key: 'phone',
      title: t('stations.informant.phone'),
      render: (_, i) =>
        i.id in revealed ? (
          <span data-testid="informant-phone-revealed">{revealed[i.id] ?? '—'}</span>
        ) : (
          <Flex gap={4} align="center">
            <span>{i.phoneMasked ?? '—'}</span>
            {mayReveal && i.phoneMasked ? (
              <Button
                size="small"
                type="link"
                icon={<EyeOutlined />}
                aria-label={t('stations.informant.reveal')}
                onClick={() =>
                  reveal
                    .mutateAsync(i.id)
                    .then((r) => setRevealed((prev) => ({ ...prev, [i.id]: r.phone })))
                    .catch((e: unknown) => void message.error(errorMessage(e, t)))
                }
                data-testid={`informant-reveal-${i.id}`}
              />
            ) : null}
          </Flex>
        ),
    },
    {
      key: 'active',
      title: t('units.col.status'),
      render: (_, i) =>
        i.active ? (
          <Tag color="green">{t('stations.informant.active')}</Tag>
        ) : (
          <Tag>{t('stations.informant.inactive')}</Tag>
        ),
    },
  ];
  if (manage) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      render: (_, i) => (
        <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing(i)}>
          {t('orgs.edit')}
        </Button>
      ),
    });
  }

  return (
    <Flex vertical gap={16}>
      <Flex vertical gap={8}>
        <Typography.Text strong>{t('stations.consultants')}</Typography.Text>
        {station.consultants.length ? (
          <Flex gap={6} wrap data-testid="consultants">
            {station.consultants.map((c) => (
              <Tag key={c.userId} color="purple" style={{ marginInlineEnd: 0 }}>
                {c.displayName}
              </Tag>
            ))}
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('stations.consultantsNone')}</Typography.Text>
        )}
        <Typography.Text type="secondary" style={{ fontSize: '0.9em' }}>
          {t('stations.consultantHint')}
        </Typography.Text>
      </Flex>
      <Flex vertical gap={8}>
        <Flex justify="space-between" align="center">
          <Typography.Text strong>{t('stations.informants')}</Typography.Text>
          {manage ? (
            <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="add-informant">
              {t('stations.informantAdd')}
            </Button>
          ) : null}
        </Flex>
        {informants.isError ? <ErrorAlert error={informants.error} /> : null}
        <ResponsiveTable<InformantView>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={informants.data ?? []}
          loading={informants.isPending}
          pagination={false}
          locale={{ emptyText: t('stations.informantsNone') }}
          data-testid="informants"
        />
      </Flex>
      <InformantFormModal
        stationId={station.id}
        open={editing !== null}
        informant={editing && editing !== 'new' ? editing : undefined}
        onClose={() => setEditing(null)}
      />
    </Flex>
  );
}
