// What a PostgreSQL (or connection) error means to a client: the database is unavailable (503,
// try again), the input is something the database cannot hold (400), or a uniqueness was raced
// (409). Anything else stays an internal error. SQLSTATE codes: PostgreSQL, Appendix A.
import { AppError } from '../errors/errors.js';

/** Connection-level failures: the server is down, restarting, full, read-only or unreachable. */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300', '53400', '25006', '40001', '40P01']);
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);
const UNAVAILABLE_TEXT =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down|in recovery mode)/i;
/** Data exceptions (class 22) and a too-deep statement: what the client sent cannot be stored or read. */
const BAD_INPUT_STATES = /^22|^54001$/;

interface PgLike {
  code?: unknown;
  errno?: unknown;
  message?: unknown;
  cause?: unknown;
}

/** The PostgreSQL/connection error inside `error` (kysely and pg wrap them differently), if any. */
function pgError(error: unknown): PgLike | null {
  let e = error as PgLike | undefined;
  for (let i = 0; e && i < 4; i++, e = e.cause as PgLike | undefined) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (/^[0-9A-Z]{5}$/.test(code) || UNAVAILABLE_ERRNO.has(code)) return e;
    if (typeof e.message === 'string' && UNAVAILABLE_TEXT.test(e.message)) return e;
  }
  return null;
}

/** Whether the error says the database cannot be reached or cannot take work now. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = pgError(error);
  if (!e) return false;
  const code = typeof e.code === 'string' ? e.code : '';
  return (
    UNAVAILABLE_STATES.has(code) ||
    // Class 08 is the connection's trouble, but for 08P01: a message the server could not accept
    // (e.g. a statement with more than 65,535 parameters) is our fault, and no retry mends it.
    (code.startsWith('08') && code !== '08P01') ||
    UNAVAILABLE_ERRNO.has(code) ||
    (typeof e.message === 'string' && UNAVAILABLE_TEXT.test(e.message))
  );
}

/** The client-facing error for a database error, or null when it is a fault of ours (500). */
export function fromDatabaseError(error: unknown): AppError | null {
  if (isDatabaseUnavailable(error)) return new AppError('DATABASE_UNAVAILABLE');
  const e = pgError(error);
  const code = typeof e?.code === 'string' ? e.code : '';
  if (code === '23505') return new AppError('CONFLICT');
  if (BAD_INPUT_STATES.test(code))
    return new AppError('VALIDATION_FAILED', {
      fields: [
        {
          path: 'request',
          zh: '提交的内容无法保存（数值超出范围或含有无效字符）',
          en: 'The request holds a value that cannot be stored (out of range or invalid characters)',
        },
      ],
    });
  return null;
}
