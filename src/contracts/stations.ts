import { z } from 'zod';
import { Id, IdParam } from './common.js';

export const StationKind = z.enum(['home', 'workstation', 'liaisonRoom', 'professional']);

const text = (max: number) => z.string().trim().max(max);

const stationFields = {
  name: z.string().trim().min(1).max(100),
  kind: StationKind,
  domain: text(50).nullable().optional().meta({ description: 'required for professional stations (health, law …)' }),
  address: text(200).nullable().optional(),
  latitude: z.number().min(-90).max(90).nullable().optional(),
  longitude: z.number().min(-180).max(180).nullable().optional(),
  openingHours: text(200).nullable().optional(),
  receptionRule: text(200).nullable().optional().meta({ description: 'e.g. 每月第一个周三 or 每月农历十六' }),
  publishedRules: text(5000).nullable().optional(),
  publishedWorkflow: text(5000).nullable().optional(),
  onlineEnabled: z.boolean().optional(),
};

export const StationInput = z.object({
  parentId: Id.meta({ description: 'the working committee (or presidium) the station belongs to' }),
  regionCode: z
    .string()
    .regex(/^[0-9]{6,12}$/)
    .nullable()
    .optional(),
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

export const StationView = z
  .object({
    id: z.number(),
    parentId: z.number().nullable(),
    parentName: z.string().nullable(),
    name: z.string(),
    kind: StationKind,
    domain: z.string().nullable(),
    regionCode: z.string().nullable(),
    address: z.string().nullable(),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
    openingHours: z.string().nullable(),
    receptionRule: z.string().nullable(),
    publishedRules: z.string().nullable(),
    publishedWorkflow: z.string().nullable(),
    onlineEnabled: z.boolean(),
    active: z.boolean(),
    members: z.array(z.object({ deputyId: z.number(), name: z.string(), isHead: z.boolean(), since: z.string() })),
    liaisonOfficers: z.array(z.object({ userId: z.number(), displayName: z.string() })),
    problems: z.array(CompositionProblem),
  })
  .meta({ id: 'Station' });
export type StationView = z.infer<typeof StationView>;

export const ListStationsQuery = z.object({
  q: z.string().trim().max(50).optional(),
  kind: StationKind.optional(),
  withProblems: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

export const MemberRequest = z.object({ deputyId: Id, isHead: z.boolean().optional() });
export const MemberParams = z.object({ id: IdParam, deputyId: IdParam });
