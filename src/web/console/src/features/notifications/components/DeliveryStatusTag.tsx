import { Tag } from 'antd';
import { useT } from '../../../app/i18n.js';
import type { DeliveryStatus } from '../api.js';
import { statusColors, statusLabel } from '../labels.js';

export function DeliveryStatusTag({ status }: { status: DeliveryStatus }) {
  const t = useT();
  return (
    <Tag color={statusColors[status]} data-testid={`status-${status}`}>
      {statusLabel(t, status)}
    </Tag>
  );
}
