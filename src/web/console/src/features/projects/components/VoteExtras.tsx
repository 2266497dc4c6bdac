import { Alert, Button, Card, DatePicker, Form, InputNumber, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { applyFieldErrors } from '../../../app/form-errors.js';
import { formatDateTime, useT, type MessageKey } from '../../../app/i18n.js';
import { usePrefs } from '../../../app/prefs.js';
import { useComments, useProjectWrite, type StaffComment, type VoteView } from '../api.js';

/** The public comment period on a draft vote: open it until a day; every comment with masked contacts, moderated here. */
export function CommentPeriod({ vote }: { vote: VoteView }) {
  const t = useT();
  const { lang } = usePrefs();
  const comments = useComments(vote.id);
  const write = useProjectWrite();
  const [form] = Form.useForm<{ until: Dayjs }>();
  const titleOf = (id: number) => vote.candidateList.find((c) => c.projectId === id)?.title ?? String(id);
  const moderate = (id: number, state: 'published' | 'hidden') =>
    write.mutate({ method: 'POST', path: `/api/projects/votes/${vote.id}/comments/${id}`, body: { state } });
  return (
    <Card title={t('projects.comments')} data-testid="comment-period">
      {write.error && <ErrorAlert error={write.error} />}
      {vote.commentUntil ? (
        <Alert
          type="info"
          showIcon
          data-testid="comment-until"
          title={t('projects.commentsUntil', { at: formatDateTime(vote.commentUntil, lang) })}
          style={{ marginBottom: 8 }}
        />
      ) : null}
      <Form
        form={form}
        layout="inline"
        onFinish={async (v) => {
          try {
            await write.mutateAsync({
              method: 'POST',
              path: `/api/projects/votes/${vote.id}/comments/open`,
              body: { until: v.until.format('YYYY-MM-DD') },
            });
          } catch (e) {
            applyFieldErrors(form, e, ['until']);
          }
        }}
      >
        <Form.Item name="until" label={t('projects.commentsEnd')} rules={[{ required: true }]}>
          <DatePicker data-testid="comment-until-input" />
        </Form.Item>
        <Button htmlType="submit" data-testid="comment-open">
          {t('projects.commentsOpen')}
        </Button>
      </Form>
      <Typography.Paragraph style={{ marginTop: 12 }} data-testid="comment-counts">
        {vote.candidateList.map((c) => {
          const n = comments.data?.counts.find((x) => x.projectId === c.projectId);
          return (
            <Tag key={c.projectId}>
              {t('projects.commentCount', { title: c.title, s: n?.supports ?? 0, c: n?.comments ?? 0 })}
            </Tag>
          );
        })}
      </Typography.Paragraph>
      <Table<StaffComment>
        rowKey="id"
        size="small"
        scroll={{ x: 'max-content' }}
        loading={comments.isLoading}
        dataSource={(comments.data?.items ?? []).filter((c) => c.body)}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('projects.name'), render: (_, c) => titleOf(c.projectId) },
          { title: t('projects.comment'), dataIndex: 'body' },
          {
            title: t('projects.commenter'),
            render: (_, c) => [c.name, c.phone].filter(Boolean).join(' ') || '—',
          },
          {
            title: t('projects.state'),
            render: (_, c) => (
              <Space wrap>
                <Tag>{t(`projects.commentState.${c.state}` as MessageKey)}</Tag>
                {c.state !== 'published' && (
                  <Button size="small" onClick={() => moderate(c.id, 'published')} data-testid="comment-publish">
                    {t('projects.commentPublish')}
                  </Button>
                )}
                {c.state !== 'hidden' && (
                  <Button size="small" onClick={() => moderate(c.id, 'hidden')}>
                    {t('projects.commentHide')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}

/**
 * Paper ballots counted in the hall and entered as totals per candidate, twice by two officers; the
 * server checks each entry against the ballots and counts them once both agree (a mismatch shows both).
 */
export function PaperTotalsCard({ vote }: { vote: VoteView }) {
  const t = useT();
  const write = useProjectWrite();
  const [counts, setCounts] = useState<Record<string, number | null>>({});
  const [figures, setFigures] = useState({ issued: vote.attendance.paperIssued, returned: 0, spoiled: 0 });
  const marks =
    vote.kind === 'rating'
      ? (['satisfied', 'basicallySatisfied', 'dissatisfied'] as const)
      : vote.selection?.form === 'choose'
        ? (['chosen'] as const)
        : (['for', 'against', 'abstain'] as const);
  const label = (m: string) =>
    t(
      (vote.kind === 'rating'
        ? `projects.rating.${m}`
        : m === 'chosen'
          ? 'projects.chosenMark'
          : `projects.${m}`) as MessageKey,
    );
  if (vote.paperTotals)
    return (
      <Alert
        type="success"
        data-testid="paper-totals-done"
        title={t('projects.reconciled', { returned: vote.paperTotals.returned, spoiled: vote.paperTotals.spoiled })}
      />
    );
  const check = vote.paperTotalsCheck;
  const waitingForOther = check?.state === 'first' && check.entries[0]?.mine;
  return (
    <Card title={t('projects.paperTotals')} data-testid="paper-totals">
      {check ? (
        <Alert
          type={check.state === 'conflict' ? 'error' : check.state === 'first' ? 'warning' : 'info'}
          showIcon
          data-testid="totals-state"
          style={{ marginBottom: 8 }}
          title={t(`projects.totals.state.${waitingForOther ? 'firstMine' : check.state}` as MessageKey)}
        />
      ) : null}
      {check?.state === 'conflict' ? <TotalsEntries vote={vote} label={label} /> : null}
      {write.error && <ErrorAlert error={write.error} />}
      <Space wrap style={{ marginBottom: 8 }}>
        {(['issued', 'returned', 'spoiled'] as const).map((k) => (
          <label key={k}>
            {t(`projects.${k}` as MessageKey)}{' '}
            <InputNumber
              min={0}
              value={figures[k]}
              data-testid={`totals-${k}`}
              onChange={(n) => setFigures({ ...figures, [k]: n ?? 0 })}
            />
          </label>
        ))}
      </Space>
      {vote.candidateList.map((c) => (
        <Card key={c.projectId} size="small" style={{ marginBottom: 8 }}>
          <Typography.Text strong>
            {c.position}. {c.title}
          </Typography.Text>
          <div>
            <Space wrap>
              {marks.map((m) => (
                <label key={m}>
                  {label(m)}{' '}
                  <InputNumber
                    min={0}
                    style={{ width: 80 }}
                    aria-label={`${c.title} ${label(m)}`}
                    data-testid={`totals-${c.position}-${m}`}
                    value={counts[`${c.projectId}:${m}`] ?? null}
                    onChange={(n) => setCounts({ ...counts, [`${c.projectId}:${m}`]: n })}
                  />
                </label>
              ))}
            </Space>
          </div>
        </Card>
      ))}
      <Button
        type="primary"
        data-testid="totals-submit"
        disabled={waitingForOther}
        loading={write.isPending}
        onClick={() =>
          write.mutate({
            method: 'POST',
            path: `/api/projects/votes/${vote.id}/paper/totals`,
            body: {
              ...figures,
              counts: vote.candidateList.flatMap((c) =>
                marks.map((m) => ({ projectId: c.projectId, mark: m, count: counts[`${c.projectId}:${m}`] ?? 0 })),
              ),
            },
          })
        }
      >
        {t('projects.totalsSubmit')}
      </Button>
    </Card>
  );
}

type TotalsEntry = NonNullable<VoteView['paperTotalsCheck']>['entries'][number];

/** Two differing entries of the totals side by side, the differing figures in red. */
function TotalsEntries({ vote, label }: { vote: VoteView; label: (m: string) => string }) {
  const t = useT();
  const entries = vote.paperTotalsCheck!.entries;
  const figure = (e: TotalsEntry, key: string) => {
    if (key === 'issued' || key === 'returned' || key === 'spoiled') return e[key];
    const [projectId, mark] = key.split(':');
    return e.counts.find((c) => c.projectId === Number(projectId) && c.mark === mark)?.count ?? 0;
  };
  const keys = [
    ...(['issued', 'returned', 'spoiled'] as const).map((k) => ({ key: k, name: t(`projects.${k}` as MessageKey) })),
    ...vote.candidateList.flatMap((c) =>
      [...new Set(entries.flatMap((e) => e.counts.filter((x) => x.projectId === c.projectId).map((x) => x.mark)))].map(
        (m) => ({ key: `${c.projectId}:${m}`, name: `${c.position}. ${c.title} · ${label(m)}` }),
      ),
    ),
  ];
  return (
    <Table
      rowKey="key"
      size="small"
      pagination={false}
      scroll={{ x: 'max-content' }}
      style={{ marginBottom: 12 }}
      data-testid="totals-entries"
      dataSource={keys}
      columns={[
        { title: t('projects.totals.figure'), dataIndex: 'name' },
        ...entries.map((e, i) => ({
          title: t('projects.totals.entry', { n: e.entry }) + (e.mine ? t('projects.totals.mine') : ''),
          key: `e${i}`,
          render: (_: unknown, row: { key: string }) => {
            const differs = new Set(entries.map((x) => figure(x, row.key))).size > 1;
            return (
              <Typography.Text
                type={differs ? 'danger' : undefined}
                strong={differs}
                data-differs={differs || undefined}
              >
                {figure(e, row.key)}
              </Typography.Text>
            );
          },
        })),
      ]}
    />
  );
}
