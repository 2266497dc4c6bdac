import { keepPreviousData, useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../app/api-client.js';
import type {
  CreateUserRequest,
  CreatedUser,
  Page,
  Role,
  SessionsEnded,
  TemporaryPassword,
  UserStatus,
  UserView,
} from '../../app/contracts.js';
import { queryClient } from '../../app/query-client.js';

export interface UserFilters {
  q?: string;
  orgId?: number;
  status?: UserStatus;
}

const PAGE_SIZE = 50;
const listKey = ['users', 'list'] as const;
const detailKey = (id: number) => ['users', 'detail', id] as const;

/** Users in scope, a page at a time (keyset: "load more" passes nextCursor back). */
export function useUserList(filters: UserFilters) {
  return useInfiniteQuery({
    queryKey: [...listKey, filters],
    queryFn: ({ pageParam }) =>
      api<Page<UserView>>('GET', withQuery('/api/users', { ...filters, limit: PAGE_SIZE, cursor: pageParam })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useUser(id: number | null) {
  return useQuery({
    queryKey: detailKey(id ?? 0),
    queryFn: () => api<UserView>('GET', `/api/users/${id}`),
    enabled: id !== null,
  });
}

/** After a change: the detail from the answer, the list refetched. */
function changed(user: UserView) {
  queryClient.setQueryData(detailKey(user.id), user);
  void queryClient.invalidateQueries({ queryKey: listKey });
}

function refreshUser(id: number) {
  void queryClient.invalidateQueries({ queryKey: detailKey(id) });
  void queryClient.invalidateQueries({ queryKey: listKey });
}

export function useCreateUser() {
  return useMutation({
    mutationFn: (body: CreateUserRequest) => api<CreatedUser>('POST', '/api/users', body),
    onSuccess: (created) => changed(created.user),
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: (id: number) => api<TemporaryPassword>('POST', `/api/users/${id}/reset-password`),
    onSuccess: (_result, id) => refreshUser(id),
  });
}

export function useSetStatus() {
  return useMutation({
    mutationFn: ({ id, status }: { id: number; status: UserStatus }) =>
      api<UserView>('POST', `/api/users/${id}/status`, { status }),
    onSuccess: changed,
  });
}

export function useGrantRole() {
  return useMutation({
    mutationFn: ({ id, role, orgId }: { id: number; role: Role; orgId: number }) =>
      api<UserView>('POST', `/api/users/${id}/roles`, { role, orgId }),
    onSuccess: changed,
  });
}

export function useRevokeRole() {
  return useMutation({
    mutationFn: ({ id, roleId }: { id: number; roleId: number }) =>
      api<UserView>('DELETE', `/api/users/${id}/roles/${roleId}`),
    onSuccess: changed,
  });
}

export function useUnlockUser() {
  return useMutation({
    mutationFn: (id: number) => api<UserView>('POST', `/api/users/${id}/unlock`),
    onSuccess: changed,
  });
}

export function useRevokeSessions() {
  return useMutation({
    mutationFn: (id: number) => api<SessionsEnded>('POST', `/api/users/${id}/sessions/revoke`),
    onSuccess: (_result, id) => refreshUser(id),
  });
}

/** Whether a sign-in lockout is still running. */
export function isLocked(user: Pick<UserView, 'lockedUntil'>): boolean {
  return user.lockedUntil !== null && Date.parse(user.lockedUntil) > Date.now();
}
