import { useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  BallotChoices,
  DecisionInput,
  PlanInput,
  ProjectInput,
  ProjectState,
  ProjectSummary,
  ProjectView,
  ReconcileInput,
  ScreeningInput,
  StaffComments,
  VoteInput,
  VoteSummary,
  VoterRow,
  VoteView,
} from '../../../../../contracts/projects.js';
import { api, withQuery } from '../../app/api-client.js';
import { queryClient } from '../../app/query-client.js';

export type { BallotChoices, ProjectState, ProjectSummary, ProjectView, VoteView };
export type VoteSummaryRow = z.infer<typeof VoteSummary>;
export type Voter = z.infer<typeof VoterRow>;
export type ProjectBody = z.input<typeof ProjectInput>;
export type ScreeningBody = z.input<typeof ScreeningInput>;
export type VoteBody = z.input<typeof VoteInput>;
export type PlanBody = z.input<typeof PlanInput>;
export type DecisionBody = z.input<typeof DecisionInput>;
export type ReconcileBody = z.input<typeof ReconcileInput>;
export type StaffComment = z.infer<typeof StaffComments>['items'][number];
export type ProjectLink = { id: number; title: string; year: number; state: ProjectState };

const root = ['projects'] as const;

/** Yuan as 万元 on screens (two decimals at most). */
export const wan = (yuan: number) => (yuan / 10000).toLocaleString('zh-CN', { maximumFractionDigits: 2 });

export function useProjects(filters: { year?: number; state?: ProjectState }) {
  return useQuery({
    queryKey: [...root, 'list', filters],
    queryFn: () => api<{ items: ProjectSummary[] }>('GET', withQuery('/api/projects', filters)).then((r) => r.items),
    staleTime: 0,
  });
}

export function useProject(id: number) {
  return useQuery({
    queryKey: [...root, 'detail', id],
    queryFn: () => api<ProjectView>('GET', `/api/projects/${id}`),
    staleTime: 0,
  });
}

export function useVotes() {
  return useQuery({
    queryKey: [...root, 'votes'],
    queryFn: () => api<{ items: VoteSummaryRow[] }>('GET', '/api/projects/votes').then((r) => r.items),
    staleTime: 0,
  });
}

export function useVote(id: number) {
  return useQuery({
    queryKey: [...root, 'vote', id],
    queryFn: () => api<VoteView>('GET', `/api/projects/votes/${id}`),
    staleTime: 0,
  });
}

export function useVoters(id: number, enabled: boolean) {
  return useQuery({
    queryKey: [...root, 'voters', id],
    queryFn: () => api<{ items: Voter[] }>('GET', `/api/projects/votes/${id}/voters`).then((r) => r.items),
    staleTime: 0,
    enabled,
  });
}

/** Any write of the module: the caller names method, path and body; every projects query is fresh afterwards. */
export function useProjectWrite<T = unknown>() {
  return useMutation({
    mutationFn: ({ method, path, body }: { method: 'POST' | 'PUT'; path: string; body?: unknown }) =>
      api<T>(method, path, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: root }),
  });
}

/** The public comments on a vote's candidates (masked contacts) and the counts. */
export function useComments(voteId: number) {
  return useQuery({
    queryKey: [...root, 'comments', voteId],
    queryFn: () => api<z.infer<typeof StaffComments>>('GET', `/api/projects/votes/${voteId}/comments`),
    staleTime: 0,
  });
}

/** The projects an opinion or a suggestion led to (empty when the user may read none). */
export function useProjectLinks(ref: { opinionId?: number; suggestionId?: number }) {
  return useQuery({
    queryKey: [...root, 'links', ref],
    queryFn: () => api<{ items: ProjectLink[] }>('GET', withQuery('/api/projects/links', ref)).then((r) => r.items),
    staleTime: 0,
  });
}
