import { keepPreviousData, queryOptions, useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../app/api-client.js';
import { ApiError, isErrorBody } from '../../app/api-error.js';
import type {
  CategoryInput,
  CategoryPatch,
  CategoryView,
  Channel,
  InformantView,
  OpinionActionInput,
  OpinionHints,
  OpinionSummary,
  OpinionView,
  OrgView,
  Page,
  RegisterOpinionInput,
  RegisterResult,
  SignOffRequestInput,
  SignOffView,
  Tier,
  TodoCounts,
  TodoQueue,
} from '../../app/contracts.js';
import { translate } from '../../app/i18n.js';
import { getLang } from '../../app/prefs.js';
import { noteAnswer } from '../../../../shared/connection.js';
import { queryClient } from '../../app/query-client.js';
import { orgsQuery } from '../orgs/api.js';

/** The list's filters, as the URL keeps them (`/opinions?state=assigned&overdue=true`). */
export interface OpinionFilters {
  state?: string;
  todo?: TodoQueue;
  categoryId?: number;
  orgId?: number;
  unitId?: number;
  tier?: Tier;
  channel?: Channel;
  overdue?: boolean;
  /** Being handled, the deadline within 3 days (the home page's tile). */
  dueSoon?: boolean;
  from?: string;
  to?: string;
  q?: string;
}

const PAGE_SIZE = 30;
const root = ['opinions'] as const;
const listKey = [...root, 'list'] as const;
const todoKey = [...root, 'todo'] as const;
const detailKey = (id: number) => [...root, 'detail', id] as const;

/** Opinions the user may read, newest first, a keyset page at a time. */
export function useOpinionList(filters: OpinionFilters) {
  return useInfiniteQuery({
    queryKey: [...listKey, filters],
    queryFn: ({ pageParam }) =>
      api<Page<OpinionSummary>>(
        'GET',
        withQuery('/api/opinions', {
          ...filters,
          overdue: filters.overdue ? 'true' : undefined,
          dueSoon: filters.dueSoon ? 'true' : undefined,
          limit: PAGE_SIZE,
          cursor: pageParam,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** The first opinions whose content matches `q` (the merge picker). */
export function useOpinionSearch(q: string) {
  return useQuery({
    queryKey: [...listKey, 'search', q],
    queryFn: () =>
      api<Page<OpinionSummary>>('GET', withQuery('/api/opinions', { q: q.trim(), limit: 10 })).then((r) => r.items),
    enabled: q.trim().length > 0,
    placeholderData: keepPreviousData,
  });
}

/** How many opinions wait in each of my queues. */
export function useTodoCounts(enabled = true) {
  return useQuery({
    queryKey: todoKey,
    queryFn: () => api<TodoCounts>('GET', '/api/opinions/todo'),
    enabled,
    // No polling: a request restarts the server's idle clock, and an idle console must time out.
  });
}

/** While the officer types: likely categories, duplicates and units. */
export function useHints(params: { orgId?: number; text: string; categoryId?: number }) {
  const text = params.text.trim();
  return useQuery({
    queryKey: [...root, 'hints', params.orgId, text, params.categoryId],
    queryFn: () =>
      api<OpinionHints>(
        'GET',
        withQuery('/api/opinions/hints', { orgId: params.orgId, text, categoryId: params.categoryId }),
      ),
    enabled: !!params.orgId && text.length >= 2,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function useOpinion(id: number, enabled = true) {
  return useQuery({
    queryKey: detailKey(id),
    queryFn: () => api<OpinionView>('GET', `/api/opinions/${id}`),
    enabled,
  });
}

/** Reloads an opinion (after a refusal: someone else may have moved it on). */
export function refreshOpinion(id: number) {
  void queryClient.invalidateQueries({ queryKey: detailKey(id) });
}

/** After a step or a registration: the lists and the to-do counts are stale. */
function listsChanged() {
  void queryClient.invalidateQueries({ queryKey: listKey });
  void queryClient.invalidateQueries({ queryKey: todoKey });
}

/** Takes one step of the loop; the answer is the opinion as it now stands. */
export function useOpinionAction(id: number) {
  return useMutation({
    mutationFn: (body: OpinionActionInput) => api<OpinionView>('POST', `/api/opinions/${id}/actions`, body),
    onSuccess: (view) => {
      queryClient.setQueryData(detailKey(id), view);
      listsChanged();
    },
  });
}

/** Asks the street office head to sign an assignment off (签字交办) instead of a paper sign-off. */
export function useRequestSignOff(id: number) {
  return useMutation({
    mutationFn: (body: SignOffRequestInput) => api<OpinionView>('POST', `/api/opinions/${id}/sign-off-requests`, body),
    onSuccess: (view) => {
      queryClient.setQueryData(detailKey(id), view);
      listsChanged();
    },
  });
}

export const signOffsKey = ['opinions', 'sign-offs'] as const;

/** The head's queue of assignments to sign off. */
export function useSignOffs(state: 'pending' | 'approved' | 'declined' = 'pending') {
  return useQuery({
    queryKey: [...signOffsKey, state],
    queryFn: () => api<{ items: SignOffView[] }>('GET', withQuery('/api/opinions/sign-offs', { state })),
  });
}

/** The head signs off (or sends back with the reason). */
export function useDecideSignOff() {
  return useMutation({
    mutationFn: (v: { id: number; opinionId: number; approve: boolean; note?: string }) =>
      api<{ ok: true }>('POST', `/api/opinions/sign-offs/${v.id}/decision`, { approve: v.approve, note: v.note }),
    onSuccess: (_r, v) => {
      void queryClient.invalidateQueries({ queryKey: signOffsKey });
      void queryClient.invalidateQueries({ queryKey: todoKey });
      refreshOpinion(v.opinionId);
      listsChanged();
    },
  });
}

export function useRegisterOpinion() {
  return useMutation({
    mutationFn: (body: RegisterOpinionInput) => api<RegisterResult>('POST', '/api/opinions', body),
    onSuccess: listsChanged,
  });
}

/** The constituent's contact in clear; the server audits every reveal. */
export function useRevealConstituent(id: number) {
  return useMutation({
    mutationFn: () =>
      api<{ name: string | null; phone: string | null; address: string | null }>('POST', `/api/opinions/${id}/reveal`),
  });
}

export const categoriesQuery = queryOptions({
  queryKey: [...root, 'categories'] as const,
  queryFn: () => api<{ items: CategoryView[] }>('GET', '/api/opinions/categories').then((r) => r.items),
  staleTime: 5 * 60_000,
});

/** The category tree (a few dozen rows), parents before children. */
export function useCategories() {
  return useQuery(categoriesQuery);
}

export function useCreateCategory() {
  return useMutation({
    mutationFn: (body: CategoryInput) => api<{ id: number }>('POST', '/api/opinions/categories', body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: categoriesQuery.queryKey }),
  });
}

export function useUpdateCategory() {
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: CategoryPatch }) =>
      api<{ ok: true }>('PATCH', `/api/opinions/categories/${id}`, patch),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: categoriesQuery.queryKey }),
  });
}

const unitKinds: readonly OrgView['kind'][] = ['streetOffice', 'department'];

/** The handling units (street offices, departments) in the user's scope, active ones only. */
export function useHandlingUnits() {
  return useQuery({
    ...orgsQuery,
    select: (orgs: OrgView[]) => orgs.filter((o) => unitKinds.includes(o.kind) && o.active !== false),
  });
}

/** A station's active informants (民情联络员), for opinions they pass on. */
export function useInformants(stationId: number | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['stations', 'informants', stationId],
    queryFn: () =>
      api<{ items: InformantView[] }>('GET', `/api/stations/${stationId}/informants`).then((r) =>
        r.items.filter((i) => i.active),
      ),
    enabled: enabled && !!stationId,
    staleTime: 5 * 60_000,
  });
}

/** Stations in the user's scope (where opinions are registered). */
export function useStations() {
  return useQuery({
    ...orgsQuery,
    select: (orgs: OrgView[]) => orgs.filter((o) => o.kind === 'station' && o.active !== false),
  });
}

/** The API's error for a failed response (its JSON error body, or a generic one). */
async function failure(response: Response, lang: ReturnType<typeof getLang>): Promise<ApiError> {
  const payload: unknown = await response.json().catch(() => null);
  if (isErrorBody(payload)) return new ApiError(response.status, payload.error);
  return new ApiError(response.status, { code: 'UNEXPECTED_RESPONSE', message: translate(lang, 'error.unexpected') });
}

/**
 * Attaches a photo or a PDF to an opinion (multipart; the server checks the type by content and
 * strips a photo's EXIF), through the one API client: CSRF, language, outage strip.
 */
function uploadOpinionFile(id: number, file: File): Promise<{ id: number }> {
  const body = new FormData();
  body.append('file', file, file.name);
  return api('POST', withQuery(`/api/opinions/${id}/files`, { name: file.name.slice(0, 200) }), body);
}

export function useAttachFile(id: number) {
  return useMutation({ mutationFn: (file: File) => uploadOpinionFile(id, file), onSuccess: () => refreshOpinion(id) });
}

/**
 * Fetches the ledger (.xlsx) of a station or body for a period and hands it to the browser as a
 * download. Errors come back as ApiError like every other call.
 */
export async function downloadLedger(params: { orgId: number; from: string; to: string }): Promise<void> {
  const lang = getLang();
  let response: Response;
  try {
    response = await fetch(withQuery('/api/opinions/ledger', params), {
      credentials: 'same-origin',
      headers: { 'Accept-Language': lang },
    });
  } catch {
    noteAnswer(0);
    throw new ApiError(0, { code: 'NETWORK_ERROR', message: translate(lang, 'error.network') });
  }
  // The outage strip hears of it as of every other call.
  noteAnswer(response.status);
  if (!response.ok) throw await failure(response, lang);
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `ledger-${params.from}-${params.to}.xlsx`;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the address goes away.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
