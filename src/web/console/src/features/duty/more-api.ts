import { useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  EventCancelInput,
  EventEditInput,
  ReceptionRatingLink,
  ReceptionRatingsView,
  UpcomingReception,
} from '../../../../../contracts/duty.js';
import { api, withQuery } from '../../app/api-client.js';
import { queryClient } from '../../app/query-client.js';

export type { ReceptionRatingsView, UpcomingReception };
type Changed = { id: number; changed: string[] };
const refresh = () => void queryClient.invalidateQueries({ queryKey: ['duty'] });

/** Changes a planned activity (the invited are told). */
export function useEditEvent() {
  return useMutation({
    mutationFn: (v: { id: number; body: z.input<typeof EventEditInput> }) =>
      api<Changed>('PATCH', `/api/duty/events/${v.id}`, v.body),
    onSettled: refresh,
  });
}

/** Cancels a planned activity with the reason (the invited are told). */
export function useCancelEvent() {
  return useMutation({
    mutationFn: (v: { id: number; body: z.input<typeof EventCancelInput> }) =>
      api<Changed>('POST', `/api/duty/events/${v.id}/cancel`, v.body),
    onSettled: refresh,
  });
}

/** 接待满意度 of the stations in scope (or of one) and their receptions in a year. */
export function useReceptionRatings(year: number, stationId?: number) {
  return useQuery({
    queryKey: ['duty', 'reception-ratings', year, stationId ?? 0],
    queryFn: () => api<ReceptionRatingsView>('GET', withQuery('/api/duty/reception-ratings', { year, stationId })),
  });
}

/** The receptions to come that the signed-in deputy is on duty for. */
export function useUpcomingReceptions() {
  return useQuery({
    queryKey: ['duty', 'upcoming-receptions'],
    queryFn: () => api<{ items: UpcomingReception[] }>('GET', '/api/duty/upcoming-receptions'),
  });
}

/** The organiser takes an invited deputy off a planned activity (before it starts; the deputy is told). */
export function useRemoveFromEvent() {
  return useMutation({
    mutationFn: (v: { id: number; deputyId: number }) =>
      api<Changed>('DELETE', `/api/duty/events/${v.id}/deputies/${v.deputyId}`),
    onSettled: refresh,
  });
}

/** A share of ratings as a percentage with one decimal. */
export const pct = (share: number) => `${Math.round(share * 1000) / 10}%`;

/** The link (and QR code) visitors open on the spot to rate a reception. */
export function useRatingLink() {
  return useMutation({
    mutationFn: (receptionId: number) =>
      api<z.infer<typeof ReceptionRatingLink>>('POST', `/api/duty/reception-ratings/${receptionId}/link`),
  });
}
