import {
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Flex,
  Input,
  InputNumber,
  Space,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { ResponsiveTable } from '../../../app/ResponsiveTable.js';
import { useState } from 'react';
import { Link } from 'react-router';
import type { PlanView, ReceptionSummary } from '../../../app/contracts.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { errorMessage } from '../../../app/form-errors.js';
import { useDateFormat, useT } from '../../../app/i18n.js';
import { useCan } from '../../../app/session.js';
import { draftSummary, useGeneratePlan, usePlan, usePlanStep, useSavePlan } from '../api.js';
import { useStationChoice } from './use-station-choice.js';
import { ModeTag, StatusTag } from './ReceptionTags.js';
import { chinaDay, chinaYear } from '../../../../../../contracts/calendar.js';

const planColor: Record<PlanView['status'], string> = { draft: 'default', submitted: 'orange', approved: 'green' };

/** The station's annual plan (年度活动计划): generate from the rule with the rota, submit, approve; the year-end summary. */
export function PlanPanel() {
  const t = useT();
  const when = useDateFormat();
  const can = useCan();
  const { message } = AntApp.useApp();
  const { stationId, select } = useStationChoice();
  const [year, setYear] = useState(chinaYear() + (Number(chinaDay().slice(5, 7)) >= 11 ? 1 : 0));
  const [per, setPer] = useState(2);
  const [summary, setSummary] = useState<string | null>(null);
  const plan = usePlan(stationId, year);
  const generate = useGeneratePlan();
  const step = usePlanStep();
  const save = useSavePlan();
  const p = plan.data?.plan ?? null;
  const fail = (e: unknown) => message.error(errorMessage(e, t));
  // The plan is every reception of the station in the year: the count is the rows below less the cancelled ones.
  const cancelled = p?.receptions.filter((r) => r.status === 'cancelled').length ?? 0;

  return (
    <Card>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        {select}
        <InputNumber
          aria-label={t('receptions.plan.year')}
          value={year}
          min={2000}
          max={2100}
          onChange={(v) => v && setYear(v)}
          addonBefore={t('receptions.plan.year')}
          data-testid="plan-year"
        />
        {can('reception.manage') && p?.status !== 'approved' ? (
          <>
            <InputNumber
              aria-label={t('receptions.plan.per')}
              value={per}
              min={1}
              max={10}
              onChange={(v) => v && setPer(v)}
              addonBefore={t('receptions.plan.per')}
            />
            <Button
              type="primary"
              loading={generate.isPending}
              disabled={!stationId}
              data-testid="plan-generate"
              onClick={() =>
                generate.mutate(
                  { stationId: stationId!, year, perReception: per },
                  { onSuccess: () => message.success(t('receptions.plan.generated')), onError: fail },
                )
              }
            >
              {p ? t('receptions.plan.regenerate') : t('receptions.plan.generate')}
            </Button>
          </>
        ) : null}
      </Flex>
      {plan.isError ? <ErrorAlert error={plan.error} /> : null}
      {!p && plan.data?.arranged.length ? (
        <>
          <Typography.Paragraph data-testid="plan-arranged">
            {t('receptions.plan.noneButArranged', { n: plan.data.arranged.length })}
          </Typography.Paragraph>
          <PlanTable receptions={plan.data.arranged} planId={null} />
        </>
      ) : !p ? (
        <Typography.Text type="secondary">{t('receptions.plan.none')}</Typography.Text>
      ) : (
        <>
          <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('receptions.col.status')}>
              <Tag color={planColor[p.status]} data-testid="plan-status">
                {t(`receptions.plan.status.${p.status}`)}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('receptions.plan.count')}>
              <span data-testid="plan-count">{p.receptions.filter((r) => r.status !== 'cancelled').length}</span>
              {cancelled ? t('receptions.plan.cancelledToo', { n: cancelled }) : null}
            </Descriptions.Item>
            <Descriptions.Item label={t('receptions.plan.approvedBy')}>
              {p.approvedBy ? `${p.approvedBy} ${when.date(p.approvedAt!)}` : '—'}
            </Descriptions.Item>
          </Descriptions>
          <Space wrap style={{ marginBottom: 12 }}>
            {can('reception.manage') && p.status === 'draft' ? (
              <Button
                onClick={() => step.mutate({ id: p.id, step: 'submit' }, { onError: fail })}
                data-testid="plan-submit"
              >
                {t('receptions.plan.submit')}
              </Button>
            ) : null}
            {can('reception.approve') && p.status !== 'approved' ? (
              <Button
                type="primary"
                onClick={() => step.mutate({ id: p.id, step: 'approve' }, { onError: fail })}
                data-testid="plan-approve"
              >
                {t('receptions.plan.approve')}
              </Button>
            ) : null}
            {can('reception.approve') && p.status !== 'draft' ? (
              <Button onClick={() => step.mutate({ id: p.id, step: 'reopen' }, { onError: fail })}>
                {t('receptions.plan.reopen')}
              </Button>
            ) : null}
          </Space>
          <Typography.Title level={5}>{t('receptions.plan.rota')}</Typography.Title>
          <Flex gap={8} wrap style={{ marginBottom: 12 }} data-testid="duty-counts">
            {p.dutyCounts.map((c) => (
              <Tag key={c.deputyId}>{t('receptions.plan.turns', { name: c.name, n: c.count })}</Tag>
            ))}
          </Flex>
          <PlanTable receptions={p.receptions} planId={p.id} />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('receptions.plan.summary')}
          </Typography.Title>
          <Input.TextArea
            rows={6}
            maxLength={10000}
            value={summary ?? p.summary ?? ''}
            onChange={(e) => setSummary(e.target.value)}
            aria-label={t('receptions.plan.summary')}
          />
          {can('reception.manage') ? (
            <Space style={{ marginTop: 8 }}>
              <Button onClick={() => void draftSummary(p.id).then((d) => setSummary(d.summary), fail)}>
                {t('receptions.plan.draft')}
              </Button>
              <Button
                type="primary"
                loading={save.isPending}
                onClick={() =>
                  save.mutate(
                    { id: p.id, summary: summary ?? p.summary },
                    { onSuccess: () => message.success(t('receptions.saved')), onError: fail },
                  )
                }
              >
                {t('receptions.plan.saveSummary')}
              </Button>
            </Space>
          ) : null}
        </>
      )}
    </Card>
  );
}

