import { Flex, Tag } from 'antd';
import type { StationView } from '../../../app/contracts.js';
import { useT } from '../../../app/i18n.js';

/** 合规 in green, or one orange tag per composition problem (the full wording on hover). */
export function StationProblemTags({ station }: { station: Pick<StationView, 'problems' | 'active'> }) {
  const t = useT();
  return (
    <Flex gap={4} wrap>
      {station.active ? null : <Tag style={{ marginInlineEnd: 0 }}>{t('stations.inactive')}</Tag>}
      {station.problems.length === 0 ? (
        <Tag color="green" style={{ marginInlineEnd: 0 }}>
          {t('stations.compliant')}
        </Tag>
      ) : (
        station.problems.map((p) => (
          <Tag key={p} color="orange" style={{ marginInlineEnd: 0 }} title={t(`problem.${p}`)}>
            {t(`problemTag.${p}`)}
          </Tag>
        ))
      )}
    </Flex>
  );
}
