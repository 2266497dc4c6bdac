import { z } from 'zod';

export const RegionLevel = z.enum(['province', 'city', 'county', 'township', 'village']);
export type RegionLevel = z.infer<typeof RegionLevel>;

/** An NBS division code (GB/T 2260 and its extensions): 6 to 12 digits. */
export const RegionCode = z
  .string()
  .regex(/^[0-9]{6,12}$/, '行政区划代码应为 6 到 12 位数字|A division code is 6 to 12 digits');

export const RegionView = z
  .object({
    code: z.string(),
    name: z.string(),
    level: RegionLevel,
    parentCode: z.string().nullable(),
    hasChildren: z.boolean(),
  })
  .meta({ id: 'Region' });
export type RegionView = z.infer<typeof RegionView>;

export const RegionList = z.object({ items: z.array(RegionView) });

export const ListRegionsQuery = z.object({
  parentCode: RegionCode.optional().meta({ description: 'children of this node; without it, the top of the tree' }),
  q: z.string().trim().min(1).max(50).optional().meta({ description: 'name or part of it (at most 50 answers)' }),
  codes: z
    .string()
    .regex(/^[0-9]{6,12}(,[0-9]{6,12}){0,199}$/)
    .optional()
    .meta({ description: 'these nodes, comma-separated' }),
});

export const RegionCodeParams = z.object({ code: RegionCode });

export const RegionInput = z.object({
  code: RegionCode,
  name: z.string().trim().min(1).max(100),
  parentCode: RegionCode,
});
export type RegionInput = z.infer<typeof RegionInput>;

export const RegionPatch = z.object({ name: z.string().trim().min(1).max(100) });
export type RegionPatch = z.infer<typeof RegionPatch>;
