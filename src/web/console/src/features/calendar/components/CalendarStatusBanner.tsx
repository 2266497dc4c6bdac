import { Alert, Button } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../../../app/i18n.js';
import { useCan } from '../../../app/session.js';
import { useCalendarStatus } from '../api.js';

/**
 * The alarm when this year's or next year's official holidays are missing (from 1 November for
 * next year): deadlines would then count Monday–Friday only. Nothing when all is well. Only those
 * who can fix it (calendar.manage) are told across the console; others see it on the calendar page.
 */
export function CalendarStatusBanner({ linkToYear = true }: { linkToYear?: boolean }) {
  const t = useT();
  const can = useCan();
  const navigate = useNavigate();
  const shown = linkToYear ? can('calendar.manage') : can('calendar.read');
  const status = useCalendarStatus(shown);
  const s = status.data;
  if (!shown || !s?.warning) return null;
  const year = s.warning === 'nextYearMissing' ? s.nextYear : s.currentYear;
  return (
    <Alert
      type={s.warning === 'currentYearMissing' ? 'error' : 'warning'}
      showIcon
      data-testid="calendar-banner"
      title={t(`calendar.banner.${s.warning}`, { year })}
      description={t('calendar.banner.body', { year })}
      action={
        linkToYear ? (
          <Button size="small" onClick={() => navigate(`/calendar?year=${year}`)}>
            {t('calendar.banner.open', { year })}
          </Button>
        ) : undefined
      }
    />
  );
}
