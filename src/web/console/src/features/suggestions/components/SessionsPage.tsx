import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Switch, Tag, type TableColumnsType } from 'antd';
import { ResponsiveTable } from '../../../app/ResponsiveTable.js';
import { useState } from 'react';
import { sessionKindLabels } from '../../../../../../contracts/suggestions.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { useSessions, useSetSessionOpen, type CongressSessionView } from '../api.js';
import { useLabel } from '../hooks/use-label.js';
import { RulesCard } from './RulesCard.js';
import { SessionFormModal } from './SessionFormModal.js';

/** /console/suggestions/sessions: the congress sessions (number series, open or closed) and the rules. */
export function SessionsPage() {
  const t = useT();
  const label = useLabel();
  const { message } = App.useApp();
  const sessions = useSessions();
  const setOpen = useSetSessionOpen();
  const [creating, setCreating] = useState(false);

  const columns: TableColumnsType<CongressSessionView> = [
    { key: 'name', title: t('suggestions.session.name'), dataIndex: 'name' },
    { key: 'kind', title: t('suggestions.session.kind'), render: (_, s) => label(sessionKindLabels[s.kind]) },
    { key: 'year', title: t('suggestions.session.year'), dataIndex: 'year', width: 80 },
    {
      key: 'prefix',
      title: t('suggestions.session.prefix'),
      render: (_, s) => (s.prefix ? <Tag style={{ marginInlineEnd: 0 }}>{s.prefix}</Tag> : '—'),
    },
    { key: 'count', title: t('suggestions.session.count'), dataIndex: 'count', width: 90 },
    {
      key: 'open',
      title: t('suggestions.session.open'),
      width: 140,
      render: (_, s) => (
        <Switch
          checked={s.open}
          checkedChildren={t('suggestions.sessions.open')}
          unCheckedChildren={t('suggestions.sessions.closed')}
          loading={setOpen.isPending && setOpen.variables?.id === s.id}
          onChange={(open) =>
            setOpen.mutate({ id: s.id, open }, { onSuccess: () => void message.success(t('common.done')) })
          }
          data-testid={`session-open-${s.id}`}
        />
      ),
    },
  ];

  return (
    <>
      <PageTitle
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="session-new">
            {t('suggestions.sessions.new')}
          </Button>
        }
      >
        {t('suggestions.sessions.title')}
      </PageTitle>
      <Flex vertical gap={16}>
        <Card title={t('suggestions.sessions.list')} size="small">
          {sessions.isError ? <ErrorAlert error={sessions.error} /> : null}
          {setOpen.isError ? <ErrorAlert error={setOpen.error} /> : null}
          <ResponsiveTable<CongressSessionView>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={sessions.data ?? []}
            loading={sessions.isPending}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('suggestions.sessions.empty') }}
            data-testid="sessions"
          />
        </Card>
        <RulesCard />
      </Flex>
      <SessionFormModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
