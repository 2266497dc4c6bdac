import { Alert, Button, Card, Divider, Flex, List, Skeleton, Statistic, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import type { Role } from '../../../app/contracts.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { Loaded } from '../../../app/Loaded.js';
import { useT, type MessageKey } from '../../../app/i18n.js';
import { roleLabel } from '../../../app/labels.js';
import { usePrefs } from '../../../app/prefs.js';
import { useCan, useMe } from '../../../app/session.js';
import { useMyDuty } from '../../deputies/api.js';
import { useRecord } from '../../duty/api.js';
import { DigestCard } from '../../duty/components/DigestCard.js';
import { useEvents } from '../../duty/events-api.js';
import { useSignOffs, useTodoCounts } from '../../opinions/api.js';
import { OpinionStateTag } from '../../opinions/components/OpinionStateTag.js';
import { TodoCards } from '../../opinions/components/TodoCards.js';
import { myQueues, shownQueues } from '../../opinions/values.js';
import { useDesk, useSuggestionList } from '../../suggestions/api.js';
import { SuggestionStateTag } from '../../suggestions/components/SuggestionStateTag.js';
import { useLabel } from '../../suggestions/hooks/use-label.js';
import { activityKindLabels } from '../../../../../../contracts/duty.js';
import type { OpinionState } from '../../../../../../contracts/opinions.js';
import { chinaDay, chinaYear } from '../../../../../../contracts/calendar.js';
import { OpinionWorkLists, type WorkList } from './OpinionWorkList.js';

/** Roles that work the closed loop's queues (they get the to-do lists on their home). */
const loopRoles: readonly Role[] = [
  'districtOfficer',
  'streetOfficer',
  'streetHead',
  'stationHead',
  'liaisonOfficer',
  'handlingUnitStaff',
  'consultant',
];

/** Who is signed in and, for each role held, what that role does here, in a sentence. */
export function RoleIntro() {
  const t = useT();
  const { lang } = usePrefs();
  const me = useMe();
  const seen = new Set<Role>();
  return (
    <Card data-testid="home-intro">
      <Typography.Title level={1} style={{ marginTop: 0, fontSize: '1.5em' }}>
        {t('home.welcome', { name: me.displayName })}
      </Typography.Title>
      {me.roles.length === 0 ? <Typography.Paragraph>{t('home.noRoles')}</Typography.Paragraph> : null}
      <Flex vertical gap={8}>
        {me.roles.map((r) => {
          const first = !seen.has(r.role);
          seen.add(r.role);
          return (
            <div key={`${r.role}-${r.orgId}`} data-testid={`home-role-${r.role}`}>
              <Tag color="blue" style={{ whiteSpace: 'normal' }}>
                {roleLabel(r.role, lang)} · {r.orgName}
              </Tag>
              {first ? <Typography.Text>{t(`home.does.${r.role}` as MessageKey)}</Typography.Text> : null}
            </div>
          );
        })}
      </Flex>
      {me.totpEnabled ? null : (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t('home.totpOffHint')} <Link to="/account">{t('nav.account')}</Link>
        </Typography.Paragraph>
      )}
    </Card>
  );
}

/**
 * The closed loop's to-do as lists: for a unit the opinions to accept and to answer (always, with
 * their deadlines); for officers and heads what is overdue or due soon, then each of their queues
 * (those holding something first).
 */
export function WorkLists({ mode, size }: { mode: 'tabs' | 'stack'; size: number }) {
  const t = useT();
  const me = useMe();
  const counts = useTodoCounts();
  const unit = me.roles.some((r) => r.role === 'handlingUnitStaff');
  if (counts.isPending) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (counts.isError) return <ErrorAlert error={counts.error} />;
  const c = counts.data;
  const lists: WorkList[] = [
    ...(c.overdue
      ? [
          {
            key: 'overdue',
            label: t('opinionTodo.overdue'),
            count: c.overdue,
            filters: { overdue: true },
            tone: 'danger' as const,
          },
        ]
      : []),
    ...(c.dueSoon
      ? [
          {
            key: 'dueSoon',
            label: t('opinionTodo.dueSoon'),
            count: c.dueSoon,
            filters: { dueSoon: true },
            tone: 'warn' as const,
          },
        ]
      : []),
    // The same queues as the count cards above them (TodoCards).
    ...shownQueues(me, c.queues).map(({ queue, count }) => ({
      key: queue,
      label: t(`opinionTodo.${queue}`),
      count,
      filters: { todo: queue },
    })),
  ];
  return (
    <OpinionWorkLists
      mode={mode}
      // Tabs (the home) show the queues holding something, and a unit's two always; the to-do page all of its queues.
      lists={[...lists.filter((l) => l.count > 0), ...lists.filter((l) => l.count === 0 && (mode === 'stack' || unit))]}
      size={size}
    />
  );
}

