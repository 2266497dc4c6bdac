import { Flex, Tag } from 'antd';
import type { DeputyLevel } from '../../../app/contracts.js';
import { useT } from '../../../app/i18n.js';

/** The people's congresses the deputy sits in, from national down. */
export function DeputyLevelTags({ levels }: { levels: readonly DeputyLevel[] }) {
  const t = useT();
  return (
    <Flex gap={4} wrap>
      {levels.map((l) => (
        <Tag key={l} color="geekblue" variant="outlined" style={{ marginInlineEnd: 0 }}>
          {t(`level.${l}`)}
        </Tag>
      ))}
    </Flex>
  );
}
