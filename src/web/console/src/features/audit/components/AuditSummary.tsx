import { Descriptions, Typography } from 'antd';
import type { AuditRow } from '../../../app/contracts.js';
import { useT } from '../../../app/i18n.js';

/** The expanded row: the summary JSON as recorded, and the user agent. */
export function AuditSummary({ row }: { row: AuditRow }) {
  const t = useT();
  return (
    <Descriptions
      column={1}
      size="small"
      styles={{ label: { width: 120 } }}
      items={[
        {
          key: 'summary',
          label: t('audit.summary'),
          children: (
            <pre
              style={{
                margin: 0,
                whiteSpace: 'pre-wrap',
                wordBreak: 'break-all',
                fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
                fontSize: '0.9em',
              }}
            >
              {JSON.stringify(row.summary ?? null, null, 2)}
            </pre>
          ),
        },
        {
          key: 'requestId',
          label: t('audit.col.requestId'),
          children: (
            <Typography.Text
              copyable
              style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' }}
            >
              {row.requestId ?? '—'}
            </Typography.Text>
          ),
        },
        {
          key: 'userAgent',
          label: t('audit.userAgent'),
          children: <Typography.Text type="secondary">{row.userAgent ?? '—'}</Typography.Text>,
        },
      ]}
    />
  );
}
