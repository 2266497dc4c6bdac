import { keepPreviousData, useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { api, withQuery } from '../../app/api-client.js';
import type { AuditRow, AuditVerifyResult, Page } from '../../app/contracts.js';

export interface AuditFilters {
  actor?: string;
  action?: string;
  subjectType?: string;
  subjectId?: string;
  /** ISO date-times with offset. */
  from?: string;
  to?: string;
}

const PAGE_SIZE = 50;

/** Suggestions for the action filter: what the server records today, and the prefixes (ending in "."). */
export const knownActions = [
  'auth.',
  'auth.login',
  'auth.login.failed',
  'auth.login.refusedLocked',
  'auth.login.disabled',
  'auth.lockout',
  'auth.logout',
  'auth.logoutEverywhere',
  'auth.mfa.failed',
  'auth.password.changed',
  'auth.password.changeFailed',
  'auth.session.expired',
  'auth.totp.begin',
  'auth.totp.enabled',
  'auth.totp.disabled',
  'user.',
  'user.create',
  'user.update',
  'user.setStatus',
  'user.resetPassword',
  'user.unlock',
  'user.revokeSessions',
  'role.',
  'role.grant',
  'role.revoke',
  'audit.',
  'audit.search',
  'audit.verify',
  'security.',
  'security.csrfRejected',
] as const;

/** The audit trail, newest first, a page at a time. */
export function useAuditLog(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam }) =>
      api<Page<AuditRow>>('GET', withQuery('/api/audit', { ...filters, limit: PAGE_SIZE, cursor: pageParam })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

/** Recomputes the HMAC chain of the whole trail on the server. */
export function useVerifyAudit() {
  return useMutation({ mutationFn: () => api<AuditVerifyResult>('POST', '/api/audit/verify') });
}
