import { useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  EventCancelInput,
  EventEditInput,
  ReceptionRatingLink,
  ReceptionRatingsView,
} from '../../../../../contracts/duty.js';
import { api, withQuery } from '../../app/api-client.js';
import { queryClient } from '../../app/query-client.js';

export type { ReceptionRatingsView };
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

/** 接待满意度 of the stations in scope and their receptions in a year. */
export function useReceptionRatings(year: number) {
  return useQuery({
    queryKey: ['duty', 'reception-ratings', year],
    queryFn: () => api<ReceptionRatingsView>('GET', withQuery('/api/duty/reception-ratings', { year })),
  });
}

/** The link (and QR code) visitors open on the spot to rate a reception. */
export function useRatingLink() {
  return useMutation({
    mutationFn: (receptionId: number) =>
      api<z.infer<typeof ReceptionRatingLink>>('POST', `/api/duty/reception-ratings/${receptionId}/link`),
  });
}
