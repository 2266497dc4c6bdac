import { Button, Flex, Typography } from 'antd';
import type { OpinionHints } from '../../../app/contracts.js';
import { useT } from '../../../app/i18n.js';
import { usePrefs } from '../../../app/prefs.js';
import { useCategories } from '../api.js';
import { categoryPath } from '../category-tree.js';

/** The categories the server suggests for the text so far; Alt+1…4 (or a click) takes one. */
export function CategorySuggestions({
  suggestions,
  chosen,
  onTake,
}: {
  suggestions: OpinionHints['categories'];
  chosen: number | undefined;
  onTake: (id: number) => void;
}) {
  const t = useT();
  const { lang } = usePrefs();
  const categories = useCategories();
  if (suggestions.length === 0) return null;
  return (
    <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }} data-testid="category-suggestions">
      <Typography.Text type="secondary">{t('opinions.new.suggested')}</Typography.Text>
      {suggestions.slice(0, 4).map((c, i) => {
        const label =
          categoryPath(categories.data, c.id, lang) ?? (c.parentName ? `${c.parentName} / ${c.name}` : c.name);
        return (
          <Button
            key={c.id}
            size="small"
            type={chosen === c.id ? 'primary' : 'default'}
            onClick={() => onTake(c.id)}
            // Out of the Tab order: the keyboard takes them with Alt+number, Tab goes on to the fields.
            tabIndex={-1}
            data-testid={`suggest-category-${i + 1}`}
            aria-keyshortcuts={`Alt+${i + 1}`}
          >
            <Typography.Text keyboard style={{ color: 'inherit', marginInlineEnd: 4 }}>
              Alt+{i + 1}
            </Typography.Text>
            {label}
          </Button>
        );
      })}
    </Flex>
  );
}
