import { CloseCircleOutlined, EditOutlined, PlusOutlined, QrcodeOutlined, TeamOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Empty,
  Flex,
  List,
  Modal,
  Popconfirm,
  QRCode,
  Segmented,
  Select,
  Skeleton,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { activityKindLabels } from '../../../../../../contracts/duty.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useDateFormat, useT } from '../../../app/i18n.js';
import { useLabel } from '../../suggestions/hooks/use-label.js';
import {
  signInUrl,
  useEventSignIn,
  useEvents,
  useIssueCode,
  useRoster,
  type EventCode,
  type EventView,
} from '../events-api.js';
import { EventCancelModal, EventEditModal } from './EventChangeModals.js';
import { EventForm } from './EventForm.js';
import { YearSelect } from './YearSelect.js';
import { chinaDay, chinaYear } from '../../../../../../contracts/calendar.js';
import { useRemoveFromEvent } from '../more-api.js';

/** The code shown at the place: a QR code the deputy scans with their phone and the 6-digit code, both expiring. */
function CodeModal({ event, onClose }: { event: EventView; onClose: () => void }) {
  const t = useT();
  const when = useDateFormat();
  const [minutes, setMinutes] = useState(60);
  const [code, setCode] = useState<EventCode | null>(null);
  const issue = useIssueCode();
  const get = () => issue.mutate({ id: event.id, minutes }, { onSuccess: setCode });
  return (
    <Modal open title={t('dutyEvents.code')} onCancel={onClose} footer={null} destroyOnHidden>
      <Typography.Paragraph strong>{event.title}</Typography.Paragraph>
      {issue.error && <ErrorAlert error={issue.error} />}
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <Select
          aria-label={t('dutyEvents.validFor')}
          value={minutes}
          onChange={setMinutes}
          style={{ width: 140 }}
          options={[15, 30, 60, 120, 240].map((m) => ({ value: m, label: t('dutyEvents.minutes', { n: m }) }))}
        />
        <Button type="primary" onClick={get} loading={issue.isPending} data-testid="code-issue">
          {code ? t('dutyEvents.codeRenew') : t('dutyEvents.codeIssue')}
        </Button>
      </Flex>
      {code && (
        <Flex vertical align="center" gap={8} data-testid="code-shown">
          <QRCode value={signInUrl(event.id, code.qrToken)} size={220} />
          <Typography.Text type="secondary">{t('dutyEvents.shortCode')}</Typography.Text>
          <Typography.Text style={{ fontSize: 40, letterSpacing: 8, fontFamily: 'monospace' }} data-testid="short-code">
            {code.shortCode}
          </Typography.Text>
          <Typography.Text type="secondary">
            {t('dutyEvents.expires', { at: when.time(code.expiresAt) })}
          </Typography.Text>
          <Typography.Text copyable={{ text: signInUrl(event.id, code.qrToken) }} type="secondary">
            {t('dutyEvents.link')}
          </Typography.Text>
        </Flex>
      )}
    </Modal>
  );
}

/** Who is invited or signed up and who has signed in; staff sign a deputy in by hand. */
function RosterModal({ event, onClose }: { event: EventView; onClose: () => void }) {
  const t = useT();
  const when = useDateFormat();
  const { message } = App.useApp();
  const roster = useRoster(event.id);
  const signIn = useEventSignIn();
  const remove = useRemoveFromEvent();
  // Before the day is over the organiser may take a deputy off the list (the server refuses once it started).
  const removable = event.canManage && event.state === 'planned' && event.day >= chinaDay();
  return (
    <Modal open title={t('dutyEvents.roster')} onCancel={onClose} footer={null} destroyOnHidden>
      {signIn.error && <ErrorAlert error={signIn.error} />}
      {remove.error && <ErrorAlert error={remove.error} />}
      {roster.isPending ? (
        <Skeleton active />
      ) : roster.isError ? (
        <ErrorAlert error={roster.error} />
      ) : (
        <List
          dataSource={roster.data.items}
          locale={{ emptyText: t('duty.empty') }}
          renderItem={(r) => (
            <List.Item
              data-testid={`roster-${r.deputyId}`}
              actions={
                r.signedInAt || !event.canManage
                  ? []
                  : [
                      <Button
                        key="in"
                        size="small"
                        onClick={() =>
                          signIn.mutate(
                            { id: event.id, body: { deputyId: r.deputyId } },
                            { onSuccess: () => void message.success(t('dutyEvents.signedIn')) },
                          )
                        }
                      >
                        {t('dutyEvents.signInFor')}
                      </Button>,
                      ...(removable && r.enrolled
                        ? [
                            <Popconfirm
                              key="remove"
                              title={t('dutyMore.removeConfirm', { name: r.name })}
                              onConfirm={() =>
                                remove.mutate(
                                  { id: event.id, deputyId: r.deputyId },
                                  { onSuccess: () => void message.success(t('dutyMore.removed')) },
                                )
                              }
                            >
                              <Button size="small" danger data-testid={`roster-remove-${r.deputyId}`}>
                                {t('dutyMore.remove')}
                              </Button>
                            </Popconfirm>,
                          ]
                        : []),
                    ]
              }
            >
              <Flex vertical>
                <span>
                  {r.name} {r.enrolledSelf && <Tag>{t('dutyEvents.selfSignedUp')}</Tag>}
                </span>
                <Typography.Text type={r.signedInAt ? 'success' : 'secondary'}>
                  {r.signedInAt
                    ? t('dutyEvents.signedInAt', {
                        at: when.dateTime(r.signedInAt),
                        how: t(`dutyEvents.method.${r.method ?? 'staff'}`),
                      })
                    : t('dutyEvents.notSignedIn')}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Modal>
  );
}

/** One planned activity as a card: kind, time and place, counts; the organiser's code and roster. */
export function EventCard({ event, actions = [] }: { event: EventView; actions?: React.ReactNode[] }) {
  const t = useT();
  const label = useLabel();
  return (
    <Card size="small" data-testid={`event-${event.id}`} actions={actions.length ? actions : undefined}>
      <Flex vertical gap={4}>
        <Flex gap={6} wrap align="center">
          <Tag color="blue">{label(activityKindLabels[event.kind])}</Tag>
          {event.signup && <Tag color="green">{t('dutyEvents.signupTag')}</Tag>}
          {event.state === 'cancelled' && <Tag color="red">{t('dutyEvents.cancelled')}</Tag>}
          <Typography.Text strong>{event.title}</Typography.Text>
        </Flex>
        <Typography.Text type="secondary">
          {event.day} {event.startsAt} · {event.place ?? event.orgName} · {t('duty.hours', { n: event.hours })}
        </Typography.Text>
        <Typography.Text type="secondary">
          {t('dutyEvents.counts', { enrolled: event.enrolled, signedIn: event.signedIn })}
          {event.capacity ? ` / ${t('dutyEvents.capacityOf', { n: event.capacity })}` : ''}
        </Typography.Text>
        {event.note && <Typography.Text type="secondary">{event.note}</Typography.Text>}
        {event.state === 'cancelled' && event.cancelReason && (
          <Typography.Text type="danger" data-testid={`event-cancel-reason-${event.id}`}>
            {t('dutyMore.cancelReason', { reason: event.cancelReason })}
          </Typography.Text>
        )}
      </Flex>
    </Card>
  );
}

/** The desk's tab of planned activities: all kinds, or the year's training plan; plan, code, roster. */
export function EventsTab() {
  const t = useT();
  const [year, setYear] = useState(chinaYear());
  const [view, setView] = useState<'all' | 'training' | 'briefing'>('all');
  const [planning, setPlanning] = useState(false);
  const [coding, setCoding] = useState<EventView | null>(null);
  const [roster, setRoster] = useState<EventView | null>(null);
  const [editing, setEditing] = useState<EventView | null>(null);
  const [cancelling, setCancelling] = useState<EventView | null>(null);
  const events = useEvents(year, view === 'all' ? undefined : view);
  const items = events.data?.items ?? [];
  const hours = items.reduce((s, e) => s + e.hours, 0);
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap align="center">
        <YearSelect value={year} onChange={setYear} />
        <Segmented
          value={view}
          onChange={(v) => setView(v as typeof view)}
          options={[
            { value: 'all', label: t('dutyEvents.all') },
            { value: 'training', label: t('dutyEvents.trainingPlan') },
            { value: 'briefing', label: t('dutyEvents.briefings') },
          ]}
        />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setPlanning(true)} data-testid="event-plan">
          {t('dutyEvents.plan')}
        </Button>
      </Flex>
      {view === 'training' && !events.isPending && (
        <Typography.Text data-testid="training-plan-summary">
          {t('dutyEvents.planSummary', {
            year,
            n: items.length,
            hours,
            attended: items.reduce((s, e) => s + e.signedIn, 0),
          })}
        </Typography.Text>
      )}
      {events.isPending ? (
        <Skeleton active />
      ) : events.isError ? (
        <ErrorAlert error={events.error} />
      ) : items.length === 0 ? (
        <Empty description={t('duty.empty')} />
      ) : (
        <Flex vertical gap={8}>
          {items.map((e) => (
            <EventCard
              key={e.id}
              event={e}
              actions={[
                ...(e.canManage && e.state === 'planned'
                  ? [
                      <Button key="code" type="link" icon={<QrcodeOutlined />} onClick={() => setCoding(e)}>
                        {t('dutyEvents.code')}
                      </Button>,
                      <Button
                        key="edit"
                        type="link"
                        icon={<EditOutlined />}
                        onClick={() => setEditing(e)}
                        data-testid={`event-edit-${e.id}`}
                      >
                        {t('dutyMore.edit')}
                      </Button>,
                      ...(e.signedIn === 0
                        ? [
                            <Button
                              key="cancel"
                              type="link"
                              danger
                              icon={<CloseCircleOutlined />}
                              onClick={() => setCancelling(e)}
                              data-testid={`event-cancel-${e.id}`}
                            >
                              {t('dutyMore.cancel')}
                            </Button>,
                          ]
                        : []),
                    ]
                  : []),
                <Button key="roster" type="link" icon={<TeamOutlined />} onClick={() => setRoster(e)}>
                  {t('dutyEvents.roster')}
                </Button>,
              ]}
            />
          ))}
        </Flex>
      )}
      <EventForm open={planning} onClose={() => setPlanning(false)} kind={view === 'all' ? undefined : view} />
      {coding && <CodeModal event={coding} onClose={() => setCoding(null)} />}
      {roster && <RosterModal event={roster} onClose={() => setRoster(null)} />}
      {editing && <EventEditModal event={editing} onClose={() => setEditing(null)} />}
      {cancelling && <EventCancelModal event={cancelling} onClose={() => setCancelling(null)} />}
    </Flex>
  );
}
