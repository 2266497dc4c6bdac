import { z } from 'zod';
import { Id, IdParam, PageQuery, Phone } from './common.js';
import { ReceptionSummary } from './receptions.js';

export const DeputyLevel = z.enum(['national', 'provincial', 'municipal', 'county', 'township']);
export const DeputyStatus = z.enum(['serving', 'ended', 'resigned', 'terminated']);
export const Election = z.enum(['direct', 'indirect']);

const text = (max: number) => z.string().trim().max(max);

export const DeputyInput = z.object({
  orgId: Id.meta({ description: 'the body the deputy is registered with (scope), e.g. a street working committee' }),
  name: z.string().trim().min(1).max(50),
  sex: z.enum(['male', 'female']).nullable().optional(),
  birthYear: z.number().int().min(1900).max(2100).nullable().optional(),
  ethnicity: text(20).nullable().optional(),
  party: text(30).nullable().optional(),
  occupation: text(200).nullable().optional(),
  levels: z.array(DeputyLevel).min(1).max(5),
  election: Election,
  constituency: text(100).nullable().optional().meta({ description: '选区 (direct) or 原选举单位 (indirect)' }),
  terms: z
    .array(text(30).min(1))
    .max(10)
    .optional()
    .meta({ description: '届次 served, e.g. ["第十七届", "第十八届"]' }),
  isLeadingCadre: z.boolean().optional(),
  publicContact: text(100).nullable().optional().meta({ description: 'shown to the public, chosen by the deputy' }),
  privatePhone: Phone.nullable().optional().meta({ description: 'stored encrypted; shown masked' }),
  status: DeputyStatus.optional(),
});
export type DeputyInput = z.infer<typeof DeputyInput>;

export const DeputyPatch = DeputyInput.partial();
export type DeputyPatch = z.infer<typeof DeputyPatch>;

/** A staff account as shown beside the deputy it is linked to. */
export const DeputyAccount = z
  .object({ id: z.number(), username: z.string(), displayName: z.string() })
  .meta({ id: 'DeputyAccount' });
export type DeputyAccount = z.infer<typeof DeputyAccount>;

export const DeputyView = z
  .object({
    id: z.number(),
    orgId: z.number(),
    orgName: z.string(),
    name: z.string(),
    nameInitials: z.string(),
    sex: z.enum(['male', 'female']).nullable(),
    birthYear: z.number().nullable(),
    ethnicity: z.string().nullable(),
    party: z.string().nullable(),
    occupation: z.string().nullable(),
    levels: z.array(DeputyLevel),
    election: Election,
    constituency: z.string().nullable(),
    terms: z.array(z.string()),
    isLeadingCadre: z.boolean(),
    publicContact: z.string().nullable(),
    privatePhoneMasked: z.string().nullable(),
    status: DeputyStatus,
    stations: z.array(z.object({ id: z.number(), name: z.string(), isHead: z.boolean() })),
    groups: z.array(z.object({ id: z.number(), name: z.string(), isLeader: z.boolean() })),
    photoUrl: z.string().nullable().meta({ description: 'GET it with the session cookie' }),
    account: DeputyAccount.nullable().meta({ description: 'the staff account the deputy signs in with, if linked' }),
  })
  .meta({ id: 'Deputy' });
export type DeputyView = z.infer<typeof DeputyView>;

export const ListDeputiesQuery = PageQuery.extend({
  q: z.string().trim().max(50).optional().meta({ description: 'name, part of it, or pinyin initials (zsf)' }),
  orgId: IdParam.optional(),
  stationId: IdParam.optional(),
  level: DeputyLevel.optional(),
  status: DeputyStatus.optional(),
});

export const RevealedContact = z.object({ privatePhone: z.string().nullable() });

/** Links a deputy to the staff account they sign in with, or unlinks them (null). */
export const LinkAccountRequest = z.object({
  userId: Id.nullable().meta({
    description: 'an active account holding the deputy role, linked to no other deputy; null unlinks',
  }),
});
export type LinkAccountRequest = z.infer<typeof LinkAccountRequest>;

/** Accounts that may be linked to a deputy: active, holding the deputy role, in scope, not linked elsewhere. */
export const AccountCandidates = z.object({ items: z.array(DeputyAccount) });
export type AccountCandidates = z.infer<typeof AccountCandidates>;

/** 我的履职: the deputy linked to the signed-in account, with their duty receptions ahead. */
export const MyDuty = z
  .object({
    deputy: DeputyView.nullable().meta({ description: 'null when the account is linked to no deputy' }),
    from: z.string().meta({ description: 'first day covered (today, China time)' }),
    to: z.string().meta({ description: 'last day covered' }),
    receptions: z
      .array(ReceptionSummary)
      .meta({ description: 'receptions on the rota for this deputy, planned or published, by day' }),
  })
  .meta({ id: 'MyDuty' });
export type MyDuty = z.infer<typeof MyDuty>;
