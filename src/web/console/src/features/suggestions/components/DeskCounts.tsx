import { Card, Col, Row, Statistic } from 'antd';
import { useT, type MessageKey } from '../../../app/i18n.js';
import type { Desk, SuggestionQueue } from '../api.js';

const counted: { key: 'drafts' | 'invitations' | 'toRate'; label: MessageKey; queue: SuggestionQueue }[] = [
  { key: 'drafts', label: 'suggestions.desk.count.drafts', queue: 'mine' },
  { key: 'invitations', label: 'suggestions.desk.count.invitations', queue: 'invitations' },
  { key: 'toRate', label: 'suggestions.desk.count.toRate', queue: 'toRate' },
];

/** The desk's three numbers; each opens its list below. */
export function DeskCounts({ counts, onOpen }: { counts: Desk['counts']; onOpen: (queue: SuggestionQueue) => void }) {
  const t = useT();
  return (
    <Row gutter={[12, 12]}>
      {counted.map((c) => (
        <Col key={c.key} xs={8}>
          <Card
            hoverable
            size="small"
            role="button"
            tabIndex={0}
            onClick={() => onOpen(c.queue)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                onOpen(c.queue);
              }
            }}
            style={{ height: '100%' }}
            data-testid={`desk-count-${c.key}`}
          >
            <Statistic
              title={t(c.label)}
              value={counts[c.key]}
              styles={{ content: { color: counts[c.key] > 0 ? '#1668dc' : undefined } }}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
