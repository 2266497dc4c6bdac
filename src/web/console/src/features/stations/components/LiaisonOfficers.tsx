import { Flex, Tag, Typography } from 'antd';
import type { StationView } from '../../../app/contracts.js';
import { useT } from '../../../app/i18n.js';

/** Who serves as liaison officer; they are assigned through roles, by the security administrator. */
export function LiaisonOfficers({ station }: { station: Pick<StationView, 'liaisonOfficers'> }) {
  const t = useT();
  return (
    <Flex vertical gap={8}>
      {station.liaisonOfficers.length ? (
        <Flex gap={6} wrap>
          {station.liaisonOfficers.map((o) => (
            <Tag key={o.userId} color="blue" style={{ marginInlineEnd: 0 }}>
              {o.displayName}
            </Tag>
          ))}
        </Flex>
      ) : (
        <Typography.Text type="warning">{t('stations.officersNone')}</Typography.Text>
      )}
      <Typography.Text type="secondary">{t('stations.officerHint')}</Typography.Text>
    </Flex>
  );
}
