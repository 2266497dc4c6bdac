import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Select, Skeleton, Tabs } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { useCan } from '../../../app/session.js';
import { useDeputies, useOpenActivities, useRecord } from '../api.js';
import { ActivityList } from './ActivityList.js';
import { AssessmentTab } from './AssessmentTab.js';
import { AwardsTab } from './AwardsTab.js';
import { BulletinForm } from './BulletinForm.js';
import { BulletinList } from './BulletinList.js';
import { ContactsPanel } from './ContactsPanel.js';
import { EventsTab } from './EventsTab.js';
import { LedgersCard } from './LedgersCard.js';
import { EntryModal } from './EntryModal.js';
import { RecordView } from './RecordView.js';
import { ReceptionRatingsTab } from './ReceptionRatingsTab.js';
import { ReportsTab } from './ReportsTab.js';
import { RulesTab } from './RulesTab.js';
import { StandingsTab } from './StandingsTab.js';
import { YearSelect } from './YearSelect.js';
import { chinaYear } from '../../../../../../contracts/calendar.js';

/** Hand entries waiting for the check and disputes to answer, of the deputies in scope. */
function CheckQueue() {
  const open = useOpenActivities();
  if (open.isPending) return <Skeleton active />;
  if (open.isError) return <ErrorAlert error={open.error} />;
  return <ActivityList items={open.data.items} canDispute={false} canCheck showDeputy />;
}

/** One deputy's record, picked from those in scope, with hand entry for them. */
function Records() {
  const t = useT();
  const deputies = useDeputies();
  const [params, setParams] = useSearchParams();
  const deputyId = Number(params.get('deputyId')) || undefined;
  const [year, setYear] = useState(chinaYear());
  const [entry, setEntry] = useState(false);
  const record = useRecord(deputyId, year, deputyId !== undefined);
  return (
    <Flex vertical gap={12}>
      <LedgersCard />
      <Flex gap={8} wrap className="duty-no-print">
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('duty.pickDeputy')}
          style={{ minWidth: 220 }}
          value={deputyId}
          onChange={(v: number) => setParams({ tab: 'records', deputyId: String(v) }, { replace: true })}
          options={deputies.data?.items.map((d) => ({ value: d.id, label: `${d.name}（${d.orgName}）` }))}
          data-testid="deputy-picker"
        />
        <YearSelect value={year} onChange={setYear} />
        {deputyId !== undefined && (
          <Button icon={<PlusOutlined />} onClick={() => setEntry(true)}>
            {t('duty.entry.open')}
          </Button>
        )}
      </Flex>
      {deputyId === undefined ? (
        <Empty description={t('duty.pickDeputy')} />
      ) : record.isPending ? (
        <Skeleton active />
      ) : record.isError ? (
        <ErrorAlert error={record.error} />
      ) : (
        <RecordView record={record.data} />
      )}
      <EntryModal open={entry} deputyId={deputyId} onClose={() => setEntry(false)} />
    </Flex>
  );
}

const tabs = [
  'check',
  'records',
  'events',
  'contacts',
  'standings',
  'rules',
  'bulletins',
  'reports',
  'assessment',
  'ratings',
  'awards',
] as const;

/** /console/duty: the committee's and stations' desk for the duty record. */
export function DutyDeskPage() {
  const t = useT();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const asked = tabs.find((k) => k === params.get('tab')) ?? 'check';
  const manage = can('duty.manage');
  return (
    <>
      <PageTitle>{t('duty.desk.title')}</PageTitle>
      <Tabs
        activeKey={asked}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'check', label: t('duty.tab.check'), children: <CheckQueue /> },
          { key: 'records', label: t('duty.tab.records'), children: <Records /> },
          { key: 'events', label: t('dutyEvents.deskTab'), children: <EventsTab /> },
          {
            key: 'contacts',
            label: t('dutyContacts.tab'),
            children: <ContactsPanel year={chinaYear()} own={false} />,
          },
          { key: 'standings', label: t('duty.tab.standings'), children: <StandingsTab /> },
          ...(manage ? [{ key: 'rules', label: t('duty.tab.rules'), children: <RulesTab /> }] : []),
          {
            key: 'bulletins',
            label: t('duty.tab.bulletins'),
            children: (
              <Flex vertical gap={16}>
                {manage && <BulletinForm />}
                <BulletinList />
              </Flex>
            ),
          },
          { key: 'reports', label: t('duty.tab.reports'), children: <ReportsTab /> },
          {
            key: 'assessment',
            label: t('duty.tab.assessment'),
            children: <AssessmentTab canAssess={can('duty.manage')} />,
          },
          { key: 'ratings', label: t('dutyMore.ratingsTab'), children: <ReceptionRatingsTab /> },
          ...(manage ? [{ key: 'awards', label: t('duty.tab.awards'), children: <AwardsTab /> }] : []),
        ]}
      />
    </>
  );
}
