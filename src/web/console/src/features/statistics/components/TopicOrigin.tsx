import { Alert } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../../app/i18n.js';
import { useCan } from '../../../app/session.js';
import { useTopicOrigin } from '../api.js';

/** On a suggestion's page: the hot topic it was drafted from, and how many opinions (nothing when none). */
export function TopicOrigin({ suggestionId }: { suggestionId: number }) {
  const t = useT();
  const can = useCan();
  const q = useTopicOrigin(suggestionId);
  const o = q.data?.origin;
  if (!o) return null;
  const topics = can('statistics.read') ? '/statistics' : can('statistics.topics') ? '/statistics/topics' : null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="topic-origin"
      message={t('statistics.topics.origin', { label: o.label, n: o.opinions })}
      action={topics ? <Link to={topics}>{t('statistics.topics.originLink')}</Link> : undefined}
    />
  );
}
