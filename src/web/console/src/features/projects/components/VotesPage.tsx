import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, InputNumber, Modal, Radio, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { applyFieldErrors } from '../../../app/form-errors.js';
import { useT, type MessageKey } from '../../../app/i18n.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { useProjects, useProjectWrite, useVotes, wan, type VoteSummaryRow, type VoteView } from '../api.js';
import { chinaYear } from '../../../../../../contracts/calendar.js';

interface VoteValues {
  name: string;
  year: number;
  candidateIds: number[];
  places: number;
  form: 'approve' | 'choose' | 'rank';
  basis: 'present' | 'members';
  percent: number;
  tieRule: 'lowerCost' | 'revote';
  ceilingWan?: number;
  paperMode: 'entries' | 'totals';
}

/** The committee's votes and ratings: the list, and a new one with its rule set and candidates. */
export function VotesPage() {
  const t = useT();
  const navigate = useNavigate();
  const votes = useVotes();
  const [kind, setKind] = useState<'selection' | 'rating' | null>(null);
  const projects = useProjects({});
  const write = useProjectWrite<VoteView>();
  const [form] = Form.useForm<VoteValues>();
  const ballotForm = Form.useWatch('form', form);
  const eligible = (projects.data ?? []).filter((p) =>
    kind === 'selection'
      ? p.state === 'shortlisted'
      : ['chosen', 'inProgress', 'paused', 'done', 'terminated'].includes(p.state),
  );

  const submit = async (v: VoteValues) => {
    try {
      const threshold = { basis: v.basis, percent: v.percent };
      const created = await write.mutateAsync({
        method: 'POST',
        path: '/api/projects/votes',
        body: {
          kind,
          name: v.name,
          year: v.year,
          candidateIds: v.candidateIds,
          paperMode: v.paperMode,
          ...(kind === 'selection'
            ? {
                selection: {
                  places: v.places,
                  form: v.form,
                  threshold,
                  tieRule: v.tieRule,
                  budgetCeiling: v.ceilingWan ? Math.round(v.ceilingWan * 10000) : null,
                },
              }
            : { rating: { threshold } }),
        },
      });
      setKind(null);
      void navigate(`/projects/votes/${created.id}`);
    } catch (e) {
      applyFieldErrors(form, e, ['name', 'candidateIds', 'paperMode']);
    }
  };

  return (
    <>
      <PageTitle
        extra={
          <>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setKind('selection')} data-testid="vote-new">
              {t('projects.newVote')}
            </Button>
            <Button icon={<PlusOutlined />} onClick={() => setKind('rating')} data-testid="rating-new">
              {t('projects.newRating')}
            </Button>
          </>
        }
      >
        {t('projects.votes')}
      </PageTitle>
      <Card>
        {votes.error && <ErrorAlert error={votes.error} />}
        <Table<VoteSummaryRow>
          rowKey="id"
          loading={votes.isLoading}
          dataSource={votes.data ?? []}
          pagination={false}
          scroll={{ x: true }}
          columns={[
            { title: t('projects.year'), dataIndex: 'year', width: 70 },
            {
              title: t('projects.voteName'),
              dataIndex: 'name',
              render: (name: string, r) => <Link to={`/projects/votes/${r.id}`}>{name}</Link>,
            },
            { title: '', dataIndex: 'kind', render: (k: string) => t(`projects.kind.${k}` as MessageKey) },
            { title: t('projects.candidates'), dataIndex: 'candidates', width: 90 },
            {
              title: t('projects.state'),
              dataIndex: 'state',
              render: (s: string) => <Tag>{t(`projects.voteState.${s}` as MessageKey)}</Tag>,
            },
          ]}
        />
      </Card>
      <Modal
        open={kind !== null}
        title={kind === 'rating' ? t('projects.newRating') : t('projects.newVote')}
        onCancel={() => setKind(null)}
        onOk={() => form.submit()}
        confirmLoading={write.isPending}
        destroyOnHidden
        width={640}
      >
        {write.error && <ErrorAlert error={write.error} />}
        <Form<VoteValues>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{
            year: chinaYear() + 1,
            places: 10,
            form: 'approve',
            basis: kind === 'rating' ? 'members' : 'present',
            percent: 50,
            tieRule: 'lowerCost',
            paperMode: 'entries',
            candidateIds: [],
          }}
        >
          <Space wrap>
            <Form.Item name="name" label={t('projects.voteName')} rules={[{ required: true }]}>
              <Input style={{ minWidth: 280 }} />
            </Form.Item>
            <Form.Item name="year" label={t('projects.year')} rules={[{ required: true }]}>
              <InputNumber min={2000} max={2100} />
            </Form.Item>
          </Space>
          <Form.Item name="candidateIds" label={t('projects.candidates')} rules={[{ required: true }]}>
            <Select
              mode="multiple"
              data-testid="vote-candidates"
              options={eligible.map((p) => ({ value: p.id, label: `${p.title}（${wan(p.cost)}）` }))}
            />
          </Form.Item>
          {kind === 'selection' ? (
            <>
              <Space wrap>
                <Form.Item name="places" label={t('projects.places')} rules={[{ required: true }]}>
                  <InputNumber min={1} max={100} />
                </Form.Item>
                <Form.Item name="ceilingWan" label={t('projects.ceiling')}>
                  <InputNumber min={0.01} />
                </Form.Item>
              </Space>
              <Form.Item name="form" label={t('projects.form')}>
                <Radio.Group
                  data-testid="vote-form"
                  options={(['approve', 'choose', 'rank'] as const).map((f) => ({
                    value: f,
                    label: t(`projects.form.${f}` as MessageKey),
                  }))}
                />
              </Form.Item>
              <Form.Item name="tieRule" label={t('projects.tieRule')}>
                <Radio.Group
                  options={(['lowerCost', 'revote'] as const).map((f) => ({
                    value: f,
                    label: t(`projects.tie.${f}` as MessageKey),
                  }))}
                />
              </Form.Item>
            </>
          ) : null}
          <Space wrap>
            <Form.Item name="basis" label={t('projects.basis')}>
              <Select
                style={{ minWidth: 180 }}
                options={(['present', 'members'] as const).map((b) => ({
                  value: b,
                  label: t(`projects.basis.${b}` as MessageKey),
                }))}
              />
            </Form.Item>
            <Form.Item name="percent" label={t('projects.percentOver')}>
              <InputNumber min={0} max={99} />
            </Form.Item>
          </Space>
          <Form.Item name="paperMode" label={t('projects.paperMode')}>
            <Radio.Group
              data-testid="vote-paper-mode"
              options={(['entries', 'totals'] as const).map((m) => ({
                value: m,
                label: t(`projects.paperMode.${m}` as MessageKey),
                // A paper rank ballot is typed in one by one (its places cannot be summed by mark).
                disabled: m === 'totals' && kind === 'selection' && ballotForm === 'rank',
              }))}
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
