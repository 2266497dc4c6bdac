import { z } from 'zod';
import { mobilePattern, phonePattern } from './phone.js';

/** The one shape of every error response. */
export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Stable machine-readable code, e.g. VALIDATION_FAILED' }),
      message: z.string().meta({ description: 'In the language of Accept-Language (zh-CN default, en)' }),
      requestId: z.string(),
      fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .meta({ id: 'ErrorResponse' });
export type ErrorResponse = z.infer<typeof ErrorResponse>;

/** An id in a JSON body. */
export const Id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
/** An id in a path or query string (text, turned into a number). */
export const IdParam = z
  .string()
  .regex(/^[1-9][0-9]{0,14}$/, '应为正整数编号|Expected a positive whole number')
  .transform(Number);

export const IdParams = z.object({ id: IdParam });

/** Mainland mobile or landline (digits, spaces, dashes; 7–20 characters). */
export const Phone = z.string().trim().regex(phonePattern, '请输入有效的电话号码|Enter a valid phone number');
/** A mainland mobile number (11 digits), where an SMS code must reach it. */
export const Mobile = z.string().trim().regex(mobilePattern, '应为 11 位手机号|Expected an 11-digit mobile number');

export const Ok = z.object({ ok: z.literal(true) });

/** Keyset pagination: pass `nextCursor` back as `cursor`. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

export const Page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
