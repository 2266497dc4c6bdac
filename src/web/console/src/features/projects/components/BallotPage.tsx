import { Alert, Button, Card, Flex, List, Popconfirm, Result, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT, type MessageKey } from '../../../app/i18n.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { useProjectWrite, useVote, useVotes } from '../api.js';
import { BallotMarks, choicesOf, emptyBallot, type Ballot } from './BallotMarks.js';
import { ResultTable } from './ResultTable.js';

/** A deputy's votes: those open for them first. */
export function BallotsPage() {
  const t = useT();
  const votes = useVotes();
  return (
    <>
      <PageTitle>{t('projects.ballot.title')}</PageTitle>
      {votes.error && <ErrorAlert error={votes.error} />}
      <Card>
        <List
          loading={votes.isLoading}
          dataSource={votes.data ?? []}
          locale={{ emptyText: t('projects.ballot.none') }}
          renderItem={(v) => (
            <List.Item
              actions={[
                <Link key="go" to={`/projects/ballots/${v.id}`} data-testid={`ballot-open-${v.id}`}>
                  {t('projects.ballot.open')}
                </Link>,
              ]}
            >
              <List.Item.Meta
                title={v.name}
                description={<Tag>{t(`projects.voteState.${v.state}` as MessageKey)}</Tag>}
              />
            </List.Item>
          )}
        />
      </Card>
    </>
  );
}

/** The secret ballot on a phone: one card per candidate, the running total, one submission, the receipt code once. */
export function BallotPage() {
  const t = useT();
  const id = Number(useParams().id);
  const vote = useVote(id);
  const cast = useProjectWrite<{ receiptCode: string }>();
  const [ballot, setBallot] = useState<Ballot>(emptyBallot);
  const [receipt, setReceipt] = useState<string | null>(null);
  if (vote.error) return <ErrorAlert error={vote.error} />;
  if (!vote.data) return <Spin />;
  const v = vote.data;
  if (receipt)
    return (
      <Result
        status="success"
        title={t('projects.ballot.receipt')}
        subTitle={
          <>
            <Typography.Title level={2} copyable data-testid="receipt-code" style={{ letterSpacing: 2 }}>
              {receipt}
            </Typography.Title>
            {t('projects.ballot.receiptHint')}
          </>
        }
      />
    );
  return (
    <>
      <PageTitle>{v.name}</PageTitle>
      <Flex vertical gap={12}>
        <Alert type="info" showIcon title={t('projects.ballot.secret')} />
        {v.result ? <ResultTable vote={v} /> : null}
        {v.me?.voted ? <Alert type="success" showIcon title={t('projects.ballot.voted')} /> : null}
        {!v.me?.eligible && !v.me?.voted && !v.result ? (
          <Alert type="warning" showIcon title={t('projects.ballot.closed')} />
        ) : null}
        {v.me?.eligible ? (
          <>
            <BallotMarks vote={v} ballot={ballot} onChange={setBallot} />
            {cast.error && <ErrorAlert error={cast.error} />}
            <Popconfirm
              title={t('projects.ballot.confirm')}
              onConfirm={async () => {
                const r = await cast.mutateAsync({
                  method: 'POST',
                  path: `/api/projects/votes/${id}/ballot`,
                  body: { choices: choicesOf(v, ballot) },
                });
                setReceipt(r.receiptCode);
              }}
            >
              <Button type="primary" size="large" block loading={cast.isPending} data-testid="ballot-submit">
                {t('projects.ballot.submit')}
              </Button>
            </Popconfirm>
          </>
        ) : null}
      </Flex>
    </>
  );
}
