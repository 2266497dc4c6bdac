import { Flex, Tag, Typography } from 'antd';
import type { OrgView } from '../../../app/contracts.js';
import { useT } from '../../../app/i18n.js';

const kindColors: Record<OrgView['kind'], string> = {
  standingCommittee: 'red',
  deputyAffairsCommittee: 'volcano',
  streetWorkingCommittee: 'orange',
  townshipPresidium: 'gold',
  streetOffice: 'blue',
  department: 'geekblue',
  station: 'green',
  other: 'default',
};

/** One organisation in the tree: name, kind, region, and whether it is deactivated or has a contact. */
export function OrgTitle({ org }: { org: OrgView }) {
  const t = useT();
  return (
    <Flex align="center" gap={8} wrap style={{ paddingBlock: 2 }}>
      <Typography.Text strong={org.depth <= 1} delete={!org.active}>
        {org.name}
      </Typography.Text>
      <Tag color={kindColors[org.kind]} variant="outlined" style={{ marginInlineEnd: 0 }}>
        {t(`orgKind.${org.kind}`)}
      </Tag>
      {org.active ? null : (
        <Tag style={{ marginInlineEnd: 0 }} data-testid="org-inactive">
          {t('orgs.inactive')}
        </Tag>
      )}
      {org.regionName ? (
        <Typography.Text type="secondary" style={{ fontSize: '0.9em' }}>
          {t('orgs.region', { name: org.regionName })}
          {org.regionCode ? ` (${org.regionCode})` : ''}
        </Typography.Text>
      ) : null}
      {org.contactPerson || org.contactPhone ? (
        <Typography.Text type="secondary" style={{ fontSize: '0.9em' }}>
          {t('orgs.contact', { person: org.contactPerson ?? '', phone: org.contactPhone ?? '' })}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}
