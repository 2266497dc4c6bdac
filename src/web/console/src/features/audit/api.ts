import { keepPreviousData, useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { api, withQuery } from '../../app/api-client.js';
import type { AuditRow, AuditVerifyResult, Page } from '../../app/contracts.js';
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

/** Recomputes the HMAC chain on the server: of the whole trail, or of the rows written since a moment. */
export function useVerifyAudit() {
  return useMutation({
    mutationFn: (since: string | null) =>
      api<AuditVerifyResult>('POST', `/api/audit/verify${since ? `?since=${encodeURIComponent(since)}` : ''}`),
  });
}
