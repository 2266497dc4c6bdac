import { EditOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Descriptions, Flex, InputNumber, Row, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { useCan } from '../../../app/session.js';
import { chinaDay } from '../../../../../../contracts/calendar.js';
import { useCalendarYear, useConfirmYear, useResetDay, type CalendarDayView } from '../api.js';
import { CalendarStatusBanner } from './CalendarStatusBanner.js';
import { CorrectDayModal } from './CorrectDayModal.js';
import { MonthGrid } from './MonthGrid.js';
import { NoteModal } from './NoteModal.js';
import { SpecialDaysTable } from './SpecialDaysTable.js';

const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

/** /console/calendar?year=Y: a year of holidays and adjusted working days; administrators correct them. */
export function CalendarPage() {
  const t = useT();
  const can = useCan();
  const { message } = App.useApp();
  const manage = can('calendar.manage');
  const today = chinaDay();
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('year'));
  const year = Number.isInteger(asked) && asked >= 1900 && asked <= 2199 ? asked : Number(today.slice(0, 4));
  const setYear = (y: number) => setParams({ year: String(y) }, { replace: true });

  const data = useCalendarYear(year);
  const byDay = useMemo(() => new Map((data.data?.days ?? []).map((d) => [d.day, d])), [data.data]);
  const [correcting, setCorrecting] = useState<{ day?: string } | null>(null);
  const [resetting, setResetting] = useState<CalendarDayView | null>(null);
  const [confirming, setConfirming] = useState(false);
  const reset = useResetDay();
  const confirm = useConfirmYear();

  const coverage = data.data ? (data.data.coverage ?? 'missing') : null;

  return (
    <>
      <PageTitle
        extra={
          <>
            <Space.Compact>
              <Button icon={<LeftOutlined />} aria-label={t('calendar.prevYear')} onClick={() => setYear(year - 1)} />
              <InputNumber
                aria-label={t('calendar.year')}
                value={year}
                min={1900}
                max={2199}
                controls={false}
                style={{ width: 80, textAlign: 'center' }}
                onChange={(v) => typeof v === 'number' && v >= 1900 && v <= 2199 && setYear(v)}
                data-testid="calendar-year"
              />
              <Button icon={<RightOutlined />} aria-label={t('calendar.nextYear')} onClick={() => setYear(year + 1)} />
            </Space.Compact>
            {manage ? (
              <Button
                type="primary"
                icon={<EditOutlined />}
                onClick={() => setCorrecting({})}
                data-testid="calendar-correct-any"
              >
                {t('calendar.correctDay')}
              </Button>
            ) : null}
          </>
        }
      >
        {t('calendar.title')}
      </PageTitle>
      <Flex vertical gap={16}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('calendar.intro')}
        </Typography.Paragraph>
        <CalendarStatusBanner linkToYear={false} />
        {data.error ? <ErrorAlert error={data.error} /> : null}
        <Card loading={data.isPending}>
          <Flex justify="space-between" align="center" wrap gap={12}>
            <Descriptions
              size="small"
              column={{ xs: 1, md: 3 }}
              items={[
                {
                  key: 'coverage',
                  label: t('calendar.coverage'),
                  children: coverage ? (
                    <Tag
                      color={coverage === 'missing' ? 'red' : coverage === 'admin' ? 'blue' : 'green'}
                      data-testid="calendar-coverage"
                      data-coverage={coverage}
                    >
                      {t(`calendar.coverage.${coverage}`)}
                    </Tag>
                  ) : null,
                },
                {
                  key: 'working',
                  label: t('calendar.workingDays'),
                  children: (
                    <span data-testid="calendar-working-days">
                      {t('calendar.daysUnit', { n: data.data?.workingDays ?? '—' })}
                    </span>
                  ),
                },
                {
                  key: 'rest',
                  label: t('calendar.restDays'),
                  children: t('calendar.daysUnit', { n: data.data?.restDays ?? '—' }),
                },
              ]}
            />
            {manage && coverage === 'missing' ? (
              <Button onClick={() => setConfirming(true)} data-testid="calendar-confirm-year">
                {t('calendar.confirmYear')}
              </Button>
            ) : null}
          </Flex>
          <Flex gap={12} wrap style={{ marginTop: 12 }} aria-label={t('calendar.legend')}>
            <Tag color="red">{`${t('calendar.mark.holiday')} · ${t('calendar.kind.holiday')}`}</Tag>
            <Tag color="orange">{`${t('calendar.mark.adjustedWorkday')} · ${t('calendar.kind.adjustedWorkday')}`}</Tag>
            <Tag style={{ borderStyle: 'dashed' }}>{t('calendar.corrected')}</Tag>
            <Tag color="#1668dc" data-testid="calendar-legend-today">
              {t('calendar.today')}
            </Tag>
          </Flex>
        </Card>
        <Card>
          <Row gutter={[24, 20]} data-testid="calendar-year-grid">
            {MONTHS.map((m) => (
              <Col key={m} xs={24} sm={12} lg={8} xxl={6}>
                <MonthGrid
                  year={year}
                  month={m}
                  days={byDay}
                  today={today}
                  onPick={manage ? (day) => setCorrecting({ day }) : undefined}
                />
              </Col>
            ))}
          </Row>
        </Card>
        <Card title={t('calendar.special')}>
          <SpecialDaysTable
            days={data.data?.days ?? []}
            loading={data.isPending}
            onCorrect={manage ? (d) => setCorrecting({ day: d.day }) : undefined}
            onReset={
              manage
                ? (d) => {
                    reset.reset();
                    setResetting(d);
                  }
                : undefined
            }
          />
        </Card>
      </Flex>

      <CorrectDayModal
        open={correcting !== null}
        day={correcting?.day}
        current={correcting?.day ? byDay.get(correcting.day) : undefined}
        onClose={() => setCorrecting(null)}
      />
      <NoteModal
        open={resetting !== null}
        name="calendarReset"
        title={t('calendar.resetTitle', { day: resetting?.day ?? '' })}
        hint={t('calendar.resetHint')}
        label={t('calendar.resetReason')}
        okText={t('calendar.reset')}
        pending={reset.isPending}
        error={reset.error}
        onClose={() => setResetting(null)}
        onSubmit={(note) =>
          resetting &&
          reset.mutate(
            { day: resetting.day, body: { note } },
            {
              onSuccess: (d) => {
                void message.success(t('calendar.resetDone', { day: d.day }));
                setResetting(null);
              },
            },
          )
        }
      />
      <NoteModal
        open={confirming}
        name="calendarConfirm"
        title={t('calendar.confirmYearTitle', { year })}
        hint={t('calendar.confirmYearHint', { year })}
        label={t('calendar.confirmYearSource')}
        okText={t('calendar.confirmYear')}
        pending={confirm.isPending}
        error={confirm.error}
        onClose={() => {
          confirm.reset();
          setConfirming(false);
        }}
        onSubmit={(note) =>
          confirm.mutate(
            { year, body: { note } },
            {
              onSuccess: () => {
                void message.success(t('calendar.confirmYearDone', { year }));
                setConfirming(false);
              },
            },
          )
        }
      />
    </>
  );
}
