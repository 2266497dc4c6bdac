import { useQuery } from '@tanstack/react-query';
import type { Digest } from '../../../../../contracts/duty.js';
import { api } from '../../app/api-client.js';

export type DigestView = Digest;

/** The deputy's digest: new documents that concern their open suggestions (reloaded with the rest of ['duty']). */
export function useDigest() {
  return useQuery({ queryKey: ['duty', 'digest'], queryFn: () => api<Digest>('GET', '/api/duty/digest') });
}