/** The home page's to-do card, for those who work the closed loop. */
export function WorkCard() {
  const t = useT();
  const me = useMe();
  const can = useCan();
  const navigate = useNavigate();
  // Asked only by those who work the loop.
  const works = me.roles.some((r) => loopRoles.includes(r.role));
  const counts = useTodoCounts(works);
  if (!works) return null;
  // No queue of one's own and nothing waiting (a consultant on a quiet day): one "nothing to do", not two.
  const idle =
    !!counts.data &&
    myQueues(me).size === 0 &&
    counts.data.queues.every((q) => q.count === 0) &&
    counts.data.overdue === 0 &&
    counts.data.dueSoon === 0;
  const unit = me.roles.some((r) => r.role === 'handlingUnitStaff');
  return (
    <Card
      title={t(unit ? 'home.work.unitTitle' : 'home.work.title')}
      extra={
        <Flex gap={12} align="center" wrap>
          {/* Who registers at the table starts from here (a consultant or liaison officer on a reception day). */}
          {can('opinion.register') ? (
            <Button
              type="primary"
              size="small"
              onClick={() => void navigate('/opinions/new')}
              data-testid="home-register"
            >
              {t('home.work.register')}
            </Button>
          ) : null}
          <Link to="/opinions/todo">{t('home.work.todoPage')}</Link>
        </Flex>
      }
      data-testid="home-work"
    >
      {/* The counts first (each opens its whole list), then the opinions themselves, a queue a tab. */}
      <TodoCards compact />
      {idle ? null : (
        <>
          <Divider titlePlacement="start" plain style={{ marginBlock: 16 }}>
            {t('home.work.latest')}
          </Divider>
          <WorkLists size={5} mode="tabs" />
        </>
      )}
    </Card>
  );
}

/** The street office head's assignments waiting for their sign-off (签字交办), each a way to the sign-off page. */
export function SignOffsCard() {
  const can = useCan();
  // Asked only by those who sign (the list is refused to everyone else).
  return can('opinion.signOff') ? <PendingSignOffs /> : null;
}

function PendingSignOffs() {
  const t = useT();
  const list = useSignOffs('pending');
  return (
    <Card
      title={t('home.signOffs.title')}
      extra={<Link to="/opinions/sign-offs">{t('home.signOffs.open')}</Link>}
      data-testid="home-sign-offs"
    >
      <Loaded query={list} isEmpty={(d) => d.items.length === 0} empty={t('home.signOffs.none')}>
        {(data) => (
          <List
            size="small"
            dataSource={data.items.slice(0, 5)}
            renderItem={(s) => (
              <List.Item key={s.id} data-testid={`home-sign-off-${s.id}`} style={{ paddingInline: 0 }}>
                <Flex vertical gap={2} style={{ width: '100%', minWidth: 0 }}>
                  <Flex gap={8} wrap align="center">
                    <Link to={`/opinions/${s.opinionId}`} style={{ fontFamily: 'monospace' }}>
                      {s.receiptCode}
                    </Link>
                    {s.urgency === 'urgent' ? <Tag color="volcano">{t('opinions.marker.urgent')}</Tag> : null}
                  </Flex>
                  <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
                    {s.excerpt}
                  </Typography.Paragraph>
                  <Typography.Text type="secondary">
                    {t('home.signOffs.to', { unit: s.leadUnitName, by: s.requestedByName })}
                  </Typography.Text>
                </Flex>
              </List.Item>
            )}
            footer={
              <Link to="/opinions/sign-offs">
                <Button type="primary" block data-testid="home-sign-offs-go">
                  {t('home.signOffs.go', { n: data.items.length })}
                </Button>
              </Link>
            }
          />
        )}
      </Loaded>
    </Card>
  );
}

/** A deputy's year so far: activities by kind and the points, with the way to the whole record. */
function DutyYearCard() {
  const t = useT();
  const label = useLabel();
  const year = chinaYear();
  const record = useRecord(undefined, year);
  return (
    <Card
      title={t('home.deputy.year', { year })}
      extra={<Link to="/duty/mine">{t('home.deputy.record')}</Link>}
      data-testid="home-duty-year"
    >
      <Loaded query={record}>
        {(data) => (
          <Flex wrap gap={8}>
            {data.counts.length === 0 ? (
              <Typography.Text type="secondary">{t('home.deputy.noActivities')}</Typography.Text>
            ) : null}
            {data.counts.map((c) => (
              <Card key={c.kind} size="small" style={{ flex: '1 1 110px' }}>
                <Statistic title={label(activityKindLabels[c.kind])} value={c.count} />
              </Card>
            ))}
            {data.scores
              .filter((s) => s.year === year && s.rulesVersion !== null)
              .map((s) => (
                <Card key="score" size="small" style={{ flex: '1 1 110px' }}>
                  <Statistic title={t('duty.score.title', { year })} value={s.total} suffix={s.band ?? ''} />
                </Card>
              ))}
          </Flex>
        )}
      </Loaded>
    </Card>
  );
}

