import { PlusOutlined } from '@ant-design/icons';
import { Button, Calendar, Card, Flex, Space, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
// Month and weekday names of calendars and date pickers in Chinese (antd picks the loaded locale by name).
import 'dayjs/locale/zh-cn.js';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { ResponsiveTable } from '../../../app/ResponsiveTable.js';
import { useNarrow } from '../../../app/use-narrow.js';
import { useCan } from '../../../app/session.js';
import { useMyDuty } from '../../deputies/api.js';
import { useReceptions } from '../api.js';
import { CompliancePanel } from './CompliancePanel.js';
import { DeputyYearPanel } from './DeputyYearPanel.js';
import { HomeVisitsPanel } from './HomeVisitsPanel.js';
import { OverviewPanel } from './OverviewPanel.js';
import { PlanPanel } from './PlanPanel.js';
import { ReceptionFormModal } from './ReceptionFormModal.js';
import { ModeTag, StatusTag } from './ReceptionTags.js';
import { useStationChoice } from './use-station-choice.js';
import { firstDayOn } from '../month-day.js';
import { chinaDay } from '../../../../../../contracts/calendar.js';

function MonthPanel() {
  const t = useT();
  const can = useCan();
  const navigate = useNavigate();
  const { stationId, select } = useStationChoice();
  const today = chinaDay();
  const [month, setMonth] = useState(dayjs(today).startOf('month'));
  const [picked, setPicked] = useState<string | null>(null);
  const [creating, setCreating] = useState<string | null>(null);
  const from = month.startOf('month').subtract(7, 'day').format('YYYY-MM-DD');
  const to = month.endOf('month').add(14, 'day').format('YYYY-MM-DD');
  const list = useReceptions({ stationId, from, to }, !!stationId);
  const byDay = new Map<string, NonNullable<typeof list.data>['items']>();
  for (const r of list.data?.items ?? []) byDay.set(r.day, [...(byDay.get(r.day) ?? []), r]);
  // On a phone the month is a small calendar (a dot on the days with receptions) over the month's receptions as cards.
  const narrow = useNarrow();
  const inMonth = (list.data?.items ?? []).filter((r) => r.day.startsWith(month.format('YYYY-MM')));
  // The selected day: the one tapped, else today (China's day) or the month's next day with a reception.
  const selected = picked ?? firstDayOn(inMonth, month.format('YYYY-MM'), today);
  // The phone's list: from that day on (into the next month's first fortnight, which is loaded too).
  const fromSelected = (list.data?.items ?? []).filter((r) => r.day >= selected);
  type Row = (typeof inMonth)[number];
  const columns: TableColumnsType<Row> = [
    { key: 'when', title: t('receptions.col.when'), render: (_, r) => `${r.day} ${r.start}–${r.end}` },
    { key: 'status', title: t('receptions.col.status'), render: (_, r) => <StatusTag status={r.status} /> },
    { key: 'mode', title: t('receptions.col.mode'), render: (_, r) => <ModeTag mode={r.mode} /> },
    { key: 'duty', title: t('receptions.col.duty'), render: (_, r) => r.duty.map((x) => x.name).join('、') },
    { key: 'place', title: t('receptions.col.place'), dataIndex: 'place' },
  ];

  return (
    <Card>
      <Flex gap={12} wrap style={{ marginBottom: 8 }} justify="space-between">
        {select}
        {can('reception.manage') && stationId ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(dayjs(today).add(7, 'day').format('YYYY-MM-DD'))}
            data-testid="create-reception"
          >
            {t('receptions.create')}
          </Button>
        ) : null}
      </Flex>
      {list.isError ? <ErrorAlert error={list.error} /> : null}
      <Calendar
        value={dayjs(selected)}
        onPanelChange={(d) => {
          setMonth(d.startOf('month'));
          setPicked(null);
        }}
        onSelect={(d, info) => {
          if (info.source !== 'date') return;
          setMonth(d.startOf('month'));
          setPicked(d.format('YYYY-MM-DD'));
        }}
        fullscreen={!narrow}
        cellRender={(d, info) => {
          if (info.type !== 'date') return null;
          if (narrow)
            return byDay.has(d.format('YYYY-MM-DD')) ? <span className="reception-day-dot" aria-hidden /> : null;
          return (
            <Space orientation="vertical" size={2} style={{ width: '100%' }}>
              {(byDay.get(d.format('YYYY-MM-DD')) ?? []).map((r) => (
                <Tag
                  key={r.id}
                  color={
                    r.status === 'cancelled'
                      ? 'red'
                      : r.status === 'closed'
                        ? 'green'
                        : r.status === 'published'
                          ? 'blue'
                          : 'default'
                  }
                  style={{ cursor: 'pointer', whiteSpace: 'normal' }}
                  role="link"
                  tabIndex={0}
                  data-testid={`reception-${r.id}`}
                  onClick={() => void navigate(`/receptions/${r.id}`)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') void navigate(`/receptions/${r.id}`);
                  }}
                >
                  {r.start} {t(`receptions.mode.${r.mode}`)} · {r.duty.map((x) => x.name).join('、')}
                </Tag>
              ))}
            </Space>
          );
        }}
      />
      {narrow ? (
        <>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }} data-testid="month-from-selected">
            {t('receptions.month.from', { day: selected })}
          </Typography.Paragraph>
          <ResponsiveTable<Row>
            rowKey="id"
            columns={columns}
            dataSource={fromSelected}
            loading={list.isFetching}
            pagination={false}
            locale={{ emptyText: t('receptions.month.noneFrom', { day: selected }) }}
            onRow={(r) => ({
              onClick: () => void navigate(`/receptions/${r.id}`),
              'data-testid': `reception-${r.id}`,
            })}
          />
        </>
      ) : null}
      {creating && stationId ? (
        <ReceptionFormModal
          stationId={stationId}
          day={creating}
          onClose={() => setCreating(null)}
          onCreated={(id) => void navigate(`/receptions/${id}`)}
        />
      ) : null}
    </Card>
  );
}

