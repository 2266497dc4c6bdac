import { z } from 'zod';

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

export const OrgView = z
  .object({
    id: z.number(),
    parentId: z.number().nullable(),
    name: z.string(),
    kind: OrgKind,
    regionCode: z.string().nullable(),
    regionName: z.string().nullable(),
    depth: z.number(),
  })
  .meta({ id: 'Organization' });
export type OrgView = z.infer<typeof OrgView>;

export const OrgList = z.object({ items: z.array(OrgView) });
