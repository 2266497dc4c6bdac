import type { MessageKey, Translate } from '../../app/i18n.js';
import type { Channel, DeliveryStatus } from './api.js';

export const statusColors: Record<DeliveryStatus, string> = {
  pending: 'blue',
  sending: 'processing',
  retrying: 'orange',
  sent: 'green',
  dead: 'red',
  cancelled: 'default',
  suppressed: 'default',
};

export const deliveryStatuses: DeliveryStatus[] = [
  'dead',
  'retrying',
  'pending',
  'sending',
  'sent',
  'cancelled',
  'suppressed',
];
export const channelList: Channel[] = ['sms', 'email', 'inApp'];
export const statusLabel = (t: Translate, s: DeliveryStatus) => t(`notify.status.${s}` as MessageKey);
export const channelLabel = (t: Translate, c: Channel) => t(`notify.channel.${c}` as MessageKey);

const reasons = ['optedOut', 'quietHours', 'exhausted', 'permanent', 'manualRetry', 'manualCancel', 'undecryptable'];
export function reasonLabel(t: Translate, reason: string | null): string | null {
  if (!reason) return null;
  return reasons.includes(reason) ? t(`notify.reason.${reason}` as MessageKey) : reason;
}
