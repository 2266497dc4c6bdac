import { Descriptions, Tag, Typography } from 'antd';
import { useT } from '../../../app/i18n.js';
import type { SuggestionView } from '../api.js';
import { useLabel } from '../hooks/use-label.js';
import { useNarrow } from '../../../app/use-narrow.js';

/** The clock: how the due date was worked out (in the UI language), the due date, overdue, the other windows. */
export function SuggestionClock({ suggestion }: { suggestion: SuggestionView }) {
  const t = useT();
  const label = useLabel();
  const narrow = useNarrow();
  const c = suggestion.clock;
  const explanation = label(c.explanation);
  const items = [
    {
      key: 'due',
      label: t('suggestions.clock.due'),
      children: c.answerDue ? (
        <span data-testid="clock-due">
          <Typography.Text type={c.overdue ? 'danger' : undefined} strong={c.overdue}>
            {c.answerDue}
          </Typography.Text>
          {c.overdue ? (
            <Tag color="red" style={{ marginInlineStart: 8 }} data-testid="clock-overdue">
              {t('suggestions.tag.overdue')}
            </Tag>
          ) : null}
        </span>
      ) : (
        t('suggestions.clock.notStarted')
      ),
    },
  ];
  const add = (key: string, text: string, value: string | null, when: boolean) => {
    if (value && when) items.push({ key, label: text, children: <>{value}</> });
  };
  // Each window only while it can still matter.
  const handling = suggestion.state === 'assigned' || suggestion.state === 'reHandling';
  const coUnits = suggestion.units.some((u) => u.role === 'co' && u.state === 'assigned');
  add('paused', t('suggestions.clock.pausedSince'), c.pausedSince, handling);
  add('returnBy', t('suggestions.clock.returnBy'), c.returnBy, suggestion.state === 'assigned');
  add('coViewDue', t('suggestions.clock.coViewDue'), c.coViewDue, handling && coUnits);
  add('redoDue', t('suggestions.clock.redoDue'), c.redoDue, suggestion.state === 'reHandling');
  add('rateBy', t('suggestions.clock.rateBy'), c.rateBy, suggestion.state === 'answered');
  add('commitment', t('suggestions.clock.commitment'), c.commitmentDate, true);
  if (c.progressDue && handling)
    items.push({
      key: 'progress',
      label: t('suggestions.clock.progressDue'),
      children: (
        <span data-testid="clock-progress">
          {c.progressDue}
          {c.progressMissing ? (
            <Tag color="orange" style={{ marginInlineStart: 8 }}>
              {t('suggestions.clock.progressMissing')}
            </Tag>
          ) : null}
        </span>
      ),
    });
  return (
    <>
      {explanation ? (
        <Typography.Paragraph type="secondary" data-testid="clock-explanation">
          {explanation}
        </Typography.Paragraph>
      ) : null}
      <Descriptions
        column={1}
        size="small"
        items={items}

        styles={{ label: narrow ? { width: '38%' } : { whiteSpace: 'nowrap' } }}
      />
    </>
  );
}
