import { Flex, Tag } from 'antd';
import type { OpinionSummary } from '../../../app/contracts.js';
import { useT } from '../../../app/i18n.js';
import { supervisionColors } from '../values.js';

type Marked = Pick<OpinionSummary, 'overdue' | 'returnCount' | 'extensionCount' | 'urgency' | 'supervisionLevel'>;

/**
 * What needs attention at a glance: overdue, urgent, supervised, returned (twice or more in red:
 * the units pass it around) and extended.
 */
export function OpinionMarkers({ opinion, supervision = false }: { opinion: Marked; supervision?: boolean }) {
  const t = useT();
  const tags = [];
  if (opinion.overdue)
    tags.push(
      <Tag key="overdue" color="red" variant="solid" data-testid="marker-overdue">
        {t('opinions.marker.overdue')}
      </Tag>,
    );
  if (opinion.urgency === 'urgent')
    tags.push(
      <Tag key="urgent" color="volcano">
        {t('opinions.marker.urgent')}
      </Tag>,
    );
  if (supervision && opinion.supervisionLevel)
    tags.push(
      <Tag key="supervision" color={supervisionColors[opinion.supervisionLevel]}>
        {t(`opinionSupervision.${opinion.supervisionLevel}`)}
      </Tag>,
    );
  if (opinion.returnCount > 0)
    tags.push(
      <Tag key="returned" color={opinion.returnCount >= 2 ? 'red' : 'orange'} data-testid="marker-returned">
        {t('opinions.marker.returned', { n: opinion.returnCount })}
      </Tag>,
    );
  if (opinion.extensionCount > 0)
    tags.push(
      <Tag key="extended" color="purple" data-testid="marker-extended">
        {t('opinions.marker.extended', { n: opinion.extensionCount })}
      </Tag>,
    );
  if (tags.length === 0) return null;
  return (
    <Flex gap={4} wrap>
      {tags}
    </Flex>
  );
}
