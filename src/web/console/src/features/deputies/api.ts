import { keepPreviousData, useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../app/api-client.js';
import type {
  AccountCandidates,
  DeputyInput,
  DeputyLevel,
  DeputyPatch,
  DeputyStatus,
  DeputyView,
  Election,
  MyDuty,
  Page,
  RevealedContact,
} from '../../app/contracts.js';
import { queryClient } from '../../app/query-client.js';

export interface DeputyFilters {
  q?: string;
  orgId?: number;
  stationId?: number;
  level?: DeputyLevel;
  status?: DeputyStatus;
}

export const deputyLevels: readonly DeputyLevel[] = ['national', 'provincial', 'municipal', 'county', 'township'];
export const deputyStatuses: readonly DeputyStatus[] = ['serving', 'ended', 'resigned', 'terminated'];
export const elections: readonly Election[] = ['direct', 'indirect'];

const PAGE_SIZE = 50;
const listKey = ['deputies', 'list'] as const;
const searchKey = ['deputies', 'search'] as const;
const detailKey = (id: number) => ['deputies', 'detail', id] as const;
const myDutyKey = ['deputies', 'me'] as const;

/** Deputies in scope in pinyin order, a page at a time ("load more" passes nextCursor back). */
export function useDeputyList(filters: DeputyFilters) {
  return useInfiniteQuery({
    queryKey: [...listKey, filters],
    queryFn: ({ pageParam }) =>
      api<Page<DeputyView>>('GET', withQuery('/api/deputies', { ...filters, limit: PAGE_SIZE, cursor: pageParam })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** The first serving deputies matching `q` (name, part of it, occupation, pinyin initials), for pickers. */
export function useDeputySearch(q: string, enabled = true) {
  return useQuery({
    queryKey: [...searchKey, q],
    queryFn: () =>
      api<Page<DeputyView>>('GET', withQuery('/api/deputies', { q: q.trim(), status: 'serving', limit: 20 })).then(
        (r) => r.items,
      ),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useDeputy(id: number | null) {
  return useQuery({
    queryKey: detailKey(id ?? 0),
    queryFn: () => api<DeputyView>('GET', `/api/deputies/${id}`),
    enabled: id !== null,
  });
}

function changed(deputy: DeputyView) {
  queryClient.setQueryData(detailKey(deputy.id), deputy);
  void queryClient.invalidateQueries({ queryKey: ['deputies', 'candidates', deputy.id] });
  void queryClient.invalidateQueries({ queryKey: myDutyKey });
  void queryClient.invalidateQueries({ queryKey: listKey });
  void queryClient.invalidateQueries({ queryKey: searchKey });
  // Station members show names and statuses (serving deputies count towards the rules).
  void queryClient.invalidateQueries({ queryKey: ['stations'] });
}

export function useCreateDeputy() {
  return useMutation({
    mutationFn: (body: DeputyInput) => api<DeputyView>('POST', '/api/deputies', body),
    onSuccess: changed,
  });
}

export function useUpdateDeputy() {
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: DeputyPatch }) =>
      api<DeputyView>('PATCH', `/api/deputies/${id}`, patch),
    onSuccess: changed,
  });
}

/** Uploads (or replaces) the deputy's photo; the server checks it and removes EXIF. */
export function useSetDeputyPhoto() {
  return useMutation({
    mutationFn: ({ id, file }: { id: number; file: File }) => {
      const form = new FormData();
      form.append('file', file);
      return api<DeputyView>('PUT', `/api/deputies/${id}/photo`, form);
    },
    onSuccess: changed,
  });
}

export function useRemoveDeputyPhoto() {
  return useMutation({
    mutationFn: (id: number) => api<DeputyView>('DELETE', `/api/deputies/${id}/photo`),
    onSuccess: changed,
  });
}

/** Everyone who may reload the deputies: after an import. */
export function deputiesImported() {
  void queryClient.invalidateQueries({ queryKey: ['deputies'] });
  void queryClient.invalidateQueries({ queryKey: ['stations'] });
}

/** The private phone in full; the server records every such view. */
export function useRevealContact() {
  return useMutation({
    mutationFn: (id: number) => api<RevealedContact>('POST', `/api/deputies/${id}/reveal-contact`),
  });
}

/** 我的履职: the deputy linked to the signed-in account (null when none) and their duty receptions ahead. */
export function useMyDuty() {
  return useQuery({ queryKey: myDutyKey, queryFn: () => api<MyDuty>('GET', '/api/deputies/me') });
}

/** Accounts that may be linked to the deputy (active, holding the deputy role, in scope, unlinked). */
export function useAccountCandidates(deputyId: number, q: string, enabled: boolean) {
  return useQuery({
    queryKey: ['deputies', 'candidates', deputyId, q],
    queryFn: () =>
      api<AccountCandidates>('GET', withQuery(`/api/deputies/${deputyId}/account-candidates`, { q: q.trim() })).then(
        (r) => r.items,
      ),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Links the deputy to a staff account, or unlinks it (null); the server records the change. */
export function useLinkAccount() {
  return useMutation({
    mutationFn: ({ id, userId }: { id: number; userId: number | null }) =>
      api<DeputyView>('PUT', `/api/deputies/${id}/account`, { userId }),
    onSuccess: changed,
  });
}
