import { keepPreviousData, useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../app/api-client.js';
import type {
  CompositionProblem,
  DeputyView,
  InformantInput,
  InformantPatch,
  InformantView,
  Page,
  ReceptionRule,
  RulePreview,
  StationChange,
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
  orgId?: number;
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

const PAGE_SIZE = 50;
const listKey = ['stations', 'list'] as const;
const summaryKey = ['stations', 'summary'] as const;
const detailKey = (id: number) => ['stations', 'detail', id] as const;
const deputiesKey = (id: number) => ['stations', 'deputies', id] as const;
const informantsKey = (id: number) => ['stations', 'informants', id] as const;
const historyKey = (id: number) => ['stations', 'history', id] as const;

/** The query string of the list (the export takes the same). */
export function stationQuery(filters: StationFilters) {
  return {
    q: filters.q,
    kind: filters.kind,
    orgId: filters.orgId,
    withProblems: filters.withProblems ? 'true' : undefined,
  };
}

/** Stations in scope in pinyin order, a page at a time ("load more" passes nextCursor back). */
export function useStationList(filters: StationFilters) {
  return useInfiniteQuery({
    queryKey: [...listKey, filters],
    queryFn: ({ pageParam }) =>
      api<Page<StationView>>(
        'GET',
        withQuery('/api/stations', { ...stationQuery(filters), limit: PAGE_SIZE, cursor: pageParam }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** How many active stations are in scope and how many break the rules. */
export function useStationSummary() {
  return useQuery({
    queryKey: summaryKey,
    queryFn: () => api<{ total: number; withProblems: number }>('GET', '/api/stations/summary'),
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
  void queryClient.invalidateQueries({ queryKey: summaryKey });
  void queryClient.invalidateQueries({ queryKey: deputiesKey(station.id) });
  void queryClient.invalidateQueries({ queryKey: historyKey(station.id) });
  void queryClient.invalidateQueries({ queryKey: ['deputies'] });
}

/** After an import: every station list and count. */
export function stationsImported() {
  void queryClient.invalidateQueries({ queryKey: ['stations'] });
  void queryClient.invalidateQueries({ queryKey: orgsQuery.queryKey });
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

export function useAddPhoto() {
  return useMutation({
    mutationFn: ({ id, file, caption }: { id: number; file: File; caption?: string }) => {
      const form = new FormData();
      form.append('file', file);
      return api<StationView>('POST', withQuery(`/api/stations/${id}/photos`, { caption }), form);
    },
    onSuccess: changed,
  });
}

export function useRemovePhoto() {
  return useMutation({
    mutationFn: ({ id, photoId }: { id: number; photoId: number }) =>
      api<StationView>('DELETE', `/api/stations/${id}/photos/${photoId}`),
    onSuccess: changed,
  });
}

/** How a rule reads and its next three days (from the server's calendar), or the rule recognised in a text. */
export function previewRule(body: { rule: ReceptionRule } | { text: string }) {
  return api<RulePreview>('POST', '/api/stations/reception-preview', body);
}

export function useInformants(stationId: number) {
  return useQuery({
    queryKey: informantsKey(stationId),
    queryFn: () => api<{ items: InformantView[] }>('GET', `/api/stations/${stationId}/informants`).then((r) => r.items),
  });
}

function informantsChanged(stationId: number) {
  void queryClient.invalidateQueries({ queryKey: informantsKey(stationId) });
  void queryClient.invalidateQueries({ queryKey: historyKey(stationId) });
}

export function useSaveInformant(stationId: number) {
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: InformantInput | InformantPatch }) =>
      id
        ? api<InformantView>('PATCH', `/api/stations/${stationId}/informants/${id}`, body)
        : api<InformantView>('POST', `/api/stations/${stationId}/informants`, body),
    onSuccess: () => informantsChanged(stationId),
  });
}

/** An informant's phone in full; the server records every such view. */
export function useRevealInformant(stationId: number) {
  return useMutation({
    mutationFn: (id: number) =>
      api<{ phone: string | null }>('POST', `/api/stations/${stationId}/informants/${id}/reveal-contact`),
  });
}

/** The station's changes, newest first, a page at a time. */
export function useStationHistory(stationId: number) {
  return useInfiniteQuery({
    queryKey: historyKey(stationId),
    queryFn: ({ pageParam }) =>
      api<Page<StationChange>>(
        'GET',
        withQuery(`/api/stations/${stationId}/history`, { limit: 30, cursor: pageParam }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** The head among the members, if any. */
export function headOf(station: Pick<StationView, 'members'>) {
  return station.members.find((m) => m.isHead) ?? null;
}
