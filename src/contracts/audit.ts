import { z } from 'zod';
import { PageQuery } from './common.js';

export const AuditQuery = PageQuery.extend({
  actor: z.string().trim().max(64).optional().meta({ description: 'username of the actor' }),
  action: z.string().trim().max(64).optional().meta({ description: 'action, or a prefix ending in "." (auth.)' }),
  subjectType: z.string().trim().max(32).optional(),
  subjectId: z.string().trim().max(64).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

export const AuditRow = z
  .object({
    id: z.number(),
    at: z.string(),
    actorId: z.number().nullable(),
    actorName: z.string().nullable(),
    action: z.string(),
    subjectType: z.string().nullable(),
    subjectId: z.string().nullable(),
    /** The subject's name as its module gives it (an opinion's receipt code, a user's name …). */
    subjectName: z.string().nullable(),
    summary: z.unknown(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    requestId: z.string().nullable(),
  })
  .meta({ id: 'AuditRow' });

export const AuditVerifyResult = z.object({
  ok: z.boolean(),
  rows: z.number(),
  brokenAt: z.number().optional(),
  reason: z.string().optional(),
  /** Only the rows written after this witness line were read (a check `since`); absent: the whole trail. */
  since: z.object({ id: z.number(), at: z.string() }).optional(),
});

/** A check of the chain running in the background (the whole trail takes minutes at a province's size). */
export const AuditVerifyRun = z
  .object({
    id: z.number(),
    /** Who asked for it (display name). */
    requestedBy: z.string(),
    /** The moment asked for (rows written since about then), or null for the whole trail. */
    since: z.string().nullable(),
    /** `interrupted`: its server stopped (or went silent) before it ended; ask again. */
    status: z.enum(['running', 'done', 'failed', 'interrupted']),
    /** Rows checked so far (all of them once done). */
    rows: z.number(),
    /** About how many rows the check reads in all, once it knows (null before). */
    expectedRows: z.number().nullable(),
    result: AuditVerifyResult.nullable(),
    /** Why a failed run failed. */
    error: z.string().nullable(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'AuditVerifyRun' });

export const AuditVerifyRunInput = z.object({
  since: z.iso
    .datetime({ offset: true })
    .optional()
    .meta({ description: 'check only the rows written since about then (from the witness line noted before it)' }),
});

export const AuditVerifyQuery = z.object({
  since: z.iso
    .datetime({ offset: true })
    .optional()
    .meta({ description: 'check only the rows written since about then (from the witness line noted before it)' }),
});
