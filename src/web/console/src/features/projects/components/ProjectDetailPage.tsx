import { ArrowLeftOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Image,
  Input,
  InputNumber,
  List,
  Modal,
  Progress,
  Radio,
  Select,
  Space,
  Spin,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { applyFieldErrors } from '../../../app/form-errors.js';
import { formatDateTime, useT, type MessageKey } from '../../../app/i18n.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { usePrefs } from '../../../app/prefs.js';
import { OrgTreeSelect } from '../../orgs/components/OrgTreeSelect.js';
import { useProject, useProjectWrite, wan, type ProjectView } from '../api.js';
import { PhotoPicker } from './PhotoPicker.js';
import { StateTag } from './ProjectsPage.js';
import { Supervision } from './Supervision.js';
import { chinaDay } from '../../../../../../contracts/calendar.js';

const checks = ['feasibility', 'necessity', 'fiscal', 'legality'] as const;

/** One project: facts and source, screening, plan and milestones, decisions with notices, progress with photos. */
export function ProjectDetailPage() {
  const t = useT();
  const id = Number(useParams().id);
  const project = useProject(id);
  if (project.error) return <ErrorAlert error={project.error} />;
  if (!project.data) return <Spin />;
  const p = project.data;
  return (
    <>
      <PageTitle
        extra={
          <Link to="/projects">
            <ArrowLeftOutlined /> {t('projects.back')}
          </Link>
        }
      >
        {p.title} <StateTag state={p.state} />
      </PageTitle>
      <Flex vertical gap={16}>
        <Facts p={p} />
        {p.canManage && ['reserve', 'shortlisted', 'excluded'].includes(p.state) ? <Screening p={p} /> : null}
        {!p.canManage && p.exclusionReason ? (
          <Alert type="warning" showIcon title={t('projects.exclusionReason')} description={p.exclusionReason} />
        ) : null}
        {['chosen', 'inProgress', 'paused', 'done', 'terminated'].includes(p.state) ? <Plan p={p} /> : null}
        {['chosen', 'inProgress', 'paused', 'done'].includes(p.state) ? <Supervision p={p} /> : null}
        {p.planPublishedAt ? <Decisions p={p} /> : null}
        {p.planPublishedAt ? <Reports p={p} /> : null}
      </Flex>
    </>
  );
}

function Facts({ p }: { p: ProjectView }) {
  const t = useT();
  return (
    <Card>
      <Descriptions column={{ xs: 1, md: 2 }} size="small">
        <Descriptions.Item label={t('projects.year')}>{p.year}</Descriptions.Item>
        <Descriptions.Item label={t('projects.cost')}>{wan(p.cost)}</Descriptions.Item>
        <Descriptions.Item label={t('projects.funding')}>{p.fundingSource}</Descriptions.Item>
        <Descriptions.Item label={t('projects.unit')}>{p.unitName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('projects.location')}>{p.location}</Descriptions.Item>
        <Descriptions.Item label={t('projects.completion')}>{p.expectedCompletion}</Descriptions.Item>
        <Descriptions.Item label={t('projects.source')}>
          {t(`projects.source.${p.source}` as MessageKey)}
          {p.sourceOpinion ? (
            <Typography.Text type="secondary" data-testid="project-source">
              {' '}
              {t('projects.fromOpinion', { code: p.sourceOpinion.receiptCode, excerpt: p.sourceOpinion.excerpt })}
            </Typography.Text>
          ) : null}
          {p.sourceSuggestion ? (
            <Link to={`/suggestions/${p.sourceSuggestion.id}`} data-testid="project-source">
              {' '}
              {t('projects.fromSuggestion', { id: p.sourceSuggestion.id, title: p.sourceSuggestion.title })}
            </Link>
          ) : null}
        </Descriptions.Item>
        {p.rating ? (
          <Descriptions.Item label={t('projects.rating')}>
            {t(`projects.rating.${p.rating}` as MessageKey)}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      {p.description ? <Typography.Paragraph style={{ marginTop: 8 }}>{p.description}</Typography.Paragraph> : null}
    </Card>
  );
}

type CheckValues = Record<(typeof checks)[number], { ok: boolean; note: string }>;

function Screening({ p }: { p: ProjectView }) {
  const t = useT();
  const write = useProjectWrite();
  const [form] = Form.useForm<CheckValues & { shortlist: boolean; exclusionReason?: string }>();
  const shortlist = Form.useWatch('shortlist', form);
  const initial = Object.fromEntries(checks.map((c) => [c, p.screening?.[c] ?? { ok: true, note: '' }]));
  return (
    <Card title={t('projects.screening')}>
      {write.error && <ErrorAlert error={write.error} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ ...initial, shortlist: p.state !== 'excluded', exclusionReason: p.exclusionReason ?? '' }}
        onFinish={async (v) => {
          try {
            await write.mutateAsync({ method: 'POST', path: `/api/projects/${p.id}/screening`, body: v });
          } catch (e) {
            applyFieldErrors(form, e, ['exclusionReason']);
          }
        }}
      >
        {checks.map((c) => (
          <Flex key={c} wrap gap={12} align="start">
            <Form.Item
              name={[c, 'ok']}
              valuePropName="checked"
              label={t(`projects.check.${c}` as MessageKey)}
              style={{ minWidth: 120 }}
            >
              <Checkbox data-testid={`check-${c}`}>{t('projects.checkPass')}</Checkbox>
            </Form.Item>
            <Form.Item name={[c, 'note']} label={t('projects.checkNote')}>
              <Input style={{ minWidth: 240 }} maxLength={500} />
            </Form.Item>
          </Flex>
        ))}
        <Form.Item name="shortlist">
          <Radio.Group
            options={[
              { value: true, label: t('projects.shortlist') },
              { value: false, label: t('projects.exclude') },
            ]}
          />
        </Form.Item>
        {shortlist === false ? (
          <Form.Item name="exclusionReason" label={t('projects.exclusionReason')} rules={[{ required: true }]}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        ) : null}
        <Button type="primary" htmlType="submit" loading={write.isPending} data-testid="screening-save">
          {t('projects.save')}
        </Button>
      </Form>
    </Card>
  );
}

interface PlanValues {
  targets: string;
  unitId: number;
  costWan: number;
  completion: Dayjs;
  supervisionLeader: string;
  milestones: { title: string; due: Dayjs }[];
}

function Plan({ p }: { p: ProjectView }) {
  const t = useT();
  const { lang } = usePrefs();
  const write = useProjectWrite();
  const [form] = Form.useForm<PlanValues>();
  const editable = p.canManage && p.state === 'chosen' && !p.planPublishedAt;
  return (
    <Card title={t('projects.plan')}>
      {write.error && <ErrorAlert error={write.error} />}
      {p.planPublishedAt ? (
        <Alert
          type="info"
          showIcon
          title={t('projects.planPublished', { at: formatDateTime(p.planPublishedAt, lang) })}
        />
      ) : null}
      {p.targets ? (
        <Descriptions column={1} size="small" style={{ marginTop: 8 }}>
          <Descriptions.Item label={t('projects.targets')}>{p.targets}</Descriptions.Item>
          <Descriptions.Item label={t('projects.leader')}>{p.supervisionLeader}</Descriptions.Item>
        </Descriptions>
      ) : null}
      {p.milestones.length ? (
        <List
          size="small"
          header={t('projects.milestones')}
          dataSource={p.milestones}
          renderItem={(m) => (
            <List.Item
              actions={
                (p.canManage || p.canReport) && !m.doneOn && p.state === 'inProgress'
                  ? [
                      <Button
                        key="done"
                        size="small"
                        onClick={() =>
                          write.mutate({
                            method: 'PUT',
                            path: `/api/projects/${p.id}/milestones/${m.id}`,
                            body: { doneOn: chinaDay() },
                          })
                        }
                      >
                        {t('projects.markDone')}
                      </Button>,
                    ]
                  : []
              }
            >
              {m.title} · {m.dueOn}
              {m.doneOn ? ` ✓ ${m.doneOn}` : ''}
            </List.Item>
          )}
        />
      ) : null}
      {editable ? (
        <Form<PlanValues>
          form={form}
          layout="vertical"
          initialValues={{ costWan: p.cost / 10000, unitId: p.unitId ?? undefined, milestones: [{ title: '' }] }}
          onFinish={async (v) => {
            try {
              await write.mutateAsync({
                method: 'PUT',
                path: `/api/projects/${p.id}/plan`,
                body: {
                  targets: v.targets,
                  unitId: v.unitId,
                  cost: Math.round(v.costWan * 10000),
                  expectedCompletion: v.completion.format('YYYY-MM-DD'),
                  supervisionLeader: v.supervisionLeader,
                  milestones: v.milestones.map((m) => ({ title: m.title, dueOn: m.due.format('YYYY-MM-DD') })),
                },
              });
            } catch (e) {
              applyFieldErrors(form, e, ['targets', 'unitId', 'supervisionLeader']);
            }
          }}
        >
          <Form.Item name="targets" label={t('projects.targets')} rules={[{ required: true }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="unitId" label={t('projects.unit')} rules={[{ required: true }]}>
              <OrgTreeSelect style={{ minWidth: 220 }} />
            </Form.Item>
            <Form.Item name="costWan" label={t('projects.cost')} rules={[{ required: true }]}>
              <InputNumber min={0.01} />
            </Form.Item>
            <Form.Item name="completion" label={t('projects.completion')} rules={[{ required: true }]}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="supervisionLeader" label={t('projects.leader')} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
          </Space>
          <Form.List name="milestones">
            {(fields, { add }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} wrap>
                    <Form.Item name={[f.name, 'title']} label={t('projects.milestone')} rules={[{ required: true }]}>
                      <Input />
                    </Form.Item>
                    <Form.Item name={[f.name, 'due']} label={t('projects.due')} rules={[{ required: true }]}>
                      <DatePicker />
                    </Form.Item>
                  </Space>
                ))}
                <Button onClick={() => add({ title: '' })} style={{ marginBottom: 12 }}>
                  {t('projects.addMilestone')}
                </Button>
              </>
            )}
          </Form.List>
          <Space>
            <Button htmlType="submit" loading={write.isPending} data-testid="plan-save">
              {t('projects.save')}
            </Button>
            {p.targets ? (
              <Button
                type="primary"
                data-testid="plan-publish"
                onClick={() => write.mutate({ method: 'POST', path: `/api/projects/${p.id}/plan/publish` })}
              >
                {t('projects.publishPlan')}
              </Button>
            ) : null}
          </Space>
        </Form>
      ) : null}
    </Card>
  );
}

