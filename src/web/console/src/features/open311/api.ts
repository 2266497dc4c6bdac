import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api-client.js';
import { queryClient } from '../../app/query-client.js';

export interface Open311Key {
  id: number;
  name: string;
  hint: string;
  orgName: string;
  createdAt: string;
  revokedAt: string | null;
}

const keysKey = ['open311', 'keys'] as const;

export function useOpen311Keys() {
  return useQuery({
    queryKey: keysKey,
    queryFn: () => api<{ items: Open311Key[] }>('GET', '/api/open311/keys').then((r) => r.items),
  });
}

export function useIssueKey() {
  return useMutation({
    mutationFn: (body: { name: string; orgId: number }) =>
      api<{ id: number; key: string }>('POST', '/api/open311/keys', body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: keysKey }),
  });
}

export function useRevokeKey() {
  return useMutation({
    mutationFn: (id: number) => api<{ ok: true }>('POST', `/api/open311/keys/${id}/revoke`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: keysKey }),
  });
}
