import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Typography, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { StationChange } from '../../../app/contracts.js';
import { formatDateTime, useT, type MessageKey, type Translate } from '../../../app/i18n.js';
import { NotFoundPage } from '../../../app/NotFoundPage.js';
import { PagedTable } from '../../../app/PagedTable.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { usePrefs } from '../../../app/prefs.js';
import { useStation, useStationHistory } from '../api.js';

/** The label of a field named in a change. */
const fieldLabels: Record<string, MessageKey> = {
  name: 'stations.field.name',
  code: 'stations.field.code',
  kind: 'stations.field.kind',
  domain: 'stations.field.domain',
  address: 'stations.field.address',
  openingHours: 'stations.field.openingHours',
  receptionSchedule: 'stations.field.schedule',
  receptionRule: 'stations.field.receptionNote',
  publishedRules: 'stations.field.rules',
  publishedWorkflow: 'stations.field.workflow',
  onlineEnabled: 'stations.field.online',
  active: 'stations.field.active',
  regionCodes: 'stations.field.regions',
  parentId: 'stations.field.parent',
  deputyName: 'stations.member.name',
  isHead: 'stations.member.head',
  caption: 'stations.history.caption',
  community: 'stations.informant.community',
  phone: 'stations.informant.phone',
};

function show(value: unknown, t: Translate, key = ''): string {
  // The trail keeps only whether a phone was given or changed, never the number.
  if (key === 'phone') return value ? t('stations.history.phoneOnRecord') : '—';
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? t('deputies.yes') : t('deputies.no');
  if (Array.isArray(value)) return value.map((v) => show(v, t)).join('、') || '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const label = (key: string, t: Translate) => (fieldLabels[key] ? t(fieldLabels[key]) : key);

/** What one change did: each field with its value before and after, or the facts it records. */
function ChangeSummary({ summary }: { summary: unknown }) {
  const t = useT();
  const s = (summary ?? {}) as Record<string, unknown>;
  const before = (s.before ?? {}) as Record<string, unknown>;
  const after = (s.after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (k) => !['photoId', 'fileId', 'bytes', 'phoneMasked', 'stationId', 'id'].includes(k),
  );
  const facts = Object.entries(s).filter(([k]) => !['before', 'after', 'via', 'informantId', 'deputyId'].includes(k));
  const lines: ReactNode[] = keys.map((k) => (
    <div key={k}>
      <Typography.Text strong>{label(k, t)}</Typography.Text>：
      {k in before ? (
        <>
          <Typography.Text type="secondary">{t('stations.history.before')}</Typography.Text> {show(before[k], t, k)}
          {k in after ? ' → ' : ''}
        </>
      ) : null}
      {k in after ? (
        <>
          {k in before ? <Typography.Text type="secondary">{t('stations.history.after')} </Typography.Text> : null}
          {show(after[k], t, k)}
        </>
      ) : null}
    </div>
  ));
  for (const [k, v] of facts) {
    lines.push(
      <div key={k}>
        <Typography.Text strong>{label(k, t)}</Typography.Text>：{show(v, t, k)}
      </div>,
    );
  }
  return <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{lines}</div>;
}

/** /console/stations/:id/history: who changed the station, when, and what (before and after). */
export function StationHistoryPage() {
  const t = useT();
  const { lang } = usePrefs();
  const navigate = useNavigate();
  const { id } = useParams();
  const stationId = Number(id);
  const valid = Number.isSafeInteger(stationId) && stationId > 0;
  const station = useStation(stationId, valid);
  const history = useStationHistory(stationId);

  if (!valid) return <NotFoundPage />;

  const columns: TableColumnsType<StationChange> = [
    {
      key: 'at',
      title: t('stations.history.at'),
      width: 190,
      render: (_, c) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(c.at, lang)}</span>,
    },
    {
      key: 'actor',
      title: t('stations.history.actor'),
      width: 140,
      render: (_, c) => c.actorName ?? t('audit.system'),
    },
    {
      key: 'action',
      title: t('stations.history.action'),
      width: 170,
      render: (_, c) => {
        // Actions without a label of their own (from newer features) show as recorded.
        const named = t(`stationAction.${c.action}` as MessageKey) as string | undefined;
        const via = (c.summary as { via?: string } | null)?.via === 'import';
        return `${named ?? c.action}${via ? t('stations.history.viaImport') : ''}`;
      },
    },
    { key: 'change', title: t('stations.history.change'), render: (_, c) => <ChangeSummary summary={c.summary} /> },
  ];

  return (
    <>
      <PageTitle
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(`/stations/${stationId}`)}>
            {t('stations.history.backToStation')}
          </Button>
        }
      >
        {t('stations.historyTitle', { name: station.data?.name ?? '' })}
      </PageTitle>
      <Card>
        <Flex vertical gap={12}>
          <PagedTable<StationChange>
            list={history}
            columns={columns}
            emptyText={t('stations.historyEmpty')}
            scrollX={900}
            testId="station-history"
          />
        </Flex>
      </Card>
    </>
  );
}
