import { z } from 'zod';
import { Id, IdParam, PageQuery } from './common.js';

/** 代表小组: deputies grouped by area, belonging to a street working committee or township presidium. */
export const GroupInput = z.object({
  orgId: Id.meta({ description: 'the street working committee or township presidium the group belongs to' }),
  name: z.string().trim().min(1).max(100),
  active: z.boolean().optional(),
});
export type GroupInput = z.infer<typeof GroupInput>;

export const GroupPatch = GroupInput.partial();
export type GroupPatch = z.infer<typeof GroupPatch>;

export const GroupMember = z.object({
  deputyId: z.number(),
  name: z.string(),
  isLeader: z.boolean(),
  since: z.string(),
  status: z.string(),
});

export const GroupView = z
  .object({
    id: z.number(),
    orgId: z.number(),
    orgName: z.string(),
    name: z.string(),
    active: z.boolean(),
    leader: z.object({ deputyId: z.number(), name: z.string() }).nullable(),
    members: z.array(GroupMember),
  })
  .meta({ id: 'DeputyGroup' });
export type GroupView = z.infer<typeof GroupView>;

export const ListGroupsQuery = PageQuery.extend({
  q: z.string().trim().max(50).optional(),
  orgId: IdParam.optional().meta({ description: 'only groups of this organisation or below' }),
  active: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  mine: z.enum(['true']).optional().meta({ description: 'only the groups the signed-in deputy belongs to' }),
});

export const GroupMemberRequest = z.object({ deputyId: Id, isLeader: z.boolean().optional() });
export const GroupMemberParams = z.object({ id: IdParam, deputyId: IdParam });