interface DecisionValues {
  kind: 'change' | 'pause' | 'resume' | 'terminate';
  reference: string;
  decided: Dayjs;
  reason: string;
  notice: string;
  costWan?: number;
  completion?: Dayjs;
}

function Decisions({ p }: { p: ProjectView }) {
  const t = useT();
  const write = useProjectWrite();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<DecisionValues>();
  const kind = Form.useWatch('kind', form);
  return (
    <Card
      title={t('projects.decisions')}
      extra={
        p.canManage && ['inProgress', 'paused'].includes(p.state) ? (
          <Button onClick={() => setOpen(true)}>{t('projects.newDecision')}</Button>
        ) : null
      }
    >
      <List
        size="small"
        dataSource={p.decisions}
        locale={{ emptyText: '—' }}
        renderItem={(d) => (
          <List.Item>
            <List.Item.Meta
              title={`${t(`projects.decision.${d.kind}` as MessageKey)} · ${d.reference} · ${d.decidedOn}`}
              description={`${d.notice}（${d.reason}）`}
            />
          </List.Item>
        )}
      />
      <Modal
        open={open}
        title={t('projects.newDecision')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={write.isPending}
        destroyOnHidden
      >
        {write.error && <ErrorAlert error={write.error} />}
        <Form<DecisionValues>
          form={form}
          layout="vertical"
          initialValues={{ kind: 'change' }}
          onFinish={async (v) => {
            try {
              await write.mutateAsync({
                method: 'POST',
                path: `/api/projects/${p.id}/decisions`,
                body: {
                  kind: v.kind,
                  reference: v.reference,
                  decidedOn: v.decided.format('YYYY-MM-DD'),
                  reason: v.reason,
                  notice: v.notice,
                  changes:
                    v.kind === 'change'
                      ? {
                          ...(v.costWan ? { cost: Math.round(v.costWan * 10000) } : {}),
                          ...(v.completion ? { expectedCompletion: v.completion.format('YYYY-MM-DD') } : {}),
                        }
                      : {},
                },
              });
              setOpen(false);
            } catch (e) {
              applyFieldErrors(form, e, ['reference', 'reason', 'notice']);
            }
          }}
        >
          <Form.Item name="kind" label={t('projects.newDecision')}>
            <Select
              options={(['change', 'pause', 'resume', 'terminate'] as const).map((k) => ({
                value: k,
                label: t(`projects.decision.${k}` as MessageKey),
              }))}
            />
          </Form.Item>
          <Form.Item name="reference" label={t('projects.reference')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="decided" label={t('projects.decidedOn')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="reason" label={t('projects.reason')} rules={[{ required: true }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="notice" label={t('projects.notice')} rules={[{ required: true }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          {kind === 'change' ? (
            <Space wrap>
              <Form.Item name="costWan" label={t('projects.newCost')}>
                <InputNumber min={0.01} />
              </Form.Item>
              <Form.Item name="completion" label={t('projects.newCompletion')}>
                <DatePicker />
              </Form.Item>
            </Space>
          ) : null}
        </Form>
      </Modal>
    </Card>
  );
}

function Reports({ p }: { p: ProjectView }) {
  const t = useT();
  const { lang } = usePrefs();
  const { message } = App.useApp();
  const write = useProjectWrite<{ reportId: number }>();
  const [form] = Form.useForm<{ percent: number; note: string }>();
  const [photo, setPhoto] = useState<File | null>(null);
  return (
    <Card title={t('projects.reports')}>
      <Progress percent={p.progress} />
      {p.canReport ? (
        <Form
          form={form}
          layout="vertical"
          onFinish={async (v) => {
            try {
              const { reportId } = await write.mutateAsync({
                method: 'POST',
                path: `/api/projects/${p.id}/progress`,
                body: v,
              });
              if (photo) {
                const data = new FormData();
                data.append('file', photo);
                await write.mutateAsync({
                  method: 'POST',
                  path: `/api/projects/${p.id}/progress/${reportId}/photo`,
                  body: data,
                });
              }
              form.resetFields();
              setPhoto(null);
              void message.success(t('projects.saved'));
            } catch (e) {
              applyFieldErrors(form, e, ['percent', 'note']);
            }
          }}
        >
          {write.error && <ErrorAlert error={write.error} />}
          <Space wrap align="start">
            <Form.Item name="percent" label={t('projects.percent')} rules={[{ required: true }]}>
              <InputNumber min={0} max={100} addonAfter="%" />
            </Form.Item>
            <Form.Item name="note" label={t('projects.note')} rules={[{ required: true }]}>
              <Input.TextArea rows={2} style={{ minWidth: 260 }} />
            </Form.Item>
            <Form.Item label={t('projects.photo')}>
              <PhotoPicker photo={photo} onChange={setPhoto} testId="progress-photo" />
            </Form.Item>
          </Space>
          <Button type="primary" htmlType="submit" loading={write.isPending} data-testid="progress-submit">
            {t('projects.report')}
          </Button>
        </Form>
      ) : null}
      <List
        size="small"
        dataSource={p.reports}
        renderItem={(r) => (
          <List.Item
            extra={
              r.hasPhoto ? (
                <Image
                  width={96}
                  src={`/api/projects/${p.id}/progress/${r.id}/photo`}
                  alt={r.note}
                  data-testid="progress-image"
                />
              ) : null
            }
          >
            <List.Item.Meta title={`${r.percent}% · ${formatDateTime(r.createdAt, lang)}`} description={r.note} />
          </List.Item>
        )}
      />
    </Card>
  );
}
