import { keepPreviousData, queryOptions, useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../app/api-client.js';
import type { ManagedOrgKind, OrgInput, OrgPatch, OrgView, Page } from '../../app/contracts.js';
import { queryClient } from '../../app/query-client.js';

export const orgsQuery = queryOptions({
  queryKey: ['orgs'] as const,
  queryFn: () => api<{ items: OrgView[] }>('GET', '/api/orgs').then((r) => r.items),
  staleTime: 5 * 60_000,
});

/** The organisations in the user's scope, in tree order. */
export function useOrgs(enabled = true) {
  return useQuery({ ...orgsQuery, enabled });
}

/** Every kind a body can be created as (stations have their own screens). */
export const managedOrgKinds: readonly ManagedOrgKind[] = [
  'standingCommittee',
  'deputyAffairsCommittee',
  'streetWorkingCommittee',
  'townshipPresidium',
  'streetOffice',
  'department',
  'other',
];
/** The bodies that handle assigned opinions (承办单位). */
export const unitKinds = ['streetOffice', 'department'] as const satisfies readonly ManagedOrgKind[];
export type UnitKind = (typeof unitKinds)[number];

export interface UnitFilters {
  q?: string;
  kind?: UnitKind;
  orgId?: number;
  active?: boolean;
}

const unitsKey = ['orgs', 'units'] as const;

/** The query string of the units list (also what the export takes). */
export function unitQuery(filters: UnitFilters) {
  return {
    q: filters.q,
    kind: filters.kind,
    orgId: filters.orgId,
    active: filters.active === undefined ? undefined : String(filters.active),
  };
}

/** Handling units in scope, in pinyin order, a page at a time. */
export function useUnits(filters: UnitFilters) {
  return useInfiniteQuery({
    queryKey: [...unitsKey, filters],
    queryFn: ({ pageParam }) =>
      api<Page<OrgView>>('GET', withQuery('/api/orgs/units', { ...unitQuery(filters), limit: 50, cursor: pageParam })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** After a change: the tree and the units list are fetched again. */
export function orgsChanged() {
  void queryClient.invalidateQueries({ queryKey: orgsQuery.queryKey });
}

export function useCreateOrg() {
  return useMutation({
    mutationFn: (body: OrgInput) => api<OrgView>('POST', '/api/orgs', body),
    onSuccess: orgsChanged,
  });
}

export function useUpdateOrg() {
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: OrgPatch }) => api<OrgView>('PATCH', `/api/orgs/${id}`, patch),
    onSuccess: orgsChanged,
  });
}

/**
 * Whether the user may change `org`: bodies are managed from above, so its parent must lie within
 * an organisation the user holds a role on (the server checks the role's abilities too).
 */
export function manageable(org: OrgView, byId: ReadonlyMap<number, OrgView>, roleOrgIds: readonly number[]) {
  for (let at = org.parentId; at !== null; at = byId.get(at)?.parentId ?? null) {
    if (roleOrgIds.includes(at)) return true;
    if (!byId.has(at)) return false;
  }
  return false;
}
