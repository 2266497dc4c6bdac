import { Descriptions, Flex, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { StationView } from '../../../app/contracts.js';
import { useT } from '../../../app/i18n.js';
import { ReceptionDays } from './ReceptionDays.js';
import { StationProblemTags } from './StationProblemTags.js';

/** The station's own fields, as stored. */
export function StationDetails({ station }: { station: StationView }) {
  const t = useT();
  const value = (v: string | null): ReactNode =>
    v ? (
      <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span>
    ) : (
      <Typography.Text type="secondary">{t('stations.wallMissing')}</Typography.Text>
    );
  return (
    <Descriptions
      column={1}
      size="small"
      bordered
      styles={{ label: { width: 150 } }}
      items={[
        { key: 'parent', label: t('stations.field.parent'), children: station.parentName ?? '—' },
        { key: 'code', label: t('stations.field.code'), children: station.code ?? '—' },
        {
          key: 'kind',
          label: t('stations.field.kind'),
          children: station.domain
            ? t('stations.kindWithDomain', { kind: t(`stationKind.${station.kind}`), domain: station.domain })
            : t(`stationKind.${station.kind}`),
        },
        { key: 'status', label: t('stations.col.status'), children: <StationProblemTags station={station} /> },
        { key: 'address', label: t('stations.field.address'), children: value(station.address) },
        { key: 'hours', label: t('stations.field.openingHours'), children: value(station.openingHours) },
        {
          key: 'regions',
          label: t('stations.field.regions'),
          children: station.regions.length ? (
            <Flex gap={4} wrap>
              {station.regions.map((g) => (
                <Tag key={g.code} style={{ marginInlineEnd: 0 }}>
                  {g.name}
                </Tag>
              ))}
            </Flex>
          ) : (
            <Typography.Text type="secondary">{t('stations.regionsNone')}</Typography.Text>
          ),
        },
        { key: 'reception', label: t('stations.field.receptionRule'), children: <ReceptionDays station={station} /> },
        { key: 'rules', label: t('stations.field.rules'), children: value(station.publishedRules) },
        { key: 'workflow', label: t('stations.field.workflow'), children: value(station.publishedWorkflow) },
        {
          key: 'online',
          label: t('stations.field.online'),
          children: station.onlineEnabled ? t('common.on') : t('common.off'),
        },
      ]}
    />
  );
}
