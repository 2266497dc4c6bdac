import { useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ActivityView,
  AssessmentInput,
  Assessments,
  AwardInput,
  awardCategories,
  BulletinInput,
  BulletinReceipts,
  BulletinView,
  CheckInput,
  DecisionInput,
  DisputeInput,
  DutyRecord,
  HandEntryInput,
  Nominations,
  ReportPatch,
  ReportView,
  ResolveInput,
  RulesInput,
  RulesVersion,
  Standings,
} from '../../../../../contracts/duty.js';
import { api, withQuery } from '../../app/api-client.js';
import { queryClient } from '../../app/query-client.js';

export type { ActivityView, BulletinView, DutyRecord, ReportView };
export type StandingsView = z.infer<typeof Standings>;
export type RulesVersionView = z.infer<typeof RulesVersion>;

const root = ['duty'] as const;
/** After any change the record, queues, standings and reports may all move: they are reloaded. */
const refresh = () => void queryClient.invalidateQueries({ queryKey: root });

/** A deputy's record for a year (no deputy: one's own). */
export function useRecord(deputyId: number | undefined, year: number, enabled = true) {
  return useQuery({
    queryKey: [...root, 'record', deputyId ?? 'mine', year],
    queryFn: () => api<DutyRecord>('GET', withQuery('/api/duty/record', { deputyId, year })),
    enabled,
    retry: false,
  });
}

/** The .xlsx of a record (a link the browser downloads with the session cookie). */
export const recordXlsx = (deputyId: number, year: number) => withQuery('/api/duty/record.xlsx', { deputyId, year });

export function useDeputies() {
  return useQuery({
    queryKey: [...root, 'deputies'],
    queryFn: () => api<{ items: { id: number; name: string; orgName: string }[] }>('GET', '/api/duty/deputies'),
  });
}

export function useOpenActivities() {
  return useQuery({
    queryKey: [...root, 'open'],
    queryFn: () => api<{ items: ActivityView[] }>('GET', '/api/duty/activities/open'),
  });
}

export function useEnterActivity() {
  return useMutation({
    mutationFn: async (v: { body: z.input<typeof HandEntryInput>; file?: File }) => {
      const r = await api<{ activity: ActivityView; existing: boolean }>('POST', '/api/duty/activities', v.body);
      if (v.file && !r.existing) {
        const form = new FormData();
        form.append('file', v.file);
        await api('POST', withQuery(`/api/duty/activities/${r.activity.id}/evidence`, { name: v.file.name }), form);
      }
      return r;
    },
    onSettled: refresh,
  });
}

export function useDispute() {
  return useMutation({
    mutationFn: (v: { id: number; body: z.input<typeof DisputeInput> }) =>
      api<ActivityView>('POST', `/api/duty/activities/${v.id}/dispute`, v.body),
    onSettled: refresh,
  });
}

export function useCheck() {
  return useMutation({
    mutationFn: (v: { id: number; body: z.input<typeof CheckInput> }) =>
      api<ActivityView>('POST', `/api/duty/activities/${v.id}/check`, v.body),
    onSettled: refresh,
  });
}

export function useResolve() {
  return useMutation({
    mutationFn: (v: { id: number; body: z.input<typeof ResolveInput> }) =>
      api<ActivityView>('POST', `/api/duty/activities/${v.id}/resolve`, v.body),
    onSettled: refresh,
  });
}

export function useStandings(year: number, quarter: number | undefined) {
  return useQuery({
    queryKey: [...root, 'standings', year, quarter ?? 0],
    queryFn: () => api<StandingsView>('GET', withQuery('/api/duty/standings', { year, quarter })),
  });
}

export function useDecide() {
  return useMutation({
    mutationFn: (body: z.input<typeof DecisionInput>) => api<{ id: number }>('POST', '/api/duty/decisions', body),
    onSettled: refresh,
  });
}

export function useRules() {
  return useQuery({
    queryKey: [...root, 'rules'],
    queryFn: () => api<{ items: RulesVersionView[] }>('GET', '/api/duty/rules'),
  });
}

export function useSaveRules() {
  return useMutation({
    mutationFn: (body: z.input<typeof RulesInput>) => api<{ id: number }>('POST', '/api/duty/rules', body),
    onSettled: refresh,
  });
}

export function useBulletins(q: string) {
  return useQuery({
    queryKey: [...root, 'bulletins', q],
    queryFn: () => api<{ items: BulletinView[] }>('GET', withQuery('/api/duty/bulletins', { q })),
  });
}

export function useReadBulletin() {
  return useMutation({
    mutationFn: (id: number) => api<BulletinView>('POST', `/api/duty/bulletins/${id}/read`),
    onSettled: refresh,
  });
}

export function usePushBulletin() {
  return useMutation({
    mutationFn: (body: z.input<typeof BulletinInput>) =>
      api<{ id: number; recipients: number }>('POST', '/api/duty/bulletins', body),
    onSettled: refresh,
  });
}

export function useReceipts(id: number | null) {
  return useQuery({
    queryKey: [...root, 'receipts', id],
    queryFn: () => api<z.infer<typeof BulletinReceipts>>('GET', `/api/duty/bulletins/${id}/receipts`),
    enabled: id !== null,
  });
}

export function useReports() {
  return useQuery({
    queryKey: [...root, 'reports'],
    queryFn: () => api<{ items: ReportView[] }>('GET', '/api/duty/reports'),
  });
}

export function useReportStep() {
  return useMutation({
    mutationFn: (
      v:
        | { step: 'draft'; year: number }
        | { step: 'edit'; id: number; patch: z.input<typeof ReportPatch> }
        | { step: 'publish' | 'close'; id: number },
    ) =>
      v.step === 'draft'
        ? api<ReportView>('POST', '/api/duty/reports', { year: v.year })
        : v.step === 'edit'
          ? api<ReportView>('PATCH', `/api/duty/reports/${v.id}`, v.patch)
          : api<ReportView>('POST', `/api/duty/reports/${v.id}/${v.step}`),
    onSettled: refresh,
  });
}

export type AssessmentsView = z.infer<typeof Assessments>;
export type NominationsView = z.infer<typeof Nominations>;
export type AwardCategoryName = (typeof awardCategories)[number];

export function useAssessments(year: number) {
  return useQuery({
    queryKey: [...root, 'assessments', year],
    queryFn: () => api<AssessmentsView>('GET', withQuery('/api/duty/assessments', { year })),
  });
}

export function useAssess() {
  return useMutation({
    mutationFn: (body: z.input<typeof AssessmentInput>) =>
      api<{ id: number; score: number; passed: boolean }>('PUT', '/api/duty/assessments', body),
    onSettled: refresh,
  });
}

export function useNominations(year: number, category: AwardCategoryName) {
  return useQuery({
    queryKey: [...root, 'nominations', year, category],
    queryFn: () => api<NominationsView>('GET', withQuery('/api/duty/awards/nominations', { year, category })),
  });
}

export function useDecideAward() {
  return useMutation({
    mutationFn: (body: z.input<typeof AwardInput>) => api<{ id: number }>('POST', '/api/duty/awards', body),
    onSettled: refresh,
  });
}
