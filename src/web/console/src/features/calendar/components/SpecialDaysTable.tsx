import { Button, Flex, Tag, Typography, type TableColumnsType } from 'antd';
import { ResponsiveTable } from '../../../app/ResponsiveTable.js';
import { formatDateTime, useT } from '../../../app/i18n.js';
import { usePrefs } from '../../../app/prefs.js';
import type { CalendarDayView, DayKind } from '../api.js';

const kindColor: Record<DayKind, string> = {
  holiday: 'red',
  adjustedWorkday: 'orange',
  weekend: 'default',
  workday: 'blue',
};

/** The year's special days as a list, with the administrator's actions. */
export function SpecialDaysTable({
  days,
  loading,
  onCorrect,
  onReset,
}: {
  days: CalendarDayView[];
  loading: boolean;
  onCorrect?: (day: CalendarDayView) => void;
  onReset?: (day: CalendarDayView) => void;
}) {
  const t = useT();
  const { lang } = usePrefs();
  const names = t('calendar.weekdayNames').split(',');
  const columns: TableColumnsType<CalendarDayView> = [
    { key: 'day', title: t('calendar.col.day'), dataIndex: 'day', width: 120 },
    // On a phone the weekday joins the date in the card's heading, and the source is left out.
    {
      key: 'weekday',
      title: t('calendar.col.weekday'),
      width: 80,
      responsive: ['sm'],
      render: (_, d) => names[d.weekday - 1],
    },
    {
      key: 'kind',
      title: t('calendar.col.kind'),
      width: 130,
      render: (_, d) => <Tag color={kindColor[d.kind]}>{t(`calendar.kind.${d.kind}`)}</Tag>,
    },
    {
      key: 'name',
      title: t('calendar.col.name'),
      render: (_, d) => (lang === 'en' ? (d.nameEn ?? d.name) : (d.name ?? d.nameEn)) ?? '—',
    },
    {
      key: 'source',
      title: t('calendar.col.source'),
      responsive: ['sm'],
      render: (_, d) =>
        d.source === 'admin' ? (
          <Flex vertical gap={2}>
            <Tag color="blue" style={{ width: 'fit-content' }}>
              {t('calendar.source.admin')}
            </Tag>
            <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
              {[d.updatedBy, d.updatedAt ? formatDateTime(d.updatedAt, lang) : null].filter(Boolean).join(' · ')}
            </Typography.Text>
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('calendar.source.chinese-days')}</Typography.Text>
        ),
    },
    { key: 'note', title: t('calendar.col.note'), render: (_, d) => d.note ?? '—' },
  ];
  if (onCorrect || onReset)
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      width: 180,
      render: (_, d) => (
        <Flex gap={4} wrap>
          {onCorrect ? (
            <Button size="small" onClick={() => onCorrect(d)} data-testid={`calendar-correct-${d.day}`}>
              {t('calendar.correct')}
            </Button>
          ) : null}
          {onReset && d.source === 'admin' ? (
            <Button size="small" danger onClick={() => onReset(d)} data-testid={`calendar-reset-${d.day}`}>
              {t('calendar.reset')}
            </Button>
          ) : null}
        </Flex>
      ),
    });
  return (
    <ResponsiveTable<CalendarDayView>
      rowKey="day"
      size="small"
      columns={columns}
      dataSource={days}
      loading={loading}
      pagination={false}
      scroll={{ x: 800 }}
      cardTitle={(d) => `${d.day} ${names[d.weekday - 1] ?? ''}`}
      locale={{ emptyText: t('calendar.special.empty') }}
      onRow={(d) => ({ 'data-testid': `calendar-row-${d.day}` }) as object}
    />
  );
}
