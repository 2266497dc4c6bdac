import { Button, Card, Flex, List, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useCan } from '../../../app/session.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { useTopics, type DashboardParams, type Topics } from '../api.js';
import { TopicProjectModal } from './TopicProjectModal.js';
import { TopicSuggestionModal } from './TopicSuggestionModal.js';

/** Hot topics (热点问题): the period's keywords and the clusters of similar opinions across stations. */
export function TopicsCard({ params }: { params: DashboardParams }) {
  const t = useT();
  const q = useTopics(params);
  const topics = q.data;
  const can = useCan();
  const [proposing, setProposing] = useState<Topics['clusters'][number] | null>(null);
  const [drafting, setDrafting] = useState<Topics['clusters'][number] | null>(null);
  return (
    <Card size="small" title={t('statistics.topics')} loading={q.isLoading} data-testid="stat-topics">
      {q.error ? <ErrorAlert error={q.error} /> : null}
      <Typography.Paragraph type="secondary" style={{ fontSize: '0.85em' }}>
        {t('statistics.topics.definition')}
      </Typography.Paragraph>
      <Flex wrap gap={4} style={{ marginBottom: 12 }}>
        {topics?.keywords.slice(0, 20).map((k) => (
          <Tag key={k.word} color="blue">
            {k.word} · {k.count}
          </Tag>
        ))}
      </Flex>
      <List
        size="small"
        dataSource={topics?.clusters.slice(0, 10) ?? []}
        locale={{ emptyText: t('statistics.topics.none') }}
        renderItem={(c) => (
          <List.Item>
            <Flex vertical gap={2} style={{ width: '100%' }} data-testid="topic-cluster">
              <Typography.Text strong>
                {c.label} — {t('statistics.topics.count', { n: c.count })}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
                {c.stations.map((s) => `${s.name} ${s.count}`).join('，')}
                {' · '}
                {c.trend.map((x) => `${x.bucket}: ${x.count}`).join('，')}
              </Typography.Text>
              <Flex wrap gap={8}>
                {c.opinionIds.slice(0, 8).map((id) => (
                  <Link key={id} to={`/opinions/${id}`}>
                    #{id}
                  </Link>
                ))}
              </Flex>
              <Flex wrap gap={8} align="center">
                {c.links.map((l) => (
                  <Link
                    key={`${l.kind}${l.targetId}`}
                    to={`/${l.kind === 'project' ? 'projects' : 'suggestions'}/${l.targetId}`}
                  >
                    <Tag color="green" data-testid={`topic-link-${l.kind}`}>
                      {t(l.kind === 'project' ? 'statistics.topics.linked' : 'statistics.topics.linkedSuggestion', {
                        id: l.targetId,
                      })}
                    </Tag>
                  </Link>
                ))}
                {can('suggestion.draft') || can('suggestion.review') ? (
                  <Button type="primary" onClick={() => setDrafting(c)} data-testid="topic-to-suggestion">
                    {t('statistics.topics.toSuggestion')}
                  </Button>
                ) : null}
                {can('project.propose') ? (
                  <Button size="small" onClick={() => setProposing(c)} data-testid="topic-to-project">
                    {t('statistics.topics.toProject')}
                  </Button>
                ) : null}
              </Flex>
            </Flex>
          </List.Item>
        )}
      />
      {proposing ? <TopicProjectModal cluster={proposing} onClose={() => setProposing(null)} /> : null}
      {drafting ? <TopicSuggestionModal cluster={drafting} params={params} onClose={() => setDrafting(null)} /> : null}
    </Card>
  );
}