/** /console/receptions: the station's month, the annual plan, compliance, the district's overview, a deputy's year. */
export function ReceptionsPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const can = useCan();
  const manage = can('reception.manage');
  // A deputy (who does not run receptions) opens on their own year; the station's staff on the month.
  const deputy = useMyDuty().data?.deputy ?? null;
  const tab = params.get('tab') ?? (deputy && !manage ? 'deputy' : 'month');
  /** Home visits, compliance and the district's overview are the staff's: not shown to a deputy. */
  const staffOnly = new Set(['visits', 'compliance', 'overview']);
  return (
    <>
      <PageTitle>{t('receptions.title')}</PageTitle>
      <Typography.Paragraph type="secondary" data-testid="receptions-intro">
        {t(deputy && !manage ? 'receptions.intro.deputy' : 'receptions.intro')}
      </Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(k) =>
          setParams((p) => {
            p.set('tab', k);
            return p;
          })
        }
        items={[
          {
            key: 'month',
            label: <span data-testid="tab-month">{t('receptions.tab.month')}</span>,
            children: <MonthPanel />,
          },
          {
            key: 'plan',
            label: <span data-testid="tab-plan">{t('receptions.tab.plan')}</span>,
            children: <PlanPanel />,
          },
          {
            key: 'visits',
            label: <span data-testid="tab-visits">{t('receptions.tab.visits')}</span>,
            children: <HomeVisitsPanel />,
          },
          {
            key: 'compliance',
            label: <span data-testid="tab-compliance">{t('receptions.tab.compliance')}</span>,
            children: <CompliancePanel />,
          },
          {
            key: 'overview',
            label: <span data-testid="tab-overview">{t('receptions.tab.overview')}</span>,
            children: <OverviewPanel />,
          },
          {
            key: 'deputy',
            label: <span data-testid="tab-deputy">{t('receptions.tab.deputy')}</span>,
            children: <DeputyYearPanel />,
          },
        ].filter((item) => manage || !staffOnly.has(item.key))}
        destroyOnHidden
      />
    </>
  );
}
