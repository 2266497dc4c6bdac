import { useMutation, useQueries, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ContactInput,
  ContactsView,
  EventCode,
  EventInput,
  EventRoster,
  EventSignInInput,
  EventSignInResult,
  EventView,
  PairingInput,
} from '../../../../../contracts/duty.js';
import { api, withQuery } from '../../app/api-client.js';
import { queryClient } from '../../app/query-client.js';

export type { ContactsView, EventCode, EventView };
export type RosterView = z.infer<typeof EventRoster>;

const root = ['duty'] as const;
/** A sign-in or a contact moves the record too: everything of the duty record is reloaded. */
const refresh = () => void queryClient.invalidateQueries({ queryKey: root });

/** A year's planned activities (staff: organised in scope; deputy: invited or open to sign up). */
export function useEvents(year: number, kind?: string) {
  return useQuery(eventsQuery(year, kind));
}

function eventsQuery(year: number, kind?: string) {
  return {
    queryKey: [...root, 'events', year, kind ?? ''],
    queryFn: () => api<{ items: EventView[] }>('GET', withQuery('/api/duty/events', { year, kind })),
  };
}

/** The activities of several years as one list, in the years' order (what is to come runs into the next year). */
export function useEventsOfYears(years: readonly number[]) {
  return useQueries({
    queries: years.map((year) => eventsQuery(year)),
    combine: (results) => ({
      isPending: results.some((r) => r.isPending),
      error: results.find((r) => r.error)?.error ?? null,
      items: results.flatMap((r) => r.data?.items ?? []),
    }),
  });
}

export function usePlanEvent() {
  return useMutation({
    mutationFn: (body: z.input<typeof EventInput>) => api<{ id: number }>('POST', '/api/duty/events', body),
    onSettled: refresh,
  });
}

export function useRoster(id: number | null) {
  return useQuery({
    queryKey: [...root, 'roster', id],
    queryFn: () => api<RosterView>('GET', `/api/duty/events/${id}/roster`),
    enabled: id !== null,
    refetchInterval: 10_000,
  });
}

export function useIssueCode() {
  return useMutation({
    mutationFn: (v: { id: number; minutes: number }) =>
      api<EventCode>('POST', `/api/duty/events/${v.id}/code`, { minutes: v.minutes }),
  });
}

export function useEventSignIn() {
  return useMutation({
    mutationFn: (v: { id: number; body: z.input<typeof EventSignInInput> }) =>
      api<z.infer<typeof EventSignInResult>>('POST', `/api/duty/events/${v.id}/sign-in`, v.body),
    onSettled: refresh,
  });
}

export function useSignUp() {
  return useMutation({
    mutationFn: (v: { id: number; join: boolean }) =>
      api<EventView>(v.join ? 'POST' : 'DELETE', `/api/duty/events/${v.id}/sign-up`),
    onSettled: refresh,
  });
}

export function useContacts(year: number) {
  return useQuery({
    queryKey: [...root, 'contacts', year],
    queryFn: () => api<ContactsView>('GET', withQuery('/api/duty/contacts', { year })),
  });
}

export function useRecordContact() {
  return useMutation({
    mutationFn: (body: z.input<typeof ContactInput>) => api<{ id: number }>('POST', '/api/duty/contacts', body),
    onSettled: refresh,
  });
}

export function usePair() {
  return useMutation({
    mutationFn: (body: z.input<typeof PairingInput>) => api<{ created: boolean }>('POST', '/api/duty/pairings', body),
    onSettled: refresh,
  });
}

/** Pulls what receptions, opinions and suggestions know into one deputy's record now (reading never does). */
export function useSyncRecord() {
  return useMutation({
    mutationFn: (v: { deputyId: number; year: number }) =>
      api<{ deputies: number; inserted: number }>('POST', '/api/duty/sync', v),
    onSettled: refresh,
  });
}

/** A ledger's download link (the browser sends the session cookie). */
export const ledgerXlsx = (which: 'receptions' | 'duty', orgId: number, from: string, to: string) =>
  withQuery(`/api/duty/ledgers/${which}.xlsx`, { orgId, from, to });

/** The address a QR code at the place opens on the deputy's phone. */
export const signInUrl = (id: number, token: string) =>
  `${window.location.origin}/console/duty/sign-in/${id}?t=${encodeURIComponent(token)}`;
