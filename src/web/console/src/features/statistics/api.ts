import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { Dashboard, DrillFigure, DrillPage, Signals, Topics } from '../../../../../contracts/statistics.js';
import { api, withQuery } from '../../app/api-client.js';

export type { Dashboard, DrillFigure, DrillPage, Signals, Topics };

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
