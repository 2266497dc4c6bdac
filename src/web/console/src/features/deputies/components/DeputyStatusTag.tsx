import { Tag } from 'antd';
import type { DeputyStatus } from '../../../app/contracts.js';
import { useT } from '../../../app/i18n.js';

const colors: Record<DeputyStatus, string> = {
  serving: 'green',
  ended: 'default',
  resigned: 'orange',
  terminated: 'red',
};

/** 在任, or how the deputy left office. */
export function DeputyStatusTag({ status }: { status: DeputyStatus }) {
  const t = useT();
  return (
    <Tag color={colors[status]} style={{ marginInlineEnd: 0 }}>
      {t(`deputyStatus.${status}`)}
    </Tag>
  );
}
