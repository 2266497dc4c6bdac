import { Card, Flex, List, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { signalDefinitions } from '../../../../../../contracts/statistics.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { usePrefs } from '../../../app/prefs.js';
import { useSignals, type DashboardParams } from '../api.js';

/** Warnings (signals, not verdicts): each with its evidence and the opinions behind it. */
export function SignalsCard({ params }: { params: DashboardParams }) {
  const t = useT();
  const { lang } = usePrefs();
  const q = useSignals(params, true);
  const def = (k: keyof typeof signalDefinitions) =>
    lang === 'en' ? signalDefinitions[k].en : signalDefinitions[k].zh;
  return (
    <Card size="small" title={t('statistics.signals')} loading={q.isLoading} data-testid="stat-signals">
      {q.error ? <ErrorAlert error={q.error} /> : null}
      <Typography.Paragraph type="secondary" style={{ fontSize: '0.85em' }}>
        {t('statistics.signals.note')}
      </Typography.Paragraph>
      <List
        size="small"
        dataSource={q.data?.items.slice(0, 50) ?? []}
        locale={{ emptyText: t('statistics.signals.none') }}
        renderItem={(s) => (
          <List.Item>
            <Flex vertical gap={2}>
              <Flex wrap gap={6} align="center">
                <Tag color="orange" title={def(s.kind).text}>
                  {def(s.kind).name}
                </Tag>
                {s.unitName ? <Typography.Text>{s.unitName}</Typography.Text> : null}
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: '0.9em' }}>
                {s.evidence}
              </Typography.Text>
              <Flex wrap gap={8}>
                {s.opinionIds.slice(0, 8).map((id) => (
                  <Link key={id} to={`/opinions/${id}`}>
                    #{id}
                  </Link>
                ))}
              </Flex>
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}
