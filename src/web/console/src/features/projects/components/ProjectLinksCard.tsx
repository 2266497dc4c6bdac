import { Card, List, Tag } from 'antd';
import { Link } from 'react-router';
import { useT, type MessageKey } from '../../../app/i18n.js';
import { useProjectLinks } from '../api.js';

/**
 * On an opinion's or a suggestion's page: the livelihood projects it led to (the other end of the
 * project's source link), among those the user may read. Nothing when there are none.
 */
export function ProjectLinksCard(props: { opinionId: number } | { suggestionId: number }) {
  const t = useT();
  const links = useProjectLinks(props);
  if (!links.data?.length) return null;
  return (
    <Card size="small" title={t('projects.linkedProjects')} data-testid="project-links">
      <List
        size="small"
        dataSource={links.data}
        renderItem={(p) => (
          <List.Item>
            <Link to={`/projects/${p.id}`}>
              {p.year} · {p.title}
            </Link>{' '}
            <Tag>{t(`projects.state.${p.state}` as MessageKey)}</Tag>
          </List.Item>
        )}
      />
    </Card>
  );
}
