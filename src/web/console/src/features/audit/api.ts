import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, withQuery } from '../../app/api-client.js';
import type { AuditRow, AuditVerifyRun, Page } from '../../app/contracts.js';
import { knownAuditActions } from '../../../../../contracts/audit-words.js';

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

/** Suggestions for the action filter: the prefixes (ending in "."), then every action in words. */
export const knownActions = [
  ...['auth.', 'user.', 'role.', 'audit.', 'security.', 'opinion.', 'suggestion.', 'station.', 'deputy.', 'reception.'],
  ...knownAuditActions(),
];

/** The .xlsx of the current search (the server caps it; the export is audited). */
export function auditExportUrl(filters: AuditFilters) {
  return withQuery('/api/audit/export.xlsx', { ...filters });
}

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

const verifyRunKey = ['audit', 'verify-run'] as const;

/**
 * The newest check of the HMAC chain (by anyone), followed every second while it runs: the check
 * runs on the server in the background, so the page may be left and opened again.
 */
export function useLatestVerifyRun() {
  return useQuery({
    queryKey: verifyRunKey,
    queryFn: () => api<{ run: AuditVerifyRun | null }>('GET', '/api/audit/verify-runs/latest'),
    refetchInterval: (q) => (q.state.data?.run?.status === 'running' ? 1000 : false),
  });
}

/** Starts a check of the chain: of the whole trail, or of the rows written since a moment. */
export function useStartVerifyRun() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (since: string | null) => api<AuditVerifyRun>('POST', '/api/audit/verify-runs', since ? { since } : {}),
    onSuccess: (run) => client.setQueryData(verifyRunKey, { run }),
  });
}
