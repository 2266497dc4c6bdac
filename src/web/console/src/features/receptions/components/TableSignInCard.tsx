import { Button, Card, Input, List, Tag } from 'antd';
import type { ReceptionView } from '../../../app/contracts.js';
import { useDateFormat, useT } from '../../../app/i18n.js';
import type { TableEntry } from '../hooks/use-table-queue.js';

/** The duty deputies' sign-in: a button per deputy, or a scanned sign-in code. */
export function TableSignInCard({
  reception,
  open,
  pendingSignIns,
  onAdd,
}: {
  reception: ReceptionView;
  open: boolean;
  /** Deputies whose sign-in waits on this device. */
  pendingSignIns: ReadonlySet<number>;
  onAdd: (entry: TableEntry, label: string) => Promise<void>;
}) {
  const t = useT();
  const when = useDateFormat();
  return (
    <Card size="small" title={t('receptions.table.signIn')} style={{ marginBottom: 12 }}>
      <List
        dataSource={reception.duty}
        renderItem={(d) => {
          const signed = !!d.signedInAt || pendingSignIns.has(d.deputyId);
          return (
            <List.Item
              extra={
                signed ? (
                  <Tag color={d.signedInAt ? 'green' : 'orange'}>
                    {d.signedInAt
                      ? t('receptions.table.signedAt', {
                          time: when.time(d.signedInAt),
                        })
                      : t('receptions.table.waiting')}
                  </Tag>
                ) : (
                  <Button
                    type="primary"
                    disabled={!open}
                    data-testid={`sign-in-${d.deputyId}`}
                    onClick={() =>
                      void onAdd(
                        { kind: 'signIn', body: { deputyId: d.deputyId, at: new Date().toISOString() } },
                        t('receptions.table.signInOf', { name: d.name }),
                      )
                    }
                  >
                    {t('receptions.table.signInButton')}
                  </Button>
                )
              }
            >
              {d.name}
            </List.Item>
          );
        }}
      />
      <Input.Search
        placeholder={t('receptions.table.scan')}
        aria-label={t('receptions.table.scan')}
        enterButton={t('receptions.table.scanButton')}
        disabled={!open}
        data-testid="qr-input"
        onSearch={(v, _e, info) => {
          if (info?.source === 'clear' || !v.trim()) return;
          void onAdd(
            { kind: 'signIn', body: { qrToken: v.trim(), at: new Date().toISOString() } },
            t('receptions.table.scanned'),
          );
        }}
      />
    </Card>
  );
}
