import { Tag } from 'antd';
import type { ReceptionMode, ReceptionStatus } from '../../../app/contracts.js';
import { useT } from '../../../app/i18n.js';

const statusColor: Record<ReceptionStatus, string> = {
  planned: 'default',
  published: 'blue',
  cancelled: 'red',
  closed: 'green',
};

export function StatusTag({ status }: { status: ReceptionStatus }) {
  const t = useT();
  return <Tag color={statusColor[status]}>{t(`receptions.status.${status}`)}</Tag>;
}

export function ModeTag({ mode }: { mode: ReceptionMode }) {
  const t = useT();
  return <Tag>{t(`receptions.mode.${mode}`)}</Tag>;
}

export const receptionModes: readonly ReceptionMode[] = [
  'regular',
  'themed',
  'appointment',
  'mobile',
  'homeVisit',
  'online',
];
