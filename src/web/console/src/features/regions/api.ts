import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../app/api-client.js';
import type { RegionView } from '../../app/contracts.js';
import { queryClient } from '../../app/query-client.js';

const key = ['regions'] as const;

/** The query of the children of a node (the top of the tree without one). */
export function childrenQuery(parentCode?: string | null) {
  return queryOptions({
    queryKey: [...key, 'children', parentCode ?? null],
    queryFn: () => api<{ items: RegionView[] }>('GET', withQuery('/api/regions', { parentCode })).then((r) => r.items),
    staleTime: 5 * 60_000,
  });
}

/** The children of a node, from the cache when fresh (for trees that load a level as it opens). */
export function fetchChildren(parentCode?: string) {
  return queryClient.fetchQuery(childrenQuery(parentCode));
}

/** Some nodes by code (to label values that are not loaded in a tree yet). */
export function useRegionsByCode(codes: readonly string[]) {
  const sorted = [...codes].sort();
  return useQuery({
    queryKey: [...key, 'codes', sorted],
    queryFn: () =>
      api<{ items: RegionView[] }>('GET', withQuery('/api/regions', { codes: sorted.join(',') })).then((r) => r.items),
    enabled: sorted.length > 0,
    staleTime: 5 * 60_000,
  });
}

function changed() {
  void queryClient.invalidateQueries({ queryKey: key });
}

export function useRenameRegion() {
  return useMutation({
    mutationFn: ({ code, name }: { code: string; name: string }) =>
      api<RegionView>('PATCH', `/api/regions/${code}`, { name }),
    onSuccess: changed,
  });
}

export function useAddRegion() {
  return useMutation({
    mutationFn: (body: { code: string; name: string; parentCode: string }) =>
      api<RegionView>('POST', '/api/regions', body),
    onSuccess: changed,
  });
}
