import { theme } from 'antd';
import type { CSSProperties } from 'react';
import { useT } from '../../../app/i18n.js';
import { usePrefs } from '../../../app/prefs.js';
import { dayOf, daysInMonth, isoWeekday, type CalendarDayView } from '../api.js';

interface MonthGridProps {
  year: number;
  month: number;
  /** The year's special days by date. */
  days: ReadonlyMap<string, CalendarDayView>;
  today: string;
  /** Given to administrators: a day is then a button that opens the correction form. */
  onPick?: (day: string) => void;
}

/** One month as a small grid, Monday first: holidays marked 休, adjusted working days 班, corrections outlined. */
export function MonthGrid({ year, month, days, today, onPick }: MonthGridProps) {
  const t = useT();
  const { lang } = usePrefs();
  const { token } = theme.useToken();
  const heads = t('calendar.weekdays').split(',');
  const names = t('calendar.weekdayNames').split(',');
  const first = isoWeekday(dayOf(year, month, 1));
  const count = daysInMonth(year, month);
  const title = new Intl.DateTimeFormat(lang, { month: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, 1)),
  );

  const cells = [];
  for (let i = 1; i < first; i++) cells.push(<span key={`pad-${i}`} />);
  for (let date = 1; date <= count; date++) {
    const day = dayOf(year, month, date);
    const weekday = isoWeekday(day);
    const entry = days.get(day);
    const kind = entry?.kind ?? (weekday >= 6 ? 'weekend' : 'workday');
    const style: CSSProperties = {
      position: 'relative',
      height: '2.1em',
      border: 0,
      borderRadius: 4,
      padding: 0,
      font: 'inherit',
      fontSize: '0.9em',
      background: 'transparent',
      color: token.colorText,
      cursor: onPick ? 'pointer' : 'default',
    };
    if (kind === 'holiday') {
      style.background = token.colorErrorBg;
      // Darker than antd's error text: readable at this size (WCAG AA on the pale background).
      style.color = '#a8071a';
      style.fontWeight = 600;
    } else if (kind === 'adjustedWorkday') {
      style.background = token.colorWarningBg;
      style.color = '#873800';
      style.fontWeight = 600;
    } else if (kind === 'weekend') {
      style.color = token.colorTextTertiary;
    }
    if (entry?.source === 'admin') style.outline = `2px dashed ${token.colorPrimary}`;
    const isToday = day === today;
    if (isToday) {
      // Today stands out whatever the day is (its 休/班 mark stays in the corner).
      style.background = token.colorPrimary;
      style.color = '#fff';
      style.fontWeight = 700;
    }
    const label = t('calendar.dayLabel', {
      day,
      weekday: names[weekday - 1] ?? '',
      kind: [
        isToday ? t('calendar.today') : null,
        t(`calendar.kind.${kind}`),
        entry?.name,
        entry?.source === 'admin' ? t('calendar.corrected') : null,
      ]
        .filter(Boolean)
        .join(' · '),
    });
    const mark =
      kind === 'holiday' || kind === 'adjustedWorkday' ? (
        <span aria-hidden style={{ position: 'absolute', top: 0, right: 2, fontSize: '0.6em', lineHeight: 1.2 }}>
          {t(`calendar.mark.${kind}`)}
        </span>
      ) : null;
    const content = (
      <>
        {date}
        {mark}
      </>
    );
    cells.push(
      onPick ? (
        <button
          key={day}
          type="button"
          style={style}
          title={label}
          aria-label={label}
          data-testid={`calendar-day-${day}`}
          data-kind={kind}
          aria-current={isToday ? 'date' : undefined}
          onClick={() => onPick(day)}
        >
          {content}
        </button>
      ) : (
        <span
          key={day}
          role="img"
          style={{ ...style, display: 'flex', alignItems: 'center', justifyContent: 'center' }}
          title={label}
          aria-label={label}
          data-testid={`calendar-day-${day}`}
          data-kind={kind}
          aria-current={isToday ? 'date' : undefined}
        >
          {content}
        </span>
      ),
    );
  }

  return (
    <section aria-label={title} data-testid={`calendar-month-${month}`}>
      <div style={{ fontWeight: 600, marginBottom: 4 }}>{title}</div>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2, textAlign: 'center' }}>
        {heads.map((h, i) => (
          <span
            key={`${h}-${i}`}
            aria-hidden
            style={{ fontSize: '0.75em', color: i >= 5 ? token.colorTextTertiary : token.colorTextSecondary }}
          >
            {h}
          </span>
        ))}
        {cells}
      </div>
    </section>
  );
}
