import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Progress, Select, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useDateFormat, useT } from '../../../app/i18n.js';
import { useLatestVerifyRun, useStartVerifyRun } from '../api.js';

/** How far back a check reads: the whole trail, or the rows written in the last days. */
const RANGES = ['all', '1', '7', '30'] as const;
type Range = (typeof RANGES)[number];

/**
 * "Verify chain": recomputes the trail's HMAC chain and says whether it is intact, or where it
 * breaks. The whole trail takes minutes at a province's size (about 80,000 rows a second), so the
 * check runs on the server in the background, its progress shown here (also to an auditor who
 * opens the page later); and the auditor may check only the last days: from the witness line noted
 * before then.
 */
export function VerifyChain() {
  const t = useT();
  const { dateTime } = useDateFormat();
  const [range, setRange] = useState<Range>('all');
  const known = ['link', 'hash', 'truncated', 'witness'];
  const reasonText = (reason?: string) =>
    reason && known.includes(reason) ? t(`audit.reason.${reason}` as 'audit.reason.link') : (reason ?? '');
  const latest = useLatestVerifyRun();
  const start = useStartVerifyRun();
  const run = latest.data?.run ?? null;
  const running = run?.status === 'running';
  const result = run?.status === 'done' ? run.result : null;
  const since = () => (range === 'all' ? null : new Date(Date.now() - Number(range) * 86_400_000).toISOString());
  const total = Math.max(run?.expectedRows ?? 0, run?.rows ?? 0);
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap align="center">
        <Select
          value={range}
          onChange={setRange}
          style={{ minWidth: 180 }}
          aria-label={t('audit.verifyRange')}
          data-testid="audit-verify-range"
          options={RANGES.map((r) => ({ value: r, label: t(`audit.verifyRange.${r}` as 'audit.verifyRange.all') }))}
        />
        <Button
          icon={<SafetyCertificateOutlined />}
          onClick={() => start.mutate(since())}
          loading={start.isPending || running}
          data-testid="audit-verify"
        >
          {t('audit.verify')}
        </Button>
      </Flex>
      <Typography.Text type="secondary">{t('audit.verifyHint')}</Typography.Text>
      {start.isError ? <ErrorAlert error={start.error} /> : null}
      {latest.isError ? <ErrorAlert error={latest.error} /> : null}
      {run && running ? (
        <div role="status" data-testid="audit-verify-progress">
          <Progress percent={total ? Math.min(99, Math.floor((100 * run.rows) / total)) : 0} status="active" />
          <Typography.Text>
            {run.since
              ? t('audit.verifyRunningSince', {
                  at: dateTime(run.since),
                  n: run.rows.toLocaleString(),
                  total: total.toLocaleString(),
                })
              : t('audit.verifyRunning', { n: run.rows.toLocaleString(), total: total.toLocaleString() })}
          </Typography.Text>
        </div>
      ) : null}
      {run && !running ? (
        <div role="status" data-testid="audit-verify-result">
          {result ? (
            result.ok ? (
              <Alert
                type="success"
                showIcon
                title={
                  result.since
                    ? t('audit.verifyOkSince', { n: result.rows.toLocaleString(), at: dateTime(result.since.at) })
                    : t('audit.verifyOk', { n: result.rows.toLocaleString() })
                }
              />
            ) : (
              <Alert
                type="error"
                showIcon
                title={
                  result.brokenAt !== undefined
                    ? t('audit.verifyBroken', { row: result.brokenAt, reason: reasonText(result.reason) })
                    : t('audit.verifyBrokenNoRow', { reason: reasonText(result.reason) })
                }
              />
            )
          ) : run.status === 'interrupted' ? (
            <Alert type="warning" showIcon title={t('audit.verifyInterrupted')} />
          ) : (
            <Alert type="error" showIcon title={t('audit.verifyFailed', { error: run.error ?? '' })} />
          )}
        </div>
      ) : null}
      {run ? (
        <Typography.Text type="secondary" data-testid="audit-verify-by">
          {t('audit.verifyRunBy', { name: run.requestedBy, at: dateTime(run.startedAt) })}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}
