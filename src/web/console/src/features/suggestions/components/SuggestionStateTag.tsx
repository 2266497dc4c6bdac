import { Tag } from 'antd';
import { stateLabels, type SuggestionState } from '../../../../../../contracts/suggestions.js';
import { useLabel } from '../hooks/use-label.js';
import { stateColors } from '../values.js';

/** The state of a suggestion as a coloured tag (its label from the contracts). */
export function SuggestionStateTag({ state, large = false }: { state: SuggestionState; large?: boolean }) {
  const label = useLabel();
  return (
    <Tag
      color={stateColors[state]}
      style={
        large ? { marginInlineEnd: 0, fontSize: '0.6em', lineHeight: 1.8, paddingInline: 10 } : { marginInlineEnd: 0 }
      }
      data-testid={`suggestion-state-${state}`}
    >
      {label(stateLabels[state])}
    </Tag>
  );
}
