import { Button, Card, Empty, Flex, Tag, Typography } from 'antd';
import { useState } from 'react';
import {
  activityFlagLabels,
  activityKindLabels,
  activityStateLabels,
  type ActivityState,
} from '../../../../../../contracts/duty.js';
import { useT } from '../../../app/i18n.js';
import { useLabel } from '../../suggestions/hooks/use-label.js';
import { useCheck, type ActivityView } from '../api.js';
import { pct } from '../more-api.js';
import { ActivityActionModal, type ActivityMode } from './ActivityActionModal.js';

const stateColors: Record<ActivityState, string> = {
  pending: 'gold',
  confirmed: 'green',
  rejected: 'default',
  disputed: 'red',
  void: 'default',
};

/**
 * Activities as cards (they read on a phone as well as on a desk): kind, day, title, marks, state,
 * notes of the check and the dispute, and the buttons the viewer may use.
 */
export function ActivityList({
  items,
  canDispute,
  canCheck,
  showDeputy,
}: {
  items: readonly ActivityView[];
  canDispute: boolean;
  canCheck: boolean;
  showDeputy?: boolean;
}) {
  const t = useT();
  const label = useLabel();
  const check = useCheck();
  const [modal, setModal] = useState<{ mode: ActivityMode; activity: ActivityView } | null>(null);
  if (!items.length) return <Empty description={t('duty.empty')} />;
  return (
    <Flex vertical gap={8} data-testid="duty-activities">
      {items.map((a) => (
        <Card key={a.id} size="small" data-testid={`activity-${a.id}`}>
          <Flex justify="space-between" align="start" gap={8} wrap>
            <div style={{ minWidth: 0, flex: '1 1 220px' }}>
              <Typography.Text strong>{a.title}</Typography.Text>
              <div>
                <Typography.Text type="secondary">
                  {a.day} · {label(activityKindLabels[a.kind])}
                  {showDeputy ? ` · ${a.deputyName}` : ''}
                  {a.hours !== null ? ` · ${t('duty.hours', { n: a.hours })}` : ''}
                  {' · '}
                  {t(a.origin === 'system' ? 'duty.origin.system' : 'duty.origin.hand')}
                  {a.evidence.length ? ` · ${t('duty.evidence', { n: a.evidence.length })}` : ''}
                </Typography.Text>
              </div>
              <Flex gap={4} wrap style={{ marginTop: 4 }}>
                <Tag color={stateColors[a.state]} data-testid="activity-state">
                  {label(activityStateLabels[a.state])}
                </Tag>
                {a.flags.map((f) => (
                  <Tag key={f} color="blue">
                    {label(activityFlagLabels[f])}
                  </Tag>
                ))}
              </Flex>
              {a.rating && (
                <div data-testid="activity-rating">
                  {t('dutyMore.activityRating', {
                    share: pct(a.rating.satisfiedShare),
                    n: a.rating.ratings,
                    s: a.rating.satisfied,
                    b: a.rating.basicallySatisfied,
                    d: a.rating.dissatisfied,
                  })}
                </div>
              )}
              {a.checkNote && <div>{t('duty.checkNote', { note: a.checkNote })}</div>}
              {a.dispute && <div>{t('duty.disputeNote', { note: a.dispute })}</div>}
              {a.resolution && <div>{t('duty.resolutionNote', { note: a.resolution })}</div>}
            </div>
            <Flex gap={4} wrap className="duty-no-print">
              {canDispute && ['confirmed', 'rejected', 'pending'].includes(a.state) && (
                <Button size="small" onClick={() => setModal({ mode: 'dispute', activity: a })} data-testid="dispute">
                  {t('duty.dispute.open')}
                </Button>
              )}
              {canCheck && a.state === 'pending' && (
                <>
                  <Button
                    size="small"
                    type="primary"
                    loading={check.isPending}
                    onClick={() => check.mutate({ id: a.id, body: { outcome: 'confirm' } })}
                    data-testid="check-confirm"
                  >
                    {t('duty.check.confirm')}
                  </Button>
                  <Button
                    size="small"
                    onClick={() => setModal({ mode: 'reject', activity: a })}
                    data-testid="check-reject"
                  >
                    {t('duty.check.reject')}
                  </Button>
                </>
              )}
              {canCheck && a.state === 'disputed' && (
                <Button
                  size="small"
                  type="primary"
                  onClick={() => setModal({ mode: 'resolve', activity: a })}
                  data-testid="resolve"
                >
                  {t('duty.resolve.open')}
                </Button>
              )}
            </Flex>
          </Flex>
        </Card>
      ))}
      <ActivityActionModal modal={modal} onClose={() => setModal(null)} />
    </Flex>
  );
}
