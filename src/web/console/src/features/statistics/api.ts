import { keepPreviousData, useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import type {
  ChartExportQuery,
  Dashboard,
  DrillFigure,
  DrillPage,
  Signals,
  StatCompliance,
  TopicOrigin,
  TopicProjectInput,
  TopicSuggestionInput,
  Topics,
  WorkDrillPage,
  WorkDrillQuery,
  WorkStats,
} from '../../../../../contracts/statistics.js';
import { api, withQuery } from '../../app/api-client.js';
import { queryClient } from '../../app/query-client.js';

export type { Dashboard, DrillFigure, DrillPage, Signals, StatCompliance, Topics, WorkDrillPage, WorkStats };

export interface DashboardParams {
  from?: string;
  to?: string;
  orgId?: number;
}

export interface DrillParams extends DashboardParams {
  figure: DrillFigure;
  part: 'all' | 'met' | 'missed';
  cursor?: number;
}

const root = ['statistics'] as const;
const query = (p: DashboardParams | DrillParams) => ({ ...p }) as Record<string, string | number | undefined>;

/** The dashboard of the user's scope (or the street, station or unit asked for). */
export function useDashboard(params: DashboardParams) {
  return useQuery({
    queryKey: [...root, 'dashboard', params],
    queryFn: () => api<Dashboard>('GET', withQuery('/api/statistics/dashboard', query(params))),
    placeholderData: keepPreviousData,
  });
}

/** The opinions behind one figure, a page of 100 at a time. */
export function useDrill(params: DrillParams) {
  return useInfiniteQuery({
    queryKey: [...root, 'drill', params],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) =>
      api<DrillPage>('GET', withQuery('/api/statistics/opinions', { ...query(params), cursor: pageParam, limit: 100 })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** The dashboard as .xlsx (a plain link: the browser downloads it with the session cookie). */
export function dashboardExportUrl(params: DashboardParams) {
  return withQuery('/api/statistics/dashboard.xlsx', query(params));
}

/** The address of the list behind a figure. */
export function drillPath(params: DrillParams) {
  return withQuery('/statistics/opinions', query(params));
}

/** Hot topics of the area: keywords and clusters of similar opinions. */
export function useTopics(params: DashboardParams) {
  return useQuery({
    queryKey: [...root, 'topics', params],
    queryFn: () => api<Topics>('GET', withQuery('/api/statistics/topics', query(params))),
  });
}

/** The warnings of the area (committees only). */
export function useSignals(params: DashboardParams, enabled: boolean) {
  return useQuery({
    queryKey: [...root, 'signals', params],
    queryFn: () => api<Signals>('GET', withQuery('/api/statistics/signals', query(params))),
    enabled,
  });
}

/** Suggestions and livelihood projects of the scope in the period. */
export function useWork(params: DashboardParams) {
  return useQuery({
    queryKey: [...root, 'work', params],
    queryFn: () => api<WorkStats>('GET', withQuery('/api/statistics/work', query(params))),
    placeholderData: keepPreviousData,
  });
}

export type WorkDrillParams = DashboardParams &
  Partial<Pick<WorkDrillQuery, 'figure' | 'part' | 'state' | 'rating' | 'unitId'>> & {
    kind: WorkDrillQuery['kind'];
  };

/** The suggestions or projects behind one figure. */
export function useWorkDrill(params: WorkDrillParams) {
  return useQuery({
    queryKey: [...root, 'workItems', params],
    queryFn: () =>
      api<WorkDrillPage>(
        'GET',
        withQuery('/api/statistics/work/items', { ...params } as Record<string, string | number | undefined>),
      ),
  });
}

/** The address of the suggestions or projects behind a figure. */
export function workDrillPath(params: WorkDrillParams) {
  return withQuery('/statistics/work', { ...params } as Record<string, string | number | undefined>);
}

/** Every rule and who falls short of it, for the scope. */
export function useCompliance(params: DashboardParams) {
  return useQuery({
    queryKey: [...root, 'compliance', params],
    queryFn: () => api<StatCompliance>('GET', withQuery('/api/statistics/compliance', query(params))),
  });
}

/** The data behind one chart or table, as a file (a plain link). */
export function chartExportUrl(params: DashboardParams, part: ChartExportQuery['part'], format: 'xlsx' | 'csv') {
  return withQuery('/api/statistics/chart', { ...query(params), part, format });
}

/** The yearly report: a print-friendly page or .xlsx, served by the server. */
export function reportUrl(year: number, orgId: number | undefined, format: 'html' | 'xlsx') {
  return withQuery(`/api/statistics/report.${format}`, { year, orgId });
}

/** Proposes a hot-topic cluster as a livelihood-project candidate. */
export function useTopicProject() {
  return useMutation({
    mutationFn: (body: TopicProjectInput) =>
      api<{ projectId: number; linkId: number }>('POST', '/api/statistics/topics/project', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: root }),
  });
}

/** Drafts a suggestion from a hot-topic cluster (the deputy's own; the committee names the deputy). */
export function useTopicSuggestion() {
  return useMutation({
    mutationFn: (body: TopicSuggestionInput) =>
      api<{ suggestionId: number; linkId: number }>('POST', '/api/statistics/topics/suggestion', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: root }),
  });
}

/** The hot topic a suggestion was drafted from (null: none). */
export function useTopicOrigin(suggestionId: number) {
  return useQuery({
    queryKey: [...root, 'origin', suggestionId],
    queryFn: () => api<TopicOrigin>('GET', withQuery('/api/statistics/topics/origin', { suggestionId })),
  });
}
