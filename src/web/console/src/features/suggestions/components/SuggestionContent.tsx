import { Flex, Typography } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../../app/i18n.js';
import type { SuggestionView } from '../api.js';

const text = { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', marginBottom: 0 } as const;

/** The suggestion as the deputy wrote it: title, content, reasons, measures, and the opinions it came from. */
export function SuggestionContent({ suggestion: s }: { suggestion: SuggestionView }) {
  const t = useT();
  const part = (title: string, body: string | null, testId: string) =>
    body ? (
      <section>
        <Typography.Title level={3} style={{ fontSize: '1em', marginTop: 0 }}>
          {title}
        </Typography.Title>
        <Typography.Paragraph style={text} data-testid={testId}>
          {body}
        </Typography.Paragraph>
      </section>
    ) : null;
  return (
    <Flex vertical gap={16}>
      <Typography.Title
        level={2}
        style={{ fontSize: '1.2em', margin: 0, overflowWrap: 'anywhere' }}
        data-testid="suggestion-title"
      >
        {s.title}
      </Typography.Title>
      {part(t('suggestions.field.content'), s.content, 'suggestion-content')}
      {part(t('suggestions.field.reasons'), s.reasons, 'suggestion-reasons')}
      {part(t('suggestions.field.measures'), s.measures, 'suggestion-measures')}
      {s.opinions.length ? (
        <section data-testid="suggestion-opinions">
          <Typography.Title level={3} style={{ fontSize: '1em', marginTop: 0 }}>
            {t('suggestions.field.opinions')}
          </Typography.Title>
          <Flex vertical gap={6}>
            {s.opinions.map((o) => (
              <Flex key={o.id} gap={8} wrap align="baseline">
                <Link to={`/opinions/${o.id}`} style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}>
                  {o.receiptCode}
                </Link>
                <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
                  {o.excerpt}
                </Typography.Text>
              </Flex>
            ))}
          </Flex>
        </section>
      ) : null}
    </Flex>
  );
}
