/**
 * The request and response types of the API, taken from the shared zod contracts.
 * Type-only imports: zod itself never reaches the browser bundle from here.
 */
import type { z } from 'zod';
import type {
  AuditRow as AuditRowSchema,
  AuditVerifyResult as AuditVerifySchema,
  AuditVerifyRun as AuditVerifyRunSchema,
} from '../../../../contracts/audit.js';
import type { ErrorResponse } from '../../../../contracts/common.js';
import type { OrgKind as OrgKindSchema } from '../../../../contracts/org.js';
import type {
  CreatedUser as CreatedUserSchema,
  SessionsEnded as SessionsEndedSchema,
  TemporaryPassword as TemporaryPasswordSchema,
  UserStatus as UserStatusSchema,
} from '../../../../contracts/users.js';
import type { TotpSetup as TotpSetupSchema } from '../../../../contracts/auth.js';
import type {
  DeputyLevel as DeputyLevelSchema,
  DeputyStatus as DeputyStatusSchema,
  Election as ElectionSchema,
  RevealedContact as RevealedContactSchema,
} from '../../../../contracts/deputies.js';
import type { StationKind as StationKindSchema } from '../../../../contracts/stations.js';
import type {
  AssignmentView as AssignmentViewSchema,
  CategoryInput as CategoryInputSchema,
  CategoryPatch as CategoryPatchSchema,
  CategoryView as CategoryViewSchema,
  FeedbackChannel as FeedbackChannelSchema,
  Hints as HintsSchema,
  OpinionAction as OpinionActionSchema,
  SignOffRequest as SignOffRequestSchema,
  SignOffView as SignOffViewSchema,
  OpinionEventView as OpinionEventViewSchema,
  Outcome as OutcomeSchema,
  RegisterOpinion as RegisterOpinionSchema,
  RegisterResult as RegisterResultSchema,
  ResultType as ResultTypeSchema,
  SupervisionLevel as SupervisionLevelSchema,
  TodoCounts as TodoCountsSchema,
  Urgency as UrgencySchema,
} from '../../../../contracts/opinions.js';
import type { Overview as ReceptionsOverviewSchema } from '../../../../contracts/receptions.js';

export type { Me, SessionState, ChangePasswordRequest, LoginRequest } from '../../../../contracts/auth.js';
export type { CreateUserRequest, UserView } from '../../../../contracts/users.js';
export type { OrgView } from '../../../../contracts/org.js';
export type { Action, Role } from '../../../../contracts/roles.js';
export type { CompositionProblem, StationInput, StationPatch, StationView } from '../../../../contracts/stations.js';
export type { InformantView } from '../../../../contracts/stations.js';
export type {
  AccountCandidates,
  DeputyAccount,
  DeputyInput,
  DeputyPatch,
  DeputyView,
  MyDuty,
} from '../../../../contracts/deputies.js';
export type {
  Channel,
  ListOpinionsQuery,
  OpinionActionName,
  OpinionState,
  OpinionSummary,
  OpinionView,
  RatingLevel,
  Tier,
  TodoQueue,
} from '../../../../contracts/opinions.js';

export type ApiErrorBody = ErrorResponse['error'];
export type AuditRow = z.infer<typeof AuditRowSchema>;
export type AuditVerifyResult = z.infer<typeof AuditVerifySchema>;
export type AuditVerifyRun = z.infer<typeof AuditVerifyRunSchema>;
export type OrgKind = z.infer<typeof OrgKindSchema>;
export type UserStatus = z.infer<typeof UserStatusSchema>;
export type CreatedUser = z.infer<typeof CreatedUserSchema>;
export type TemporaryPassword = z.infer<typeof TemporaryPasswordSchema>;
export type SessionsEnded = z.infer<typeof SessionsEndedSchema>;
export type TotpSetup = z.infer<typeof TotpSetupSchema>;
export type StationKind = z.infer<typeof StationKindSchema>;
export type DeputyLevel = z.infer<typeof DeputyLevelSchema>;
export type DeputyStatus = z.infer<typeof DeputyStatusSchema>;
export type Election = z.infer<typeof ElectionSchema>;
export type RevealedContact = z.infer<typeof RevealedContactSchema>;
export type Urgency = z.infer<typeof UrgencySchema>;
export type ResultType = z.infer<typeof ResultTypeSchema>;
export type FeedbackChannel = z.infer<typeof FeedbackChannelSchema>;
export type SupervisionLevel = z.infer<typeof SupervisionLevelSchema>;
export type Outcome = z.infer<typeof OutcomeSchema>;
export type AssignmentView = z.infer<typeof AssignmentViewSchema>;
export type OpinionEventView = z.infer<typeof OpinionEventViewSchema>;
/** A step's body as sent (defaults may be left out). */
export type OpinionActionInput = z.input<typeof OpinionActionSchema>;
export type SignOffRequestInput = z.input<typeof SignOffRequestSchema>;
export type SignOffView = z.infer<typeof SignOffViewSchema>;
/** A registration as sent (defaults may be left out). */
export type RegisterOpinionInput = z.input<typeof RegisterOpinionSchema>;
export type RegisterResult = z.infer<typeof RegisterResultSchema>;
export type TodoCounts = z.infer<typeof TodoCountsSchema>;
export type OpinionHints = z.infer<typeof HintsSchema>;
export type CategoryView = z.infer<typeof CategoryViewSchema>;
export type CategoryInput = z.input<typeof CategoryInputSchema>;
export type CategoryPatch = z.input<typeof CategoryPatchSchema>;

/** One page of a keyset-paginated list: pass `nextCursor` back as `cursor`. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

// Receptions: plans, receptions, the table, compliance.
export type {
  AppointmentView,
  Compliance,
  PlanView,
  ReceptionInput,
  ReceptionMode,
  ReceptionPatch,
  ReceptionStatus,
  ReceptionSummary,
  ReceptionView,
} from '../../../../contracts/receptions.js';
export type ReceptionsOverview = z.infer<typeof ReceptionsOverviewSchema>;

// Organisations, regions, stations' details, deputy groups, imports.
export type { OrgInput, OrgPatch, ManagedOrgKind } from '../../../../contracts/org.js';
export type { RegionView, RegionLevel } from '../../../../contracts/regions.js';
export type {
  InformantInput,
  InformantPatch,
  RulePreview,
  StationChange,
  StationPhoto,
} from '../../../../contracts/stations.js';
export type { ReceptionRule } from '../../../../contracts/reception-rule.js';
export type { GroupInput, GroupPatch, GroupView } from '../../../../contracts/groups.js';
export type { ImportProblem, ImportResult } from '../../../../contracts/imports.js';
