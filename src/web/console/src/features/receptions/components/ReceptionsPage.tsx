import { PlusOutlined } from '@ant-design/icons';
import { Button, Calendar, Card, Flex, Space, Tabs, Tag, Typography } from 'antd';
// Month and weekday names of calendars and date pickers in Chinese (antd picks the loaded locale by name).
import 'dayjs/locale/zh-cn.js';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { useCan } from '../../../app/session.js';
import { useReceptions } from '../api.js';
import { CompliancePanel } from './CompliancePanel.js';
import { DeputyYearPanel } from './DeputyYearPanel.js';
import { HomeVisitsPanel } from './HomeVisitsPanel.js';
import { OverviewPanel } from './OverviewPanel.js';
import { PlanPanel } from './PlanPanel.js';
import { ReceptionFormModal } from './ReceptionFormModal.js';
import { useStationChoice } from './use-station-choice.js';

function MonthPanel() {
  const t = useT();
  const can = useCan();
  const navigate = useNavigate();
  const { stationId, select } = useStationChoice();
  const [month, setMonth] = useState(dayjs().startOf('month'));
  const [creating, setCreating] = useState<string | null>(null);
  const from = month.startOf('month').subtract(7, 'day').format('YYYY-MM-DD');
  const to = month.endOf('month').add(14, 'day').format('YYYY-MM-DD');
  const list = useReceptions({ stationId, from, to }, !!stationId);
  const byDay = new Map<string, NonNullable<typeof list.data>['items']>();
  for (const r of list.data?.items ?? []) byDay.set(r.day, [...(byDay.get(r.day) ?? []), r]);

  return (
    <Card>
      <Flex gap={12} wrap style={{ marginBottom: 8 }} justify="space-between">
        {select}
        {can('reception.manage') && stationId ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(dayjs().add(7, 'day').format('YYYY-MM-DD'))}
            data-testid="create-reception"
          >
            {t('receptions.create')}
          </Button>
        ) : null}
      </Flex>
      {list.isError ? <ErrorAlert error={list.error} /> : null}
      <Calendar
        value={month}
        onPanelChange={(d) => setMonth(d.startOf('month'))}
        onSelect={(d, info) => {
          if (info.source === 'date') setMonth(d.startOf('month'));
        }}
        cellRender={(d, info) => {
          if (info.type !== 'date') return null;
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
  const tab = params.get('tab') ?? 'month';
  return (
    <>
      <PageTitle>{t('receptions.title')}</PageTitle>
      <Typography.Paragraph type="secondary">{t('receptions.intro')}</Typography.Paragraph>
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
        ]}
        destroyOnHidden
      />
    </>
  );
}
