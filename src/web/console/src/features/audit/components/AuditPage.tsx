import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Typography, type TableColumnsType } from 'antd';
import { ResponsiveTable } from '../../../app/ResponsiveTable.js';
import { auditActionLabel, subjectTypeLabels } from '../../../../../../contracts/audit-words.js';
import { useMemo, useState } from 'react';
import type { AuditRow } from '../../../app/contracts.js';
import { LoadMoreFooter } from '../../../app/LoadMoreFooter.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { formatDateTime, useT } from '../../../app/i18n.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { usePrefs } from '../../../app/prefs.js';
import { auditExportUrl, useAuditLog, type AuditFilters } from '../api.js';
import { AuditFilterForm } from './AuditFilterForm.js';
import { AuditSummary } from './AuditSummary.js';
import { VerifyChain } from './VerifyChain.js';

const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: '0.9em' };

/** /console/audit: search the trail, expand an entry's summary, verify the chain. */
export function AuditPage() {
  const t = useT();
  const { lang } = usePrefs();
  const [filters, setFilters] = useState<AuditFilters>({});
  const pick = (l: { zh: string; en: string }) => (lang === 'en' ? l.en : l.zh);
  const log = useAuditLog(filters);
  const rows = useMemo(() => log.data?.pages.flatMap((p) => p.items) ?? [], [log.data]);

  const columns: TableColumnsType<AuditRow> = [
    {
      key: 'at',
      title: t('audit.col.time'),
      width: 175,
      render: (_, row) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(row.at, lang)}</span>,
    },
    {
      key: 'actor',
      title: t('audit.col.actor'),
      width: 140,
      render: (_, row) =>
        row.actorName ?? (
          <Typography.Text type="secondary">
            {/* No account: someone not signed in came from an address; the server itself did not. */}
            {row.actorId === null && row.ip ? t('audit.anonymous') : t('audit.system')}
          </Typography.Text>
        ),
    },
    {
      key: 'action',
      title: t('audit.col.action'),
      render: (_, row) => (
        <Flex vertical>
          <span data-testid="audit-action-words">{pick(auditActionLabel(row.action))}</span>
          <Typography.Text type="secondary" style={{ ...mono, whiteSpace: 'nowrap' }}>
            {row.action}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'subject',
      title: t('audit.col.subject'),
      render: (_, row) =>
        row.subjectType || row.subjectId ? (
          <span data-testid="audit-subject">
            {row.subjectType
              ? pick(subjectTypeLabels[row.subjectType] ?? { zh: row.subjectType, en: row.subjectType })
              : ''}{' '}
            {row.subjectName ?? <span style={mono}>#{row.subjectId}</span>}
          </span>
        ) : (
          '—'
        ),
    },
    { key: 'ip', title: t('audit.col.ip'), width: 140, render: (_, row) => <span style={mono}>{row.ip ?? '—'}</span> },
    {
      key: 'requestId',
      title: t('audit.col.requestId'),
      width: 150,
      // The first block is enough to tell rows apart; the copy button and the expanded row give the whole id.
      render: (_, row) =>
        row.requestId ? (
          <Typography.Text copyable={{ text: row.requestId }} style={mono} title={row.requestId}>
            {row.requestId.slice(0, 8)}…
          </Typography.Text>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <>
      <PageTitle>{t('audit.title')}</PageTitle>
      <Flex vertical gap={16}>
        <Card>
          <VerifyChain />
        </Card>
        <Card>
          <AuditFilterForm onSearch={setFilters} />
          <Flex justify="flex-end" style={{ marginBottom: 12 }}>
            <Button icon={<DownloadOutlined />} href={auditExportUrl(filters)} data-testid="audit-export">
              {t('audit.export')}
            </Button>
          </Flex>
          {log.isError ? (
            <div style={{ marginBottom: 16 }}>
              <ErrorAlert error={log.error} />
            </div>
          ) : null}
          <ResponsiveTable<AuditRow>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={rows}
            loading={log.isFetching && !log.isFetchingNextPage}
            pagination={false}
            scroll={{ x: 900 }}
            locale={{ emptyText: t('audit.empty') }}
            expandable={{ expandedRowRender: (row) => <AuditSummary row={row} /> }}
          />
          <LoadMoreFooter
            shown={rows.length}
            hasMore={Boolean(log.hasNextPage)}
            loading={log.isFetchingNextPage}
            onMore={() => void log.fetchNextPage()}
          />
        </Card>
      </Flex>
    </>
  );
}