/** A year's receptions; with a plan, those arranged outside it are tagged 单独安排. */
function PlanTable({ receptions, planId }: { receptions: ReceptionSummary[]; planId: number | null }) {
  const t = useT();
  return (
    <ResponsiveTable
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={receptions}
      data-testid="plan-receptions"
      columns={[
        {
          key: 'day',
          title: t('receptions.field.day'),
          render: (_, r) => (
            <Space size={4}>
              <Link to={`/receptions/${r.id}`}>{r.day}</Link>
              {planId !== null && r.planId !== planId ? (
                <Tooltip title={t('receptions.plan.outsideHint')}>
                  <Tag data-testid="plan-outside">{t('receptions.plan.outside')}</Tag>
                </Tooltip>
              ) : null}
            </Space>
          ),
        },
        { key: 'time', title: t('receptions.field.time'), render: (_, r) => `${r.start}–${r.end}` },
        { key: 'mode', title: t('receptions.col.mode'), render: (_, r) => <ModeTag mode={r.mode} /> },
        { key: 'duty', title: t('receptions.col.duty'), render: (_, r) => r.duty.map((d) => d.name).join('、') },
        { key: 'notice', title: t('receptions.col.notice'), dataIndex: 'publishOn' },
        { key: 'status', title: t('receptions.col.status'), render: (_, r) => <StatusTag status={r.status} /> },
      ]}
    />
  );
}
