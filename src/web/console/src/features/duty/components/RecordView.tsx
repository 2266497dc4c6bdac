import { PrinterOutlined, DownloadOutlined, SyncOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Statistic, Tabs, Typography } from 'antd';
import type { ReactNode } from 'react';
import { activityKindLabels } from '../../../../../../contracts/duty.js';
import { useT } from '../../../app/i18n.js';
import { useLabel } from '../../suggestions/hooks/use-label.js';
import { recordXlsx, type DutyRecord } from '../api.js';
import { useSyncRecord } from '../events-api.js';
import { pct } from '../more-api.js';
import { ActivityList } from './ActivityList.js';
import { ScoreCard } from './ScoreCard.js';
import '../duty-print.css';

/** A record: the counts by kind, then the activities and the points in tabs (`more` adds tabs), with export and print. */
export function RecordView({
  record,
  more = [],
}: {
  record: DutyRecord;
  more?: { key: string; label: string; children: ReactNode }[];
}) {
  const t = useT();
  const label = useLabel();
  const sync = useSyncRecord();
  return (
    <div className="duty-record">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="record-heading">
          {record.deputy.name} · {record.deputy.orgName} · {t('duty.yearOption', { year: record.period.fromYear })}
        </Typography.Title>
        <Flex gap={8} wrap className="duty-no-print">
          <Button
            icon={<SyncOutlined />}
            loading={sync.isPending}
            onClick={() => sync.mutate({ deputyId: record.deputy.id, year: record.period.fromYear })}
            data-testid="record-sync"
          >
            {t('dutyRecord.sync')}
          </Button>
          <Button icon={<DownloadOutlined />} href={recordXlsx(record.deputy.id, record.period.fromYear)}>
            {t('duty.export')}
          </Button>
          <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
            {t('duty.print')}
          </Button>
        </Flex>
      </Flex>
      <Flex wrap gap={8} style={{ margin: '12px 0' }} data-testid="record-counts">
        {record.counts.map((c) => (
          <Card key={c.kind} size="small" style={{ flex: '1 1 120px' }}>
            <Statistic title={label(activityKindLabels[c.kind])} value={c.count} />
          </Card>
        ))}
        {record.receptionRatings.ratings > 0 && (
          <Card size="small" style={{ flex: '1 1 120px' }} data-testid="record-reception-ratings">
            <Statistic title={t('dutyMore.recordRatings')} value={pct(record.receptionRatings.satisfiedShare)} />
            <Typography.Text type="secondary">
              {t('dutyMore.recordRatingsN', {
                r: record.receptionRatings.receptions,
                n: record.receptionRatings.ratings,
              })}
            </Typography.Text>
          </Card>
        )}
        {record.scores.map((s) =>
          s.rulesVersion === null ? null : (
            <Card key={s.year} size="small" style={{ flex: '1 1 120px' }}>
              <Statistic title={t('duty.score.title', { year: s.year })} value={s.total} suffix={s.band ?? ''} />
            </Card>
          ),
        )}
      </Flex>
      <Tabs
        items={[
          {
            key: 'activities',
            label: t('duty.tab.activities'),
            children: (
              <ActivityList items={record.activities} canDispute={record.canDispute} canCheck={record.canResolve} />
            ),
          },
          {
            key: 'points',
            label: t('duty.tab.points'),
            children: (
              <Flex vertical gap={8}>
                {record.scores.map((s) => (
                  <ScoreCard key={s.year} score={s} />
                ))}
              </Flex>
            ),
          },
          ...more,
        ]}
      />
    </div>
  );
}
