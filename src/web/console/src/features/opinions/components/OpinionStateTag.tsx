import { Tag } from 'antd';
import type { OpinionState } from '../../../app/contracts.js';
import { useT } from '../../../app/i18n.js';
import { stateColors } from '../values.js';

/** The state of an opinion as a coloured tag. */
export function OpinionStateTag({ state }: { state: OpinionState }) {
  const t = useT();
  return (
    <Tag color={stateColors[state]} style={{ marginInlineEnd: 0 }} data-testid={`state-${state}`}>
      {t(`opinionState.${state}`)}
    </Tag>
  );
}
