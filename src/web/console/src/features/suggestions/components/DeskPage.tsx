import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Skeleton, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { useDesk, useSuggestionList, type SuggestionQueue } from '../api.js';
import { DeskCounts } from './DeskCounts.js';
import { DeskOpinions } from './DeskOpinions.js';
import { SuggestionList } from './SuggestionList.js';

const deskQueues = ['mine', 'invitations', 'toRate'] as const satisfies readonly SuggestionQueue[];
type DeskQueue = (typeof deskQueues)[number];

function QueueList({ queue }: { queue: DeskQueue }) {
  const t = useT();
  const list = useSuggestionList({ queue });
  return <SuggestionList list={list} emptyText={t('suggestions.empty')} testId={`desk-list-${queue}`} />;
}

/** /console/suggestions/desk: the deputy's workspace (代表工作台). */
export function DeskPage() {
  const t = useT();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const desk = useDesk();
  const asked = params.get('tab');
  const [tab, setTab] = useState<DeskQueue>(deskQueues.find((q) => q === asked) ?? 'mine');
  const open = (queue: SuggestionQueue) => {
    const next = deskQueues.find((q) => q === queue) ?? 'mine';
    setTab(next);
    setParams({ tab: next }, { replace: true });
    document.getElementById('desk-lists')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  const title = (
    <PageTitle
      extra={
        desk.data?.deputyId ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => void navigate('/suggestions/new')}
            data-testid="new-draft"
          >
            {t('suggestions.desk.newDraft')}
          </Button>
        ) : null
      }
    >
      {t('suggestions.desk.title')}
    </PageTitle>
  );
  if (desk.isPending)
    return (
      <>
        {title}
        <Skeleton active />
      </>
    );
  if (desk.isError)
    return (
      <>
        {title}
        <ErrorAlert error={desk.error} />
      </>
    );
  const d = desk.data;
  if (d.deputyId === null)
    return (
      <>
        {title}
        <Alert type="info" showIcon title={t('suggestions.desk.notLinked')} />
      </>
    );

  return (
    <>
      {title}
      <Flex vertical gap={16}>
        <DeskCounts counts={d.counts} onOpen={open} />
        <Card
          title={t('suggestions.desk.escalated')}
          extra={<Typography.Text type="secondary">{d.escalated.length}</Typography.Text>}
          size="small"
        >
          <Typography.Paragraph type="secondary">{t('suggestions.desk.escalatedHelp')}</Typography.Paragraph>
          <DeskOpinions
            items={d.escalated}
            draftable
            emptyText={t('suggestions.desk.escalatedEmpty')}
            testId="desk-escalated"
          />
        </Card>
        <Card size="small" id="desk-lists">
          <Tabs
            activeKey={tab}
            onChange={(key) => open(key as DeskQueue)}
            items={deskQueues.map((q) => ({
              key: q,
              label: <span data-testid={`desk-tab-${q}`}>{t(`suggestions.queue.${q}`)}</span>,
              children: <QueueList queue={q} />,
            }))}
          />
        </Card>
        <Card
          title={t('suggestions.desk.addressed')}
          extra={<Typography.Text type="secondary">{d.addressed.length}</Typography.Text>}
          size="small"
        >
          <DeskOpinions items={d.addressed} emptyText={t('suggestions.desk.addressedEmpty')} testId="desk-addressed" />
        </Card>
      </Flex>
    </>
  );
}