/** Activities to come that the deputy is invited to or may sign up for. */
function UpcomingEventsCard() {
  const t = useT();
  const events = useEvents(chinaYear());
  const today = chinaDay();
  const coming = (events.data?.items ?? [])
    .filter((e) => e.day >= today && e.state === 'planned' && (e.mine?.enrolled || e.mine?.canSignUp))
    .sort((a, b) => a.day.localeCompare(b.day))
    .slice(0, 5);
  return (
    <Card
      title={t('home.deputy.events')}
      extra={<Link to="/duty/upcoming">{t('home.deputy.allEvents')}</Link>}
      data-testid="home-events"
    >
      <Loaded query={events} isEmpty={() => coming.length === 0} empty={t('home.deputy.noEvents')}>
        {() => (
          <List
            size="small"
            dataSource={coming}
            renderItem={(e) => (
              <List.Item key={e.id} style={{ paddingInline: 0 }}>
                <Flex vertical gap={2}>
                  <Typography.Text strong>{e.title}</Typography.Text>
                  <Typography.Text type="secondary">
                    {e.day} {e.startsAt} {e.place ?? ''} · {e.orgName}
                  </Typography.Text>
                  {e.mine?.enrolled ? (
                    <Tag color="green" style={{ width: 'fit-content' }}>
                      {t('home.deputy.enrolled')}
                    </Tag>
                  ) : (
                    <Tag color="blue" style={{ width: 'fit-content' }}>
                      {t('home.deputy.canSignUp')}
                    </Tag>
                  )}
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Loaded>
    </Card>
  );
}

/** The deputy's own suggestions, and the constituents' opinions addressed or escalated to them. */
function DeputyPapersCard() {
  const t = useT();
  const suggestions = useSuggestionList({ queue: 'mine' });
  const desk = useDesk();
  const mine = (suggestions.data?.pages ?? []).flatMap((p) => p.items).slice(0, 5);
  const opinions = [...(desk.data?.addressed ?? []), ...(desk.data?.escalated ?? [])].slice(0, 5);
  return (
    <Card
      title={t('home.deputy.papers')}
      extra={<Link to="/suggestions/desk">{t('nav.suggestionDesk')}</Link>}
      data-testid="home-papers"
    >
      <Typography.Title level={3} style={{ fontSize: '1em', marginTop: 0 }}>
        {t('home.deputy.suggestions')}
      </Typography.Title>
      <Loaded query={suggestions} isEmpty={() => mine.length === 0} empty={t('home.deputy.noSuggestions')}>
        {() => (
          <List
            size="small"
            dataSource={mine}
            data-testid="home-suggestions"
            renderItem={(s) => (
              <List.Item key={s.id} style={{ paddingInline: 0 }}>
                <Flex vertical gap={2} style={{ minWidth: 0 }}>
                  <Link to={`/suggestions/${s.id}`}>
                    {s.number ? `${s.number} ` : ''}
                    {s.title}
                  </Link>
                  <Flex gap={8} wrap align="center">
                    <SuggestionStateTag state={s.state} />
                    {s.answerDue ? (
                      <Typography.Text type={s.overdue ? 'danger' : 'secondary'}>
                        {t('home.deputy.answerDue', { day: s.answerDue })}
                      </Typography.Text>
                    ) : null}
                  </Flex>
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Loaded>
      <Typography.Title level={3} style={{ fontSize: '1em' }}>
        {t('home.deputy.opinions')}
      </Typography.Title>
      <Loaded query={desk} isEmpty={() => opinions.length === 0} empty={t('home.deputy.noOpinions')}>
        {() => (
          <List
            size="small"
            dataSource={opinions}
            data-testid="home-deputy-opinions"
            renderItem={(o) => (
              <List.Item key={o.id} style={{ paddingInline: 0 }}>
                <Flex vertical gap={2} style={{ minWidth: 0 }}>
                  <Flex gap={8} wrap align="center">
                    <Link to={`/opinions/${o.id}`} style={{ fontFamily: 'monospace' }}>
                      {o.receiptCode}
                    </Link>
                    <OpinionStateTag state={o.state as OpinionState} />
                  </Flex>
                  <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
                    {o.excerpt}
                  </Typography.Paragraph>
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Loaded>
    </Card>
  );
}

/** A deputy's call to action at the top of the home: the answers to their suggestions waiting for their rating. */
export function ToRateNotice() {
  const can = useCan();
  // Asked only by those who draft suggestions (the desk is a deputy's).
  return can('suggestion.draft') ? <ToRateAlert /> : null;
}

function ToRateAlert() {
  const t = useT();
  const desk = useDesk();
  const n = desk.data?.deputyId ? desk.data.counts.toRate : 0;
  if (!n) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="home-to-rate"
      title={t('home.deputy.toRate', { n })}
      action={
        <Link to="/suggestions/desk?tab=toRate">
          <Button type="primary" size="small" data-testid="home-to-rate-go">
            {t('home.deputy.toRateGo')}
          </Button>
        </Link>
      }
    />
  );
}

/** A deputy's home (only for an account linked to a deputy): the year's duty, what is coming, their papers. */
export function DeputyHome() {
  const duty = useMyDuty();
  if (!duty.data?.deputy) return null;
  return (
    <Flex vertical gap={24} data-testid="home-deputy">
      <DutyYearCard />
      <UpcomingEventsCard />
      <DigestCard />
      <DeputyPapersCard />
    </Flex>
  );
}
