import { z } from 'zod';
import { IdParam } from './common.js';

/** What an accepted spreadsheet import did (every row is applied, or none). */
export const ImportResult = z
  .object({ total: z.number(), created: z.number(), updated: z.number(), unchanged: z.number() })
  .meta({ id: 'ImportResult' });
export type ImportResult = z.infer<typeof ImportResult>;

/** One problem of a refused import (in `error.details.rows` of IMPORT_REJECTED): row 1 is the header. */
export const ImportProblem = z.object({ row: z.number(), column: z.string(), problem: z.string() });
export type ImportProblem = z.infer<typeof ImportProblem>;

/** The organisation an import applies to (new rows are registered with it, and it bounds the scope). */
export const ImportQuery = z.object({ orgId: IdParam });
