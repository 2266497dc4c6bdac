import { Tag } from 'antd';
import type { OpinionState, RatingLevel } from '../../../app/contracts.js';
import { useT } from '../../../app/i18n.js';
import { stateColors } from '../values.js';

const dissatisfied: readonly (RatingLevel | null | undefined)[] = ['dissatisfied', 'veryDissatisfied'];

/** The state of an opinion as a coloured tag; a dissatisfied rating shows red, as such (not a green "rated"). */
export function OpinionStateTag({
  state,
  rating,
  large = false,
}: {
  state: OpinionState;
  rating?: RatingLevel | null;
  large?: boolean;
}) {
  const t = useT();
  const unhappy = state === 'rated' && dissatisfied.includes(rating);
  return (
    <Tag
      color={unhappy ? 'red' : stateColors[state]}
      style={
        large ? { marginInlineEnd: 0, fontSize: '0.6em', lineHeight: 1.8, paddingInline: 10 } : { marginInlineEnd: 0 }
      }
      data-testid={`state-${state}`}
    >
      {t(`opinionState.${state}`)}
      {unhappy ? ` · ${t('opinionState.rated.dissatisfied')}` : null}
    </Tag>
  );
}
