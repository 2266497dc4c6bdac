import { Alert, App, Button, Empty, Flex, Skeleton, Typography } from 'antd';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useDateFormat, useT } from '../../../app/i18n.js';
import { useEvents, useEventsOfYears, useSignUp, type EventView } from '../events-api.js';
import { EventCard } from './EventsTab.js';
import { chinaDay, chinaYear } from '../../../../../../contracts/calendar.js';

/** Today's activities the deputy may still sign in to, first thing on their record (phone first). */
export function TodaySignIn() {
  const t = useT();
  const events = useEvents(chinaYear());
  const today = chinaDay();
  const open = (events.data?.items ?? []).filter(
    (e) => e.day === today && e.state === 'planned' && !e.mine?.signedInAt && (e.mine?.enrolled || e.signup),
  );
  if (!open.length) return null;
  return (
    <Flex vertical gap={8} style={{ marginBottom: 12 }} className="duty-no-print" data-testid="today-sign-in">
      {open.map((e) => (
        <Alert
          key={e.id}
          type="info"
          showIcon
          title={t('dutyEvents.today', { title: e.title, at: e.startsAt })}
          action={
            <Link to={`/duty/sign-in/${e.id}`} data-testid={`sign-in-${e.id}`}>
              {t('dutyEvents.goSignIn')}
            </Link>
          }
        />
      ))}
    </Flex>
  );
}

/** The deputy's activities of the years: invited or open to sign up; sign up, withdraw, or go sign in. `only` narrows the list. */
export function MyEvents({
  years,
  only,
  empty,
}: {
  years: readonly number[];
  only?: (e: EventView) => boolean;
  empty?: string;
}) {
  const t = useT();
  const when = useDateFormat();
  const { message } = App.useApp();
  const events = useEventsOfYears(years);
  const signUp = useSignUp();
  if (events.isPending) return <Skeleton active />;
  if (events.error) return <ErrorAlert error={events.error} />;
  const today = chinaDay();
  const items = only ? events.items.filter(only) : events.items;
  return (
    <Flex vertical gap={8} data-testid="my-events">
      {signUp.error && <ErrorAlert error={signUp.error} />}
      {items.length === 0 && <Empty description={empty ?? t('duty.empty')} />}
      {items.map((e) => {
        const mine = e.mine;
        const actions = [];
        if (mine?.signedInAt)
          actions.push(
            <Typography.Text key="done" type="success">
              {t('dutyEvents.youSignedIn', { at: when.time(mine.signedInAt) })}
            </Typography.Text>,
          );
        else if (e.state === 'planned' && e.day === today && (mine?.enrolled || e.signup))
          actions.push(
            <Link key="in" to={`/duty/sign-in/${e.id}`}>
              {t('dutyEvents.goSignIn')}
            </Link>,
          );
        if (mine?.canSignUp)
          actions.push(
            <Button
              key="up"
              type="link"
              onClick={() =>
                signUp.mutate(
                  { id: e.id, join: true },
                  { onSuccess: () => void message.success(t('dutyEvents.joined')) },
                )
              }
              data-testid={`sign-up-${e.id}`}
            >
              {t('dutyEvents.signUp')}
            </Button>,
          );
        else if (mine?.enrolled && !mine.signedInAt && e.signup && e.day > today)
          actions.push(
            <Button key="out" type="link" danger onClick={() => signUp.mutate({ id: e.id, join: false })}>
              {t('dutyEvents.withdraw')}
            </Button>,
          );
        return <EventCard key={e.id} event={e} actions={actions} />;
      })}
    </Flex>
  );
}
