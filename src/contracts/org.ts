import { z } from 'zod';
import { Id, IdParam, PageQuery, Phone } from './common.js';
import { RegionCode } from './regions.js';

export const OrgKind = z.enum([
  'standingCommittee',
  'deputyAffairsCommittee',
  'streetWorkingCommittee',
  'townshipPresidium',
  'streetOffice',
  'department',
  'station',
  'other',
]);
export type OrgKind = z.infer<typeof OrgKind>;

/** Kinds created and edited as organisations (stations have their own screens and API). */
export const ManagedOrgKind = OrgKind.exclude(['station']);
export type ManagedOrgKind = z.infer<typeof ManagedOrgKind>;

/** The bodies that handle assigned opinions and suggestions (承办单位). */
export const handlingUnitKinds = ['streetOffice', 'department'] as const satisfies readonly ManagedOrgKind[];
export const HandlingUnitKind = z.enum(handlingUnitKinds);

/** A stable code given by the district (编号); re-imports match on it. */
export const OrgCode = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, '编号只能包含字母、数字和 . _ -|A code holds letters, digits and . _ - only');

export const OrgView = z
  .object({
    id: z.number(),
    parentId: z.number().nullable(),
    name: z.string(),
    kind: OrgKind,
    code: z.string().nullable(),
    regionCode: z.string().nullable(),
    regionName: z.string().nullable(),
    depth: z.number(),
    active: z.boolean(),
    contactPerson: z.string().nullable(),
    contactPhone: z.string().nullable(),
  })
  .meta({ id: 'Organization' });
export type OrgView = z.infer<typeof OrgView>;

export const OrgList = z.object({ items: z.array(OrgView) });

const text = (max: number) => z.string().trim().max(max);

const orgFields = {
  name: z.string().trim().min(1).max(100),
  kind: ManagedOrgKind,
  code: OrgCode.nullable().optional(),
  regionCode: RegionCode.nullable().optional(),
  contactPerson: text(50).nullable().optional().meta({ description: 'for handling units: who takes assignments' }),
  contactPhone: Phone.nullable().optional().meta({ description: 'an office number, shown to staff' }),
};

export const OrgInput = z.object({
  parentId: Id.meta({ description: 'the body above; must be in your scope' }),
  ...orgFields,
});
export type OrgInput = z.infer<typeof OrgInput>;

export const OrgPatch = z
  .object({ ...orgFields, active: z.boolean().meta({ description: 'false: deactivated (never deleted)' }) })
  .partial();
export type OrgPatch = z.infer<typeof OrgPatch>;

export const ListUnitsQuery = PageQuery.extend({
  q: z.string().trim().max(50).optional().meta({ description: 'name, part of it, pinyin initials or code' }),
  kind: HandlingUnitKind.optional(),
  orgId: IdParam.optional().meta({ description: 'only units below this organisation' }),
  active: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
