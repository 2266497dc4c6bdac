import { MinusOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Typography } from 'antd';
import { useT } from '../../../app/i18n.js';
import type { TableEntry } from '../hooks/use-table-queue.js';

/** The visitor count, one up or down at a time. */
export function TableVisitorsCard({
  visitors,
  open,
  onAdd,
}: {
  /** The count with the changes still waiting on this device. */
  visitors: number;
  open: boolean;
  onAdd: (entry: TableEntry, label: string) => Promise<void>;
}) {
  const t = useT();
  return (
    <Card size="small" title={t('receptions.table.visitors')} style={{ marginBottom: 12 }}>
      <Flex align="center" gap={16}>
        <Button
          size="large"
          icon={<MinusOutlined />}
          aria-label={t('receptions.table.visitorMinus')}
          disabled={!open || visitors <= 0}
          onClick={() => void onAdd({ kind: 'visitors', body: { delta: -1 } }, t('receptions.table.visitorMinus'))}
        />
        <Typography.Title level={2} style={{ margin: 0 }} data-testid="visitors">
          {visitors}
        </Typography.Title>
        <Button
          size="large"
          type="primary"
          icon={<PlusOutlined />}
          aria-label={t('receptions.table.visitorPlus')}
          data-testid="visitors-plus"
          disabled={!open}
          onClick={() => void onAdd({ kind: 'visitors', body: { delta: 1 } }, t('receptions.table.visitorPlus'))}
        />
      </Flex>
    </Card>
  );
}
