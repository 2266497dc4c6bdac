import { z } from 'zod';
import { Id, IdParam, PageQuery, Phone } from './common.js';
import { OrgCode } from './org.js';
import { ReceptionRule } from './reception-rule.js';
import { RegionCode } from './regions.js';

export const StationKind = z.enum(['home', 'workstation', 'liaisonRoom', 'professional']);

const text = (max: number) => z.string().trim().max(max);

const stationFields = {
  name: z.string().trim().min(1).max(100),
  kind: StationKind,
  code: OrgCode.nullable().optional(),
  domain: text(50).nullable().optional().meta({ description: 'required for professional stations (health, law …)' }),
  address: text(200).nullable().optional(),
  latitude: z.number().min(-90).max(90).nullable().optional(),
  longitude: z.number().min(-180).max(180).nullable().optional(),
  openingHours: text(200).nullable().optional(),
  receptionSchedule: ReceptionRule.nullable()
    .optional()
    .meta({ description: 'the reception days as a rule (dates are computed from it)' }),
  receptionRule: text(200)
    .nullable()
    .optional()
    .meta({ description: 'a note on the reception days in words (the rule in words where no rule is set)' }),
  publishedRules: text(5000).nullable().optional(),
  publishedWorkflow: text(5000).nullable().optional(),
  onlineEnabled: z.boolean().optional(),
  regionCodes: z
    .array(RegionCode)
    .max(200)
    .optional()
    .meta({ description: 'the villages, communities or streets the station serves' }),
};

export const StationInput = z.object({
  parentId: Id.meta({ description: 'the working committee (or presidium) the station belongs to' }),
  regionCode: RegionCode.nullable().optional(),
  ...stationFields,
});
export type StationInput = z.infer<typeof StationInput>;

export const StationPatch = z.object({ ...stationFields, active: z.boolean() }).partial();
export type StationPatch = z.infer<typeof StationPatch>;

export const CompositionProblem = z.enum([
  'tooFewDeputies',
  'noHead',
  'noLiaisonOfficer',
  'missingAddress',
  'missingOpeningHours',
  'missingReceptionRule',
  'missingRules',
  'missingWorkflow',
]);
export type CompositionProblem = z.infer<typeof CompositionProblem>;

/** A reception rule in words, in both languages of the console. */
export const RuleDescription = z.object({ zh: z.string(), en: z.string() });

/** Ask how a rule reads and when it falls next: give a rule, or text to recognise (每月农历十六 …). */
export const RulePreviewRequest = z
  .object({ rule: ReceptionRule.optional(), text: z.string().trim().min(1).max(200).optional() })
  .refine((b) => (b.rule === undefined) !== (b.text === undefined), {
    message: '请给出规则或文字之一|Give either a rule or a text',
    path: ['rule'],
  });
export const RulePreview = z.object({
  rule: ReceptionRule.nullable().meta({ description: 'the rule (recognised from the text); null when not recognised' }),
  description: RuleDescription.nullable(),
  next: z.array(z.string()).meta({ description: 'the next (up to 3) days from today' }),
});
export type RulePreview = z.infer<typeof RulePreview>;

const StaffRef = z.object({ userId: z.number(), displayName: z.string() });

export const StationPhoto = z.object({
  id: z.number(),
  caption: z.string().nullable(),
  url: z.string().meta({ description: 'GET it with the session cookie' }),
  width: z.number().nullable(),
  height: z.number().nullable(),
});
export type StationPhoto = z.infer<typeof StationPhoto>;

export const StationView = z
  .object({
    id: z.number(),
    parentId: z.number().nullable(),
    parentName: z.string().nullable(),
    name: z.string(),
    code: z.string().nullable(),
    kind: StationKind,
    domain: z.string().nullable(),
    regionCode: z.string().nullable(),
    address: z.string().nullable(),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
    openingHours: z.string().nullable(),
    receptionSchedule: ReceptionRule.nullable(),
    receptionDescription: RuleDescription.nullable().meta({ description: 'the rule in words (describeRule)' }),
    receptionRule: z.string().nullable().meta({ description: 'the note in words' }),
    nextReceptions: z
      .array(z.string())
      .meta({ description: 'the next (up to 3) reception days from today, China dates YYYY-MM-DD' }),
    publishedRules: z.string().nullable(),
    publishedWorkflow: z.string().nullable(),
    onlineEnabled: z.boolean(),
    active: z.boolean(),
    regions: z.array(z.object({ code: z.string(), name: z.string() })),
    servingDeputies: z.number().meta({ description: 'members whose status is serving (what the rules count)' }),
    members: z.array(z.object({ deputyId: z.number(), name: z.string(), isHead: z.boolean(), since: z.string() })),
    liaisonOfficers: z.array(StaffRef),
    consultants: z
      .array(StaffRef)
      .meta({ description: '工作咨询员: users holding the consultant role on the station' }),
    photos: z.array(StationPhoto),
    problems: z.array(CompositionProblem),
  })
  .meta({ id: 'Station' });
export type StationView = z.infer<typeof StationView>;

const flag = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

export const StationFilters = z.object({
  q: z.string().trim().max(50).optional().meta({ description: 'name, part of it, pinyin initials or code' }),
  kind: StationKind.optional(),
  orgId: IdParam.optional().meta({ description: 'only stations below this organisation' }),
  withProblems: flag.meta({ description: 'true: only those breaking the composition rules' }),
  active: flag,
});

export const ListStationsQuery = PageQuery.extend(StationFilters.shape);

export const StationSummary = z.object({ total: z.number(), withProblems: z.number() });

export const MemberRequest = z.object({ deputyId: Id, isHead: z.boolean().optional() });
export const MemberParams = z.object({ id: IdParam, deputyId: IdParam });
export const PhotoParams = z.object({ id: IdParam, photoId: IdParam });

/** 民情联络员: a community volunteer who gathers public sentiment for a station (not a user). */
export const InformantInput = z.object({
  name: z.string().trim().min(1).max(50),
  phone: Phone.nullable().optional().meta({ description: 'stored encrypted; shown masked' }),
  community: text(100).nullable().optional(),
  active: z.boolean().optional(),
});
export type InformantInput = z.infer<typeof InformantInput>;
export const InformantPatch = InformantInput.partial();
export type InformantPatch = z.infer<typeof InformantPatch>;

export const InformantView = z
  .object({
    id: z.number(),
    stationId: z.number(),
    name: z.string(),
    community: z.string().nullable(),
    phoneMasked: z.string().nullable(),
    active: z.boolean(),
  })
  .meta({ id: 'Informant' });
export type InformantView = z.infer<typeof InformantView>;

export const InformantParams = z.object({ id: IdParam, informantId: IdParam });

/** One change of a station, from the audit trail. */
export const StationChange = z
  .object({
    id: z.number(),
    at: z.string(),
    actorName: z.string().nullable().meta({ description: 'display name (or username) of who did it' }),
    action: z.string(),
    summary: z.unknown().meta({ description: 'what changed: before and after where it matters' }),
  })
  .meta({ id: 'StationChange' });
export type StationChange = z.infer<typeof StationChange>;
