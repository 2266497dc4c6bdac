import { keepPreviousData, useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CongressSessionInput,
  CongressSessionView,
  DeputyDesk,
  DeskOpinion,
  DraftInput,
  DraftPatch,
  SignerCandidates,
  SuggestionAction,
  SuggestionFigures,
  SuggestionRules,
  SuggestionState,
  SuggestionSummary,
  SuggestionView,
  suggestionQueues,
} from '../../../../../contracts/suggestions.js';
import { api, withQuery } from '../../app/api-client.js';
import type { Page } from '../../app/contracts.js';
import { queryClient } from '../../app/query-client.js';

export type SuggestionQueue = (typeof suggestionQueues)[number];
/** A step's body as sent (defaults may be left out). */
export type SuggestionActionInput = z.input<typeof SuggestionAction>;
export type DraftInputBody = z.input<typeof DraftInput>;
export type DraftPatchBody = z.input<typeof DraftPatch>;
export type SessionInputBody = z.input<typeof CongressSessionInput>;
export type {
  CongressSessionView,
  DeskOpinion,
  SuggestionFigures,
  SuggestionRules,
  SuggestionState,
  SuggestionSummary,
  SuggestionView,
};
/** The deputy's desk: counts, the opinions addressed to them, escalated opinions to take up. */
export type Desk = DeputyDesk;
export type SignerCandidate = z.infer<typeof SignerCandidates>['items'][number];

/** The list's filters, as the address keeps them (`/suggestions?queue=toReview&sessionId=3`). */
export interface SuggestionFilters {
  queue?: SuggestionQueue;
  sessionId?: number;
  q?: string;
}

const PAGE_SIZE = 30;
const root = ['suggestions'] as const;
const listKey = [...root, 'list'] as const;
const deskKey = [...root, 'desk'] as const;
const sessionsKey = [...root, 'sessions'] as const;
const rulesKey = [...root, 'rules'] as const;
const detailKey = (id: number) => [...root, 'detail', id] as const;

