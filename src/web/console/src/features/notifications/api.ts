import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Channel,
  DeliveryCounts,
  DeliveryDetail,
  DeliveryStatus,
  DeliveryView,
  InboxItem,
  MessageType,
  Preferences,
  PreviewView,
  SetContactRequest,
  TemplateList as TemplateListSchema,
} from '../../../../../contracts/notify.js';
import { api, withQuery } from '../../app/api-client.js';
import type { Page } from '../../app/contracts.js';

export type { Channel, DeliveryDetail, DeliveryStatus, DeliveryView, InboxItem, MessageType, Preferences, PreviewView };
export type TemplateList = z.infer<typeof TemplateListSchema>;

export interface DeliveryFilters {
  status?: DeliveryStatus;
  channel?: Channel;
  type?: MessageType;
}

const PAGE_SIZE = 50;

/** The outbox in scope, newest first, a page at a time. */
export function useDeliveries(filters: DeliveryFilters) {
  return useInfiniteQuery({
    queryKey: ['notify', 'deliveries', filters],
    queryFn: ({ pageParam }) =>
      api<Page<DeliveryView>>(
        'GET',
        withQuery('/api/notify/deliveries', { ...filters, limit: PAGE_SIZE, cursor: pageParam }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

export function useDeliveryCounts() {
  return useQuery({
    queryKey: ['notify', 'counts'],
    queryFn: () => api<DeliveryCounts>('GET', '/api/notify/deliveries/counts'),
    staleTime: 0,
  });
}

export function useDelivery(id: number | null) {
  return useQuery({
    queryKey: ['notify', 'delivery', id],
    queryFn: () => api<DeliveryDetail>('GET', `/api/notify/deliveries/${id}`),
    enabled: id !== null,
    staleTime: 0,
  });
}

/** Retry or cancel a delivery; the lists and counts reload. */
export function useDeliveryAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: number; action: 'retry' | 'cancel' }) =>
      api<DeliveryDetail>('POST', `/api/notify/deliveries/${id}/${action}`),
    onSuccess: (detail) => {
      qc.setQueryData(['notify', 'delivery', detail.id], detail);
      void qc.invalidateQueries({ queryKey: ['notify', 'deliveries'] });
      void qc.invalidateQueries({ queryKey: ['notify', 'counts'] });
    },
  });
}

export function useTemplates() {
  return useQuery({
    queryKey: ['notify', 'templates'],
    queryFn: () => api<TemplateList>('GET', '/api/notify/templates'),
  });
}

export function usePreview() {
  return useMutation({
    mutationFn: (input: { type: MessageType; lang: 'zh-CN' | 'en'; vars: Record<string, string> }) =>
      api<PreviewView>('POST', '/api/notify/templates/preview', input),
  });
}

// ——— the bell ———

/**
 * Unread in-app messages. Not polled on a timer (that would keep an idle session alive for
 * ever): the bell refreshes it on navigation and, once a minute, only after the user has touched
 * the console (see NotificationBell).
 */
export function useUnread() {
  return useQuery({
    queryKey: ['notify', 'unread'],
    queryFn: () => api<{ unread: number }>('GET', '/api/notify/inbox/unread'),
    staleTime: 30_000,
  });
}

export function useInbox(enabled: boolean) {
  return useQuery({
    queryKey: ['notify', 'inbox'],
    queryFn: () => api<Page<InboxItem>>('GET', withQuery('/api/notify/inbox', { limit: 10 })),
    enabled,
    staleTime: 0,
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number | 'all') =>
      api<{ unread: number }>('POST', id === 'all' ? '/api/notify/inbox/read-all' : `/api/notify/inbox/${id}/read`),
    onSuccess: (unread) => {
      qc.setQueryData(['notify', 'unread'], unread);
      void qc.invalidateQueries({ queryKey: ['notify', 'inbox'] });
    },
  });
}

// ——— preferences ———

export function usePreferences() {
  return useQuery({
    queryKey: ['notify', 'preferences'],
    queryFn: () => api<Preferences>('GET', '/api/notify/preferences'),
  });
}

export function useSetPreference() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { type: MessageType; channels: Channel[] }) =>
      api<Preferences>('POST', '/api/notify/preferences', input),
    onSuccess: (prefs) => qc.setQueryData(['notify', 'preferences'], prefs),
  });
}

export function useSetContact() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: SetContactRequest) => api<Preferences>('PATCH', '/api/notify/contact', input),
    onSuccess: (prefs) => qc.setQueryData(['notify', 'preferences'], prefs),
  });
}
