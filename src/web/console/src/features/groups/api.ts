import { keepPreviousData, useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../app/api-client.js';
import type { GroupInput, GroupPatch, GroupView, Page } from '../../app/contracts.js';
import { queryClient } from '../../app/query-client.js';

export interface GroupFilters {
  q?: string;
  orgId?: number;
  /** Only the groups the signed-in deputy belongs to. */
  mine?: 'true';
}

const key = ['groups'] as const;
const detailKey = (id: number) => [...key, 'detail', id] as const;

/** Deputy groups in scope, in pinyin order, a page at a time. */
export function useGroupList(filters: GroupFilters, enabled = true) {
  return useInfiniteQuery({
    enabled,
    queryKey: [...key, 'list', filters],
    queryFn: ({ pageParam }) =>
      api<Page<GroupView>>('GET', withQuery('/api/groups', { ...filters, limit: 50, cursor: pageParam })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useGroup(id: number | null) {
  return useQuery({
    queryKey: detailKey(id ?? 0),
    queryFn: () => api<GroupView>('GET', `/api/groups/${id}`),
    enabled: id !== null,
  });
}

function changed(group: GroupView) {
  queryClient.setQueryData(detailKey(group.id), group);
  void queryClient.invalidateQueries({ queryKey: [...key, 'list'] });
  // Profiles show the groups a deputy belongs to.
  void queryClient.invalidateQueries({ queryKey: ['deputies'] });
}

export function useCreateGroup() {
  return useMutation({
    mutationFn: (body: GroupInput) => api<GroupView>('POST', '/api/groups', body),
    onSuccess: changed,
  });
}

export function useUpdateGroup() {
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: GroupPatch }) =>
      api<GroupView>('PATCH', `/api/groups/${id}`, patch),
    onSuccess: changed,
  });
}

export function useAddGroupMember() {
  return useMutation({
    mutationFn: ({ id, deputyId, isLeader }: { id: number; deputyId: number; isLeader: boolean }) =>
      api<GroupView>('POST', `/api/groups/${id}/members`, { deputyId, isLeader }),
    onSuccess: changed,
  });
}

export function useRemoveGroupMember() {
  return useMutation({
    mutationFn: ({ id, deputyId }: { id: number; deputyId: number }) =>
      api<GroupView>('DELETE', `/api/groups/${id}/members/${deputyId}`),
    onSuccess: changed,
  });
}
