import { Flex } from 'antd';
import { useT } from '../../../app/i18n.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { PeriodButtons, usePeriodSearch } from './PeriodSearch.js';
import { TopicsCard } from './TopicsCard.js';

/** /console/statistics/topics: the hot topics of the user's area (a deputy: their station), to draft from. */
export function TopicsPage() {
  const t = useT();
  const { preset, params, set } = usePeriodSearch();
  return (
    <>
      <PageTitle>{t('statistics.topics.page')}</PageTitle>
      <Flex vertical gap={12}>
        <PeriodButtons preset={preset} onChange={(p) => set('period', p)} />
        <TopicsCard params={params} />
      </Flex>
    </>
  );
}
