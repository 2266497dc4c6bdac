import { Descriptions, Table, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { AuditRow } from '../../../app/contracts.js';
import { useT } from '../../../app/i18n.js';

const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: '0.9em' };

/** A recorded value as text: plain values as they are, lists joined, objects as compact JSON. */
function show(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null)) return v.map(show).join('、');
  return JSON.stringify(v);
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * A change as a diff: the fields of `before` and `after` (or `from` and `to`) side by side, the
 * changed ones first; the other recorded details as a list of field and value.
 */
export function SummaryDetails({ summary }: { summary: unknown }) {
  const t = useT();
  if (!isRecord(summary)) return <span style={mono}>{show(summary)}</span>;
  const before = isRecord(summary.before) ? summary.before : null;
  const after = isRecord(summary.after) ? summary.after : null;
  const rest = Object.entries(summary).filter(([k]) => !((before && k === 'before') || (after && k === 'after')));
  const parts: ReactNode[] = [];
  if (before || after) {
    const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
    const rows = fields
      .map((field) => ({ field, before: show(before?.[field]), after: show(after?.[field]) }))
      .sort((a, b) => Number(a.before === a.after) - Number(b.before === b.after));
    parts.push(
      <Table
        key="diff"
        size="small"
        rowKey="field"
        pagination={false}
        data-testid="audit-diff"
        dataSource={rows}
        columns={[
          { key: 'field', title: t('audit.field'), render: (_, r) => <span style={mono}>{r.field}</span> },
          { key: 'before', title: t('audit.before'), render: (_, r) => r.before },
          {
            key: 'after',
            title: t('audit.after'),
            render: (_, r) => (r.before === r.after ? r.after : <Typography.Text mark>{r.after}</Typography.Text>),
          },
        ]}
      />,
    );
  }
  if (rest.length)
    parts.push(
      <Descriptions
        key="rest"
        column={1}
        size="small"
        styles={{ label: { width: 160 } }}
        items={rest.map(([k, v]) => ({
          key: k,
          label: <span style={mono}>{k}</span>,
          children: <span style={{ wordBreak: 'break-all' }}>{show(v)}</span>,
        }))}
      />,
    );
  return <>{parts}</>;
}

/** The expanded row: the details in words (a change as a diff), the request id and the user agent. */
export function AuditSummary({ row }: { row: AuditRow }) {
  const t = useT();
  return (
    <Descriptions
      column={1}
      size="small"
      styles={{ label: { width: 120 } }}
      items={[
        { key: 'summary', label: t('audit.summary'), children: <SummaryDetails summary={row.summary ?? null} /> },
        {
          key: 'requestId',
          label: t('audit.col.requestId'),
          children: (
            <Typography.Text copyable style={mono}>
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
