import { Flex, Tag } from 'antd';
import type { SuggestionSummary } from '../api.js';
import { useT } from '../../../app/i18n.js';

/** The marks that ask for attention: overdue, under key supervision, raised again (年年提). */
export function SuggestionMarks({
  suggestion,
}: {
  suggestion: Pick<SuggestionSummary, 'overdue' | 'keySupervision' | 'repeated'>;
}) {
  const t = useT();
  if (!suggestion.overdue && !suggestion.keySupervision && !suggestion.repeated) return null;
  return (
    <Flex gap={4} wrap component="span">
      {suggestion.overdue ? (
        <Tag color="red" style={{ marginInlineEnd: 0 }} data-testid="mark-overdue">
          {t('suggestions.tag.overdue')}
        </Tag>
      ) : null}
      {suggestion.keySupervision ? (
        <Tag color="magenta" style={{ marginInlineEnd: 0 }} data-testid="mark-key">
          {t('suggestions.tag.key')}
        </Tag>
      ) : null}
      {suggestion.repeated ? (
        <Tag color="purple" style={{ marginInlineEnd: 0 }} data-testid="mark-repeated">
          {t('suggestions.tag.repeated')}
        </Tag>
      ) : null}
    </Flex>
  );
}
