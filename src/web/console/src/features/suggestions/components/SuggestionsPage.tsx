import { BarChartOutlined, SettingOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Tabs } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useT } from '../../../app/i18n.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { useCan } from '../../../app/session.js';
import { useDebounced } from '../../../app/use-debounced.js';
import { useSessions, useSuggestionList, type SuggestionFilters, type SuggestionQueue } from '../api.js';
import { SessionSelect } from './SessionSelect.js';
import { SuggestionList } from './SuggestionList.js';

type Tab = SuggestionQueue | 'all';
const committeeTabs: readonly Tab[] = ['toReview', 'toAssign', 'handling', 'overdue', 'all'];
const unitTabs: readonly Tab[] = ['unit', 'overdue', 'all'];

/** The filters as the address keeps them (`?queue=toAssign&sessionId=2&q=电梯`). */
function filtersOf(params: URLSearchParams, tabs: readonly Tab[]): { tab: Tab; sessionId?: number; q: string } {
  const asked = params.get('queue');
  const sessionId = Number(params.get('sessionId'));
  return {
    tab: tabs.find((x) => x === asked) ?? tabs[0]!,
    sessionId: Number.isSafeInteger(sessionId) && sessionId > 0 ? sessionId : undefined,
    q: params.get('q') ?? '',
  };
}

function QueueList({ filters, testId }: { filters: SuggestionFilters; testId: string }) {
  const t = useT();
  const list = useSuggestionList(filters);
  return <SuggestionList list={list} emptyText={t('suggestions.empty')} testId={testId} />;
}

/** /console/suggestions: the committee's queues (review, assign, handling, overdue) or a unit's, by session and words. */
export function SuggestionsPage() {
  const t = useT();
  const can = useCan();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const committee = can('suggestion.review');
  const sessions = useSessions();
  const tabs = committee ? committeeTabs : unitTabs;
  const { tab, sessionId, q } = useMemo(() => filtersOf(params, tabs), [params, tabs]);
  const [words, setWords] = useState(q);
  const settled = useDebounced(words);

  const set = (next: { tab?: Tab; sessionId?: number | null; q?: string }) => {
    const out = new URLSearchParams();
    const nextTab = next.tab ?? tab;
    const nextSession = next.sessionId === null ? undefined : (next.sessionId ?? sessionId);
    const nextQ = next.q ?? q;
    if (nextTab !== tabs[0]) out.set('queue', nextTab);
    if (nextSession) out.set('sessionId', String(nextSession));
    if (nextQ.trim()) out.set('q', nextQ.trim());
    setParams(out, { replace: true });
  };
  useEffect(() => {
    if (settled.trim() !== q) set({ q: settled });
    // Only the typed words move the address; the rest of `set` reads the address itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settled]);

  const filters: SuggestionFilters = { queue: tab === 'all' ? undefined : tab, sessionId, q: q || undefined };

  return (
    <>
      <PageTitle
        extra={
          committee ? (
            <>
              <Button icon={<SettingOutlined />} onClick={() => void navigate('/suggestions/sessions')}>
                {t('nav.suggestionSessions')}
              </Button>
              <Button icon={<BarChartOutlined />} onClick={() => void navigate('/suggestions/figures')}>
                {t('nav.suggestionFigures')}
              </Button>
            </>
          ) : null
        }
      >
        {t('suggestions.title')}
      </PageTitle>
      <Card size="small">
        <Flex gap={8} wrap style={{ marginBottom: 8 }}>
          {/* No session set up yet: nothing to filter by. */}
          {sessions.data?.length ? (
            <SessionSelect
              value={sessionId}
              onChange={(v) => set({ sessionId: v ?? null })}
              allowClear
              aria-label={t('suggestions.filter.session')}
              style={{ flex: '1 1 240px', maxWidth: 360 }}
            />
          ) : null}
          <Input.Search
            value={words}
            onChange={(e) => setWords(e.target.value)}
            onSearch={(v) => set({ q: v })}
            allowClear
            maxLength={50}
            placeholder={t('suggestions.filter.q')}
            aria-label={t('suggestions.filter.q')}
            style={{ flex: '1 1 240px', maxWidth: 360 }}
            data-testid="suggestions-search"
          />
        </Flex>
        <Tabs
          activeKey={tab}
          onChange={(key) => set({ tab: key as Tab })}
          items={tabs.map((x) => ({
            key: x,
            label: <span data-testid={`queue-${x}`}>{t(`suggestions.queue.${x}`)}</span>,
            children: x === tab ? <QueueList filters={filters} testId={`list-${x}`} /> : null,
          }))}
        />
      </Card>
    </>
  );
}
