import { ArrowLeftOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  InputNumber,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT, type MessageKey } from '../../../app/i18n.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { useProjectWrite, useVote, useVoters, wan, type Voter, type VoteView } from '../api.js';
import { BallotMarks, choicesOf, emptyBallot, type Ballot } from './BallotMarks.js';
import { ResultTable } from './ResultTable.js';
import { CommentPeriod, PaperTotalsCard } from './VoteExtras.js';

/** One vote for the committee: rules, candidates, the steps, attendance and paper ballots, reconciliation, the result. */
export function VoteDetailPage() {
  const t = useT();
  const id = Number(useParams().id);
  const vote = useVote(id);
  const write = useProjectWrite();
  if (vote.error) return <ErrorAlert error={vote.error} />;
  if (!vote.data) return <Spin />;
  const v = vote.data;
  const step = (name: 'open' | 'close' | 'publish') =>
    write.mutate({ method: 'POST', path: `/api/projects/votes/${id}/${name}` });
  const s = v.selection;
  return (
    <>
      <PageTitle
        extra={
          <Link to="/projects/votes">
            <ArrowLeftOutlined /> {t('projects.back')}
          </Link>
        }
      >
        {v.name} <Tag data-testid="vote-state">{t(`projects.voteState.${v.state}` as MessageKey)}</Tag>
      </PageTitle>
      <Flex vertical gap={16}>
        {write.error && <ErrorAlert error={write.error} />}
        <Card>
          <Descriptions size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t('projects.members')}>{v.members || '—'}</Descriptions.Item>
            {s ? (
              <>
                <Descriptions.Item label={t('projects.places')}>
                  {s.places} / {v.candidates}
                </Descriptions.Item>
                <Descriptions.Item label={t('projects.form')}>
                  {t(`projects.form.${s.form}` as MessageKey)}
                </Descriptions.Item>
                <Descriptions.Item label={t('projects.tieRule')}>
                  {t(`projects.tie.${s.tieRule}` as MessageKey)}
                </Descriptions.Item>
                <Descriptions.Item label={t('projects.ceiling')}>
                  {s.budgetCeiling === null ? '—' : wan(s.budgetCeiling)}
                </Descriptions.Item>
              </>
            ) : null}
            <Descriptions.Item label={t('projects.basis')}>
              {t(`projects.basis.${(s ?? v.rating)!.threshold.basis}` as MessageKey)} &gt;{' '}
              {(s ?? v.rating)!.threshold.percent}%
            </Descriptions.Item>
          </Descriptions>
          {s?.form === 'rank' ? (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              {t('projects.rankMethod')}
            </Typography.Paragraph>
          ) : null}
          <Typography.Paragraph style={{ marginTop: 8 }}>
            {t('projects.candidates')}
            {t('common.colon')}
            {v.candidateList.map((c) => (
              <Tag key={c.projectId}>
                <Link to={`/projects/${c.projectId}`}>
                  {c.position}. {c.title}（{wan(c.cost)}）
                </Link>
              </Tag>
            ))}
          </Typography.Paragraph>
          {v.canManage ? (
            <Space wrap>
              {v.state === 'draft' && (
                <Button type="primary" onClick={() => step('open')} loading={write.isPending} data-testid="vote-open">
                  {t('projects.open')}
                </Button>
              )}
              {v.state === 'open' && (
                <Button onClick={() => step('close')} loading={write.isPending} data-testid="vote-close">
                  {t('projects.close')}
                </Button>
              )}
              {v.state === 'closed' && (
                <Button
                  type="primary"
                  onClick={() => step('publish')}
                  loading={write.isPending}
                  data-testid="vote-publish"
                >
                  {t('projects.publish')}
                </Button>
              )}
            </Space>
          ) : null}
        </Card>
        {v.state !== 'draft' ? (
          <Alert
            type="info"
            data-testid="vote-attendance"
            title={t('projects.attendance', {
              e: v.attendance.electronic,
              p: v.attendance.paperIssued,
              n: v.attendance.notVoted,
            })}
          />
        ) : null}
        {v.canManage && v.state === 'open' ? <Attendance vote={v} /> : null}
        {v.canManage && v.state === 'draft' ? <CommentPeriod vote={v} /> : null}
        {v.canManage &&
        v.paperMode === 'entries' &&
        ['open', 'closed'].includes(v.state) &&
        v.attendance.paperIssued > 0 ? (
          <PaperEntry vote={v} />
        ) : null}
        {v.canManage && v.paperMode === 'entries' && v.state === 'closed' && v.attendance.paperIssued > 0 ? (
          <Reconcile vote={v} />
        ) : null}
        {v.canManage && v.paperMode === 'totals' && v.state === 'closed' && v.attendance.paperIssued > 0 ? (
          <PaperTotalsCard vote={v} />
        ) : null}
        {v.result ? <ResultTable vote={v} /> : null}
      </Flex>
    </>
  );
}

