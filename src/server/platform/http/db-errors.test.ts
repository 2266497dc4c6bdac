import { describe, expect, it } from 'vitest';
import { fromDatabaseError, isDatabaseUnavailable } from './db-errors.js';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('what a database error means to a client', () => {
  it('a database that is down, restarting, full or unreachable: unavailable (503, try again)', () => {
    for (const e of [pgError('57P01'), pgError('08006'), pgError('53300'), pgError('ECONNREFUSED')])
      expect(isDatabaseUnavailable(e)).toBe(true);
    // Wrapped as kysely and pg wrap them.
    expect(isDatabaseUnavailable(new Error('outer', { cause: pgError('57P03') }))).toBe(true);
  });

  it('a message the server refused (08P01, e.g. more than 65,535 parameters) is our fault, not an outage', () => {
    const e = pgError('08P01', 'bind message has 34465 parameter formats but 0 parameters');
    expect(isDatabaseUnavailable(e)).toBe(false);
    expect(fromDatabaseError(e)).toBeNull(); // an internal error (500), logged as one
  });
});
