import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../app/api-client.js';
import type {
  CompositionProblem,
  DeputyView,
  Page,
  StationInput,
  StationKind,
  StationPatch,
  StationView,
} from '../../app/contracts.js';
import { queryClient } from '../../app/query-client.js';
import { orgsQuery } from '../orgs/api.js';

export interface StationFilters {
  q?: string;
  kind?: StationKind;
  withProblems?: boolean;
}

export const stationKinds: readonly StationKind[] = ['home', 'workstation', 'liaisonRoom', 'professional'];

/** In the order the rules are usually read: people first, then what goes on the wall. */
export const compositionProblems: readonly CompositionProblem[] = [
  'tooFewDeputies',
  'noHead',
  'noLiaisonOfficer',
  'missingAddress',
  'missingOpeningHours',
  'missingReceptionRule',
  'missingRules',
  'missingWorkflow',
];

const listKey = ['stations', 'list'] as const;
const detailKey = (id: number) => ['stations', 'detail', id] as const;
const deputiesKey = (id: number) => ['stations', 'deputies', id] as const;

/** Stations in scope (the API answers them all at once, by tree order). */
export function useStationList(filters: StationFilters) {
  return useQuery({
    queryKey: [...listKey, filters],
    queryFn: () =>
      api<{ items: StationView[] }>(
        'GET',
        withQuery('/api/stations', {
          q: filters.q,
          kind: filters.kind,
          withProblems: filters.withProblems ? 'true' : undefined,
        }),
      ).then((r) => r.items),
    placeholderData: keepPreviousData,
  });
}

export function useStation(id: number, enabled = true) {
  return useQuery({
    queryKey: detailKey(id),
    queryFn: () => api<StationView>('GET', `/api/stations/${id}`),
    enabled,
  });
}

/** The deputies on a station with their public contacts (for the wall preview). */
export function useStationDeputies(id: number) {
  return useQuery({
    queryKey: deputiesKey(id),
    queryFn: () =>
      api<Page<DeputyView>>('GET', withQuery('/api/deputies', { stationId: id, limit: 100 })).then((r) => r.items),
  });
}

/** After a change: the detail from the answer; lists (and the deputies' station tags) refetched. */
function changed(station: StationView) {
  queryClient.setQueryData(detailKey(station.id), station);
  void queryClient.invalidateQueries({ queryKey: listKey });
  void queryClient.invalidateQueries({ queryKey: deputiesKey(station.id) });
  void queryClient.invalidateQueries({ queryKey: ['deputies'] });
}

export function useCreateStation() {
  return useMutation({
    mutationFn: (body: StationInput) => api<StationView>('POST', '/api/stations', body),
    onSuccess: (station) => {
      changed(station);
      // A station is also an organisation: the org tree has grown.
      void queryClient.invalidateQueries({ queryKey: orgsQuery.queryKey });
    },
  });
}

export function useUpdateStation() {
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: StationPatch }) =>
      api<StationView>('PATCH', `/api/stations/${id}`, patch),
    onSuccess: (station, { patch }) => {
      changed(station);
      if (patch.name !== undefined || patch.active !== undefined) {
        void queryClient.invalidateQueries({ queryKey: orgsQuery.queryKey });
      }
    },
  });
}

export function useAddMember() {
  return useMutation({
    mutationFn: ({ id, deputyId, isHead }: { id: number; deputyId: number; isHead: boolean }) =>
      api<StationView>('POST', `/api/stations/${id}/members`, { deputyId, isHead }),
    onSuccess: changed,
  });
}

export function useRemoveMember() {
  return useMutation({
    mutationFn: ({ id, deputyId }: { id: number; deputyId: number }) =>
      api<StationView>('DELETE', `/api/stations/${id}/members/${deputyId}`),
    onSuccess: changed,
  });
}

/** The head among the members, if any. */
export function headOf(station: Pick<StationView, 'members'>) {
  return station.members.find((m) => m.isHead) ?? null;
}
