import { useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  MarkAppointmentRequest,
  RecordRequest,
  SignInRequest,
  TableOpinionRequest,
  VisitorsRequest,
} from '../../../../../contracts/receptions.js';
import { api, withQuery } from '../../app/api-client.js';
import type {
  Compliance,
  PlanView,
  ReceptionInput,
  ReceptionPatch,
  ReceptionSummary,
  ReceptionView,
  ReceptionsOverview,
  StationView,
} from '../../app/contracts.js';
import { queryClient } from '../../app/query-client.js';

const key = ['receptions'] as const;
export const receptionKey = (id: number) => [...key, 'detail', id] as const;

export function useReceptions(
  params: { stationId?: number; deputyId?: number; from: string; to: string },
  enabled = true,
) {
  return useQuery({
    queryKey: [...key, 'list', params],
    queryFn: () => api<{ items: ReceptionSummary[] }>('GET', withQuery('/api/receptions', params)),
    enabled,
  });
}

export function useReception(id: number) {
  return useQuery({ queryKey: receptionKey(id), queryFn: () => api<ReceptionView>('GET', `/api/receptions/${id}`) });
}

export function useStationDetail(id: number | undefined) {
  return useQuery({
    queryKey: ['stations', 'detail', id ?? 0],
    queryFn: () => api<StationView>('GET', `/api/stations/${id}`),
    enabled: !!id,
  });
}

/** Puts a reception answered by the server into the cache and refreshes the lists. */
export function receptionChanged(r: ReceptionView) {
  queryClient.setQueryData(receptionKey(r.id), r);
  void queryClient.invalidateQueries({ queryKey: [...key, 'list'] });
  void queryClient.invalidateQueries({ queryKey: [...key, 'plan'] });
}

export function useReceptionAction<B>(id: number, method: 'POST' | 'PATCH' | 'PUT', path: string) {
  return useMutation({
    mutationFn: (body: B) => api<ReceptionView>(method, `/api/receptions/${id}${path}`, body),
    onSuccess: receptionChanged,
  });
}

export function useCreateReception() {
  return useMutation({
    mutationFn: (body: ReceptionInput) => api<ReceptionView>('POST', '/api/receptions', body),
    onSuccess: receptionChanged,
  });
}

export type { ReceptionPatch };

export function usePlan(stationId: number | undefined, year: number) {
  return useQuery({
    queryKey: [...key, 'plan', stationId ?? 0, year],
    queryFn: () =>
      api<{ plan: PlanView | null; arranged: ReceptionSummary[] }>(
        'GET',
        withQuery('/api/receptions/plans', { stationId, year }),
      ),
    enabled: !!stationId,
  });
}

function planChanged(plan: PlanView) {
  queryClient.setQueryData([...key, 'plan', plan.stationId, plan.year], { plan, arranged: [] });
  void queryClient.invalidateQueries({ queryKey: [...key, 'list'] });
}

export function useGeneratePlan() {
  return useMutation({
    mutationFn: (body: { stationId: number; year: number; perReception: number }) =>
      api<PlanView>('POST', '/api/receptions/plans/generate', body),
    onSuccess: planChanged,
  });
}

export function usePlanStep() {
  return useMutation({
    mutationFn: ({ id, step }: { id: number; step: 'submit' | 'approve' | 'reopen' }) =>
      api<PlanView>('POST', `/api/receptions/plans/${id}/${step}`),
    onSuccess: planChanged,
  });
}

export function useSavePlan() {
  return useMutation({
    mutationFn: ({ id, ...body }: { id: number; note?: string | null; summary?: string | null }) =>
      api<PlanView>('PATCH', `/api/receptions/plans/${id}`, body),
    onSuccess: planChanged,
  });
}

export function draftSummary(id: number) {
  return api<{ summary: string }>('GET', `/api/receptions/plans/${id}/summary-draft`);
}

export function useCompliance(orgId?: number) {
  return useQuery({
    queryKey: [...key, 'compliance', orgId ?? 0],
    queryFn: () => api<Compliance>('GET', withQuery('/api/receptions/compliance', { orgId })),
  });
}

export function useOverview(year: number) {
  return useQuery({
    queryKey: [...key, 'overview', year],
    queryFn: () => api<ReceptionsOverview>('GET', withQuery('/api/receptions/overview', { year })),
  });
}

export function feedLink(deputyId: number) {
  return api<{ url: string }>('GET', `/api/receptions/deputies/${deputyId}/feed`);
}

export function qrCodes(id: number) {
  return api<{ items: { deputyId: number; name: string; qrToken: string }[] }>('GET', `/api/receptions/${id}/qr-codes`);
}

/** A booking's full name and phone (the server audits each reveal). */
export function revealAppointment(id: number, appointmentId: number) {
  return api<{ name: string; phone: string }>('POST', `/api/receptions/${id}/appointments/${appointmentId}/reveal`);
}

/** Deputy groups in scope (for a group activity). */
export function useGroupOptions() {
  return useQuery({
    queryKey: ['groups', 'options'],
    queryFn: () => api<{ items: { id: number; name: string; active: boolean }[] }>('GET', '/api/groups?limit=100'),
    select: (d) => d.items.filter((g) => g.active),
  });
}

// ——— at the table ———

/** A deputy's sign-in at the table, by the deputy's row or by a scanned sign-in code. */
export type SignInBody = z.input<typeof SignInRequest>;
/** One visitor more or fewer. */
export type VisitorsBody = z.input<typeof VisitorsRequest>;
/** An opinion registered at the table. */
export type TableOpinionBody = z.input<typeof TableOpinionRequest>;
export type RecordBody = z.input<typeof RecordRequest>;
export type MarkAppointmentBody = z.input<typeof MarkAppointmentRequest>;

export function getReception(id: number) {
  return api<ReceptionView>('GET', `/api/receptions/${id}`);
}

export function markAppointment(id: number, appointmentId: number, body: MarkAppointmentBody) {
  return api<ReceptionView>('POST', `/api/receptions/${id}/appointments/${appointmentId}/mark`, body);
}

export function saveRecord(id: number, body: RecordBody) {
  return api<ReceptionView>('PUT', `/api/receptions/${id}/record`, body);
}

export function uploadPhoto(id: number, file: File) {
  const fd = new FormData();
  fd.append('file', file);
  return api<ReceptionView>('POST', `/api/receptions/${id}/photos`, fd);
}

export function closeReception(id: number) {
  return api<ReceptionView>('POST', `/api/receptions/${id}/close`);
}
