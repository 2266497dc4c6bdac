import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Collapse, Skeleton } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../../app/api-error.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { useRecord } from '../api.js';
import { BulletinList } from './BulletinList.js';
import { ContactsPanel } from './ContactsPanel.js';
import { MyEvents, TodaySignIn } from './MyEvents.js';
import { EntryModal } from './EntryModal.js';
import { RecordView } from './RecordView.js';
import { ReportCard } from './ReportCard.js';
import { YearSelect } from './YearSelect.js';
import { chinaYear } from '../../../../../../contracts/calendar.js';

/** /console/duty/mine: the deputy's own record (phone first): activities, points, bulletins, report-back. */
export function MyDutyPage() {
  const t = useT();
  const [year, setYear] = useState(chinaYear());
  const [entry, setEntry] = useState(false);
  const record = useRecord(undefined, year);
  const title = (
    <PageTitle
      extra={
        <>
          <YearSelect value={year} onChange={setYear} />
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEntry(true)}
            data-testid="entry-open"
            className="duty-no-print"
          >
            {t('duty.entry.open')}
          </Button>
        </>
      }
    >
      {t('duty.mine.title')}
    </PageTitle>
  );
  if (record.isPending)
    return (
      <>
        {title}
        <Skeleton active />
      </>
    );
  if (record.isError)
    return (
      <>
        {title}
        {record.error instanceof ApiError && record.error.code === 'DUTY_NOT_A_DEPUTY' ? (
          <Alert type="info" showIcon title={t('duty.notLinked')} />
        ) : (
          <ErrorAlert error={record.error} />
        )}
      </>
    );
  return (
    <>
      {title}
      <TodaySignIn />
      <RecordView
        record={record.data}
        more={[
          { key: 'bulletins', label: t('duty.tab.bulletins'), children: <BulletinList /> },
          { key: 'report', label: t('duty.tab.report'), children: <ReportCard year={year} /> },
        ]}
      />
      <Collapse
        className="duty-no-print"
        style={{ marginTop: 16 }}
        destroyOnHidden
        items={[
          { key: 'events', label: t('dutyEvents.tab'), children: <MyEvents years={[year]} /> },
          { key: 'contacts', label: t('dutyContacts.tab'), children: <ContactsPanel year={year} own /> },
        ]}
        data-testid="duty-more"
      />
      <EntryModal open={entry} onClose={() => setEntry(false)} />
    </>
  );
}