/** Who voted and how (never what); paper ballots handed out from here. */
function Attendance({ vote }: { vote: VoteView }) {
  const t = useT();
  const voters = useVoters(vote.id, true);
  const write = useProjectWrite();
  const [picked, setPicked] = useState<number[]>([]);
  return (
    <Card
      title={t('projects.voters')}
      extra={
        <Button
          disabled={!picked.length}
          data-testid="paper-issue"
          onClick={async () => {
            await write.mutateAsync({
              method: 'POST',
              path: `/api/projects/votes/${vote.id}/paper/issue`,
              body: { deputyIds: picked },
            });
            setPicked([]);
          }}
        >
          {t('projects.issuePaper')}
        </Button>
      }
    >
      {write.error && <ErrorAlert error={write.error} />}
      <Table<Voter>
        rowKey="deputyId"
        size="small"
        loading={voters.isLoading}
        dataSource={voters.data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        rowSelection={{
          selectedRowKeys: picked,
          onChange: (keys) => setPicked(keys as number[]),
          getCheckboxProps: (r) => ({ disabled: r.voted !== null, 'aria-label': r.name }),
        }}
        columns={[
          { title: t('projects.deputy'), dataIndex: 'name' },
          {
            title: t('projects.state'),
            dataIndex: 'voted',
            render: (x: string | null) => t(`projects.voted.${x ?? 'none'}` as MessageKey),
          },
        ]}
      />
    </Card>
  );
}

/** One paper ballot at a time, typed in by two officers in turn. */
function PaperEntry({ vote }: { vote: VoteView }) {
  const t = useT();
  const { message } = App.useApp();
  const write = useProjectWrite<{ state: 'first' | 'confirmed' | 'conflict' }>();
  const [ballotNo, setBallotNo] = useState<number | null>(1);
  const [ballot, setBallot] = useState<Ballot>(emptyBallot);
  // A fresh ballot form for every paper ballot (nothing of the last one left marked).
  const [round, setRound] = useState(0);
  const reconciled = vote.paper.returned !== null;
  return (
    <Card title={t('projects.paper')}>
      <Typography.Paragraph data-testid="paper-state">
        {t('projects.paperState', {
          entered: vote.paper.entered,
          confirmed: vote.paper.confirmed,
          pending: vote.paper.pending.join('、') || '—',
        })}
      </Typography.Paragraph>
      {reconciled ? (
        <Alert
          type="success"
          title={t('projects.reconciled', { returned: vote.paper.returned!, spoiled: vote.paper.spoiled! })}
        />
      ) : (
        <>
          {write.error && <ErrorAlert error={write.error} />}
          <Space style={{ marginBottom: 8 }}>
            {t('projects.ballotNo')}
            <InputNumber
              aria-label={t('projects.ballotNo')}
              min={1}
              value={ballotNo}
              onChange={setBallotNo}
              data-testid="paper-no"
            />
          </Space>
          <BallotMarks key={round} vote={vote} ballot={ballot} onChange={setBallot} />
          <Button
            type="primary"
            style={{ marginTop: 8 }}
            data-testid="paper-enter"
            disabled={!ballotNo}
            loading={write.isPending}
            onClick={async () => {
              const r = await write.mutateAsync({
                method: 'POST',
                path: `/api/projects/votes/${vote.id}/paper/entries`,
                body: { ballotNo, choices: choicesOf(vote, ballot) },
              });
              const text = t(`projects.entry.${r.state}` as MessageKey, { n: ballotNo! });
              if (r.state === 'conflict') void message.error(text);
              else void message.success(text);
              setBallot(emptyBallot);
              setRound((n) => n + 1);
              if (r.state === 'confirmed') setBallotNo((ballotNo ?? 0) + 1);
            }}
          >
            {t('projects.enter')}
          </Button>
        </>
      )}
    </Card>
  );
}

/** Issued = returned + spoiled; the server refuses any mismatch. */
function Reconcile({ vote }: { vote: VoteView }) {
  const t = useT();
  const write = useProjectWrite();
  if (vote.paper.returned !== null) return null;
  return (
    <Card title={t('projects.reconcile')}>
      {write.error && <ErrorAlert error={write.error} />}
      <Form
        layout="inline"
        initialValues={{ issued: vote.attendance.paperIssued, returned: vote.paper.confirmed, spoiled: 0 }}
        onFinish={(body) =>
          write.mutate({ method: 'POST', path: `/api/projects/votes/${vote.id}/paper/reconcile`, body })
        }
      >
        <Form.Item name="issued" label={t('projects.issued')}>
          <InputNumber min={0} />
        </Form.Item>
        <Form.Item name="returned" label={t('projects.returned')}>
          <InputNumber min={0} />
        </Form.Item>
        <Form.Item name="spoiled" label={t('projects.spoiled')}>
          <InputNumber min={0} data-testid="paper-spoiled" />
        </Form.Item>
        <Button htmlType="submit" type="primary" data-testid="paper-reconcile">
          {t('projects.reconcile')}
        </Button>
      </Form>
    </Card>
  );
}
