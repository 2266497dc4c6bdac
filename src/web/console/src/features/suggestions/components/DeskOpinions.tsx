import { EditOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { formatDateTime, useT, type MessageKey } from '../../../app/i18n.js';
import { usePrefs } from '../../../app/prefs.js';
import { opinionStates } from '../../opinions/values.js';
import type { DeskOpinion } from '../api.js';

/** An opinion's state in words (the opinions feature's labels); an unknown one as it came. */
const stateText = (state: string, t: (key: MessageKey) => string) => {
  const known = opinionStates.find((s) => s === state);
  return known ? t(`opinionState.${known}`) : state;
};

/**
 * Opinions on the deputy's desk, one block each (fits a phone): receipt code, date, state, the
 * start of the text; escalated ones carry "draft a suggestion" (pre-linked to the opinion).
 */
export function DeskOpinions({
  items,
  emptyText,
  draftable = false,
  testId,
}: {
  items: DeskOpinion[];
  emptyText: string;
  draftable?: boolean;
  testId: string;
}) {
  const t = useT();
  const { lang } = usePrefs();
  const navigate = useNavigate();
  if (items.length === 0)
    return (
      <div data-testid={testId}>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />
      </div>
    );
  return (
    <Flex vertical gap={12} data-testid={testId}>
      {items.map((o) => (
        <Flex
          key={o.id}
          vertical
          gap={4}
          style={{ paddingBottom: 12, borderBottom: '1px solid rgba(5, 5, 5, 0.06)' }}
          data-testid={`desk-opinion-${o.id}`}
        >
          <Flex gap={8} wrap align="center" justify="space-between">
            <Flex gap={8} wrap align="center">
              <Link to={`/opinions/${o.id}`} style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}>
                {o.receiptCode}
              </Link>
              <Tag style={{ marginInlineEnd: 0 }}>{stateText(o.state, t)}</Tag>
              <Typography.Text type="secondary" style={{ fontSize: '0.9em' }}>
                {formatDateTime(o.createdAt, lang).slice(0, 10)}
              </Typography.Text>
            </Flex>
            {draftable && !o.suggestionRef ? (
              <Button
                size="small"
                type="primary"
                icon={<EditOutlined />}
                onClick={() => void navigate(`/suggestions/new?opinion=${o.id}`)}
                data-testid={`draft-from-${o.id}`}
              >
                {t('suggestions.desk.newDraft')}
              </Button>
            ) : null}
          </Flex>
          <Typography.Paragraph style={{ marginBottom: 0, overflowWrap: 'anywhere' }} ellipsis={{ rows: 3 }}>
            {o.excerpt}
          </Typography.Paragraph>
          {o.suggestionRef ? (
            <Typography.Text type="secondary">{t('suggestions.desk.linked', { ref: o.suggestionRef })}</Typography.Text>
          ) : null}
        </Flex>
      ))}
    </Flex>
  );
}
