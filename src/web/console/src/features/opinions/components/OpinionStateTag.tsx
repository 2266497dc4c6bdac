import { Tag } from 'antd';
import type { OpinionState } from '../../../app/contracts.js';
import { useT } from '../../../app/i18n.js';
import { stateColors } from '../values.js';

/** The state of an opinion as a coloured tag. */
export function OpinionStateTag({ state, large = false }: { state: OpinionState; large?: boolean }) {
  const t = useT();
  return (
    <Tag
      color={stateColors[state]}
      style={
        large ? { marginInlineEnd: 0, fontSize: '0.6em', lineHeight: 1.8, paddingInline: 10 } : { marginInlineEnd: 0 }
      }
      data-testid={`state-${state}`}
    >
      {t(`opinionState.${state}`)}
    </Tag>
  );
}
