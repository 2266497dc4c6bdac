import { Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import type { OpinionActionName, OpinionView } from '../../../app/contracts.js';
import { useT } from '../../../app/i18n.js';
import { actionOrder } from '../values.js';
import { ActionModal } from './ActionModal.js';

/** The loop's steps this user may take now, one button each, in the order the loop runs. */
const primary = new Set<OpinionActionName>([
  'triage',
  'assign',
  'accept',
  'respond',
  'feedback',
  'close',
  'decideExtension',
]);
const dangerous = new Set<OpinionActionName>(['reject', 'return']);

/** One button per step open to this user now (the server's `allowedActions`), each opening its form. */
export function OpinionActions({ opinion }: { opinion: OpinionView }) {
  const t = useT();
  const [open, setOpen] = useState<OpinionActionName | null>(null);
  const allowed = actionOrder.filter((a) => opinion.allowedActions.includes(a));

  // Closing waits for the constituent's time to rate: the button shows, disabled, with the day.
  const waits = opinion.closeWaits && opinion.ratingWaitUntil ? opinion.ratingWaitUntil : null;

  return (
    <>
      {allowed.length === 0 && !waits ? (
        <Typography.Text type="secondary" data-testid="no-actions">
          {t('opinions.detail.noActions')}
        </Typography.Text>
      ) : (
        <Flex gap={8} wrap data-testid="opinion-actions">
          {allowed.map((a) => (
            <Button
              key={a}
              type={primary.has(a) ? 'primary' : 'default'}
              danger={dangerous.has(a)}
              onClick={() => setOpen(a)}
              data-testid={`action-${a}`}
            >
              {t(`opinionAction.${a}`)}
            </Button>
          ))}
          {waits ? (
            <Flex vertical gap={4} style={{ width: '100%' }}>
              <Button type="primary" disabled data-testid="action-close-waiting" style={{ alignSelf: 'flex-start' }}>
                {t('opinionAction.close')}
              </Button>
              <Typography.Text type="secondary" data-testid="close-waits">
                {t('opinions.ratingWait.closeWaits', { date: waits })}
              </Typography.Text>
            </Flex>
          ) : null}
        </Flex>
      )}
      <ActionModal action={open} opinion={opinion} onClose={() => setOpen(null)} />
    </>
  );
}
