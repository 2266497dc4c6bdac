import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api-client.js';
import type { OrgView } from '../../app/contracts.js';

export const orgsQuery = queryOptions({
  queryKey: ['orgs'] as const,
  queryFn: () => api<{ items: OrgView[] }>('GET', '/api/orgs').then((r) => r.items),
  staleTime: 5 * 60_000,
});

/** The organisations in the user's scope, in tree order. */
export function useOrgs(enabled = true) {
  return useQuery({ ...orgsQuery, enabled });
}