/** Suggestions in one queue (or all the user may see), newest first, a keyset page at a time. */
export function useSuggestionList(filters: SuggestionFilters, enabled = true) {
  return useInfiniteQuery({
    queryKey: [...listKey, filters],
    queryFn: ({ pageParam }) =>
      api<Page<SuggestionSummary>>(
        'GET',
        withQuery('/api/suggestions', { ...filters, limit: PAGE_SIZE, cursor: pageParam }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    // Others move suggestions on (the committee, a unit, a co-signer): fresh each time a list is opened.
    staleTime: 0,
    enabled,
  });
}

/** The first suggestions whose words match `q` (the merge picker). */
export function useSuggestionSearch(q: string) {
  return useQuery({
    queryKey: [...listKey, 'search', q],
    queryFn: () =>
      api<Page<SuggestionSummary>>('GET', withQuery('/api/suggestions', { q: q.trim(), limit: 20 })).then(
        (r) => r.items,
      ),
    placeholderData: keepPreviousData,
  });
}

/** The deputy's desk: counts, the opinions addressed to them, escalated opinions to take up. */
export function useDesk(enabled = true) {
  return useQuery({
    queryKey: deskKey,
    queryFn: () => api<Desk>('GET', '/api/suggestions/desk'),
    staleTime: 0,
    enabled,
  });
}

export function useSuggestion(id: number, enabled = true) {
  return useQuery({
    queryKey: detailKey(id),
    queryFn: () => api<SuggestionView>('GET', `/api/suggestions/${id}`),
    // Shown from the cache at once, then as it stands now: someone else may have taken a step since.
    staleTime: 0,
    enabled,
  });
}

/** Reloads a suggestion (after a refusal: someone else may have moved it on). */
export function refreshSuggestion(id: number) {
  void queryClient.invalidateQueries({ queryKey: detailKey(id) });
}

/** A suggestion the server answered with: into the cache; the lists and the desk are stale. */
function changed(view: SuggestionView) {
  queryClient.setQueryData(detailKey(view.id), view);
  void queryClient.invalidateQueries({ queryKey: listKey });
  void queryClient.invalidateQueries({ queryKey: deskKey });
}

export function useCreateDraft() {
  return useMutation({
    mutationFn: (body: DraftInputBody) => api<SuggestionView>('POST', '/api/suggestions', body),
    onSuccess: changed,
  });
}

export function useUpdateDraft(id: number) {
  return useMutation({
    mutationFn: (body: DraftPatchBody) => api<SuggestionView>('PATCH', `/api/suggestions/${id}`, body),
    onSuccess: changed,
  });
}

/** Takes one step; the answer is the suggestion as it now stands. */
export function useSuggestionAction(id: number) {
  return useMutation({
    mutationFn: (body: SuggestionActionInput) => api<SuggestionView>('POST', `/api/suggestions/${id}/actions`, body),
    onSuccess: changed,
  });
}

export function useInviteSigners(id: number) {
  return useMutation({
    mutationFn: (deputyIds: number[]) => api<SuggestionView>('POST', `/api/suggestions/${id}/signers`, { deputyIds }),
    onSuccess: changed,
  });
}

/** The invited deputy confirms or declines co-signing. */
export function useAnswerInvitation(id: number) {
  return useMutation({
    mutationFn: (body: { accept: boolean; note?: string }) =>
      api<SuggestionView>('PUT', `/api/suggestions/${id}/signers/me`, body),
    onSuccess: changed,
  });
}

/** Serving deputies of the suggestion's congress matching `q` (name, part of it, pinyin), whom the lead deputy may invite. */
export function useSignerCandidates(id: number, q: string, enabled: boolean) {
  return useQuery({
    queryKey: [...detailKey(id), 'candidates', q],
    queryFn: () =>
      api<z.infer<typeof SignerCandidates>>(
        'GET',
        withQuery(`/api/suggestions/${id}/signer-candidates`, { q: q.trim() }),
      ).then((r) => r.items),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCancelInvitation(id: number) {
  return useMutation({
    mutationFn: (deputyId: number) => api<SuggestionView>('DELETE', `/api/suggestions/${id}/signers/${deputyId}`),
    onSuccess: changed,
  });
}

/** The congress sessions the user works with, newest first. */
export function useSessions() {
  return useQuery({
    queryKey: sessionsKey,
    queryFn: () => api<{ items: CongressSessionView[] }>('GET', '/api/suggestions/sessions').then((r) => r.items),
    staleTime: 5 * 60_000,
  });
}

export function useCreateSession() {
  return useMutation({
    mutationFn: (body: SessionInputBody) => api<{ id: number }>('POST', '/api/suggestions/sessions', body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: sessionsKey }),
  });
}

export function useSetSessionOpen() {
  return useMutation({
    mutationFn: ({ id, open }: { id: number; open: boolean }) =>
      api<{ ok: true }>('PUT', `/api/suggestions/sessions/${id}/open`, { open }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: sessionsKey }),
  });
}

interface RulesAnswer {
  orgId: number;
  rules: SuggestionRules;
}

export function useRules(enabled = true) {
  return useQuery({
    queryKey: rulesKey,
    queryFn: () => api<RulesAnswer>('GET', '/api/suggestions/rules'),
    enabled,
  });
}

export function useSetRules() {
  return useMutation({
    mutationFn: (rules: SuggestionRules) => api<RulesAnswer>('PUT', '/api/suggestions/rules', rules),
    onSuccess: (answer) => queryClient.setQueryData(rulesKey, answer),
  });
}

/** The query string of the figures (also what the .xlsx export takes). */
export function figuresQuery(sessionId: number | undefined) {
  return { sessionId };
}

export function useFigures(sessionId: number | undefined) {
  return useQuery({
    queryKey: [...root, 'figures', sessionId ?? 0],
    queryFn: () => api<SuggestionFigures>('GET', withQuery('/api/suggestions/figures', figuresQuery(sessionId))),
    placeholderData: keepPreviousData,
  });
}

/** The address of the figures as .xlsx (a plain link: the browser downloads it with the session cookie). */
export function figuresExportUrl(sessionId: number | undefined) {
  return withQuery('/api/suggestions/figures.xlsx', figuresQuery(sessionId));
}
