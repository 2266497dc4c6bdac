import { Alert, Card, Flex, List, Skeleton, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { StatCompliance } from '../../../../../../contracts/statistics.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT, type MessageKey } from '../../../app/i18n.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { useCompliance } from '../api.js';
import { percent } from '../format.js';
import { BackToStatistics, PeriodButtons, usePeriodSearch } from './PeriodSearch.js';

type Breach = StatCompliance['rules'][number]['breaches'][number];

/** Where a breach is looked at. */
function hrefOf(b: Breach): string {
  switch (b.kind) {
    case 'opinion':
      return `/opinions/${b.id}`;
    case 'suggestion':
      return `/suggestions/${b.id}`;
    case 'station':
      return `/stations/${b.id}`;
    case 'deputy':
      return `/deputies?q=${encodeURIComponent(b.name)}`;
    default:
      return '/groups';
  }
}

/** /console/statistics/compliance: every rule of the documents for the district, a street or a station, with who falls short. */
export function CompliancePage() {
  const t = useT();
  const { preset, orgId, params, set } = usePeriodSearch();
  const q = useCompliance(params);
  const c = q.data;
  return (
    <>
      <PageTitle extra={<BackToStatistics orgId={orgId} />}>{t('statistics.compliance.title')}</PageTitle>
      <Flex vertical gap={12}>
        <Flex wrap gap={12} align="center">
          <PeriodButtons preset={preset} onChange={(v) => set('period', v)} />
          {c ? (
            <Typography.Text type="secondary" data-testid="compliance-scope">
              {t('statistics.scope', { name: c.scope.name })} ·{' '}
              {t('statistics.period.range', { from: c.period.from, to: c.period.to })}
            </Typography.Text>
          ) : null}
        </Flex>
        {q.error ? <ErrorAlert error={q.error} /> : null}
        {!c ? <Skeleton active /> : null}
        {c?.rules
          .filter((r) => r.checked)
          .map((r) => (
            <Card
              key={r.code}
              size="small"
              data-testid={`compliance-${r.code}`}
              title={
                <Flex wrap gap={8} align="center">
                  <span style={{ whiteSpace: 'normal' }}>{r.name}</span>
                  {r.count ? (
                    <Tag color="red">{t('statistics.compliance.short', { n: r.count })}</Tag>
                  ) : (
                    <Tag color="green">{t('statistics.compliance.ok')}</Tag>
                  )}
                  {r.rate ? <Tag>{`${percent(r.rate.value)} (${r.rate.num}/${r.rate.den})`}</Tag> : null}
                </Flex>
              }
            >
              {r.text !== r.name ? (
                <Typography.Paragraph type="secondary" style={{ fontSize: '0.85em' }}>
                  {t('statistics.definition')}
                  {r.text}
                </Typography.Paragraph>
              ) : null}
              {r.breaches.length ? (
                <List
                  size="small"
                  dataSource={r.breaches}
                  renderItem={(b) => (
                    <List.Item>
                      <Flex wrap gap={8} style={{ width: '100%' }}>
                        <Link to={hrefOf(b)}>{b.name}</Link>
                        {r.code === 'stationComposition' ? (
                          <Flex wrap gap={4}>
                            {b.detail.split(',').map((code) => (
                              <Tag key={code}>{t(`problemTag.${code}` as MessageKey)}</Tag>
                            ))}
                          </Flex>
                        ) : (
                          <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
                            {b.detail}
                          </Typography.Text>
                        )}
                      </Flex>
                    </List.Item>
                  )}
                />
              ) : null}
              {r.count > r.breaches.length ? (
                <Typography.Text type="secondary">
                  {t('statistics.compliance.more', { n: r.count - r.breaches.length })}
                </Typography.Text>
              ) : null}
            </Card>
          ))}
        {c && c.rules.some((r) => !r.checked) ? (
          <Alert type="info" showIcon title={t('statistics.compliance.unchecked')} />
        ) : null}
      </Flex>
    </>
  );
}
