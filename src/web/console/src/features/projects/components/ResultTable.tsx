import { Alert, Card, Table, Tag, Typography } from 'antd';
import { useT, type MessageKey } from '../../../app/i18n.js';
import { wan, type VoteView } from '../api.js';

type Row = NonNullable<VoteView['result']>['rows'][number];

/** The count as announced: ranked, with counts, threshold, ties and the running total (or the ratings). */
export function ResultTable({ vote }: { vote: VoteView }) {
  const t = useT();
  const r = vote.result!;
  const rating = vote.kind === 'rating';
  const rank = vote.selection?.form === 'rank';
  return (
    <Card title={t('projects.result')} data-testid="vote-result">
      <Typography.Paragraph>
        {t('projects.resultSummary', { members: r.members, present: r.present, ballots: r.ballots, needed: r.needed })}
      </Typography.Paragraph>
      {rank ? (
        <Typography.Paragraph type="secondary" data-testid="rank-method">
          {t('projects.rankMethod')}
        </Typography.Paragraph>
      ) : null}
      {r.unresolvedTie ? <Alert type="warning" showIcon title={t('projects.unresolvedTie')} /> : null}
      <Table<Row>
        rowKey="projectId"
        size="small"
        pagination={false}
        scroll={{ x: true }}
        dataSource={r.rows}
        columns={
          rating
            ? [
                { title: t('projects.name'), dataIndex: 'title' },
                { title: t('projects.satisfiedCount'), dataIndex: 'satisfied' },
                { title: t('projects.basicCount'), dataIndex: 'basicallySatisfied' },
                { title: t('projects.dissatisfiedCount'), dataIndex: 'dissatisfied' },
                {
                  title: t('projects.rating'),
                  dataIndex: 'rating',
                  render: (x: string) => <Tag>{t(`projects.rating.${x}` as MessageKey)}</Tag>,
                },
              ]
            : [
                { title: t('projects.rank'), dataIndex: 'rank', width: 60, render: (x: number | null) => x ?? '—' },
                { title: t('projects.name'), dataIndex: 'title' },
                ...(rank ? [{ title: t('projects.score'), dataIndex: 'score' }] : []),
                { title: t(rank ? 'projects.placedWithin' : 'projects.for'), dataIndex: 'for' },
                ...(vote.selection?.form === 'approve'
                  ? [
                      { title: t('projects.against'), dataIndex: 'against' },
                      { title: t('projects.abstain'), dataIndex: 'abstain' },
                    ]
                  : []),
                {
                  title: t('projects.chosen'),
                  key: 'chosen',
                  render: (_: unknown, x: Row) => (
                    <>
                      {x.chosen ? <Tag color="green">{t('projects.chosen')}</Tag> : null}
                      {x.tie ? <Tag color="orange">{t('projects.tie')}</Tag> : null}
                      {x.overBudget ? <Tag color="red">{t('projects.overBudget')}</Tag> : null}
                    </>
                  ),
                },
                {
                  title: t('projects.runningTotal'),
                  dataIndex: 'runningTotal',
                  render: (x: number | null) => (x === null ? '' : wan(x)),
                },
              ]
        }
      />
    </Card>
  );
}
