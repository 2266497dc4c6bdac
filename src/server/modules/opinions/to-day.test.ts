import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { toDay } from './steps.js';

const zone = process.env.TZ;
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe("a DATE column's day", () => {
  // A server in China may run with TZ=Asia/Shanghai: pg then reads '2026-12-31' as 2026-12-30T16:00Z.
  it.each(['UTC', 'Asia/Shanghai', 'America/Los_Angeles'])('is the day stored, with the process in %s', (tz) => {
    process.env.TZ = tz;
    const parseDate = pg.types.getTypeParser(pg.types.builtins.DATE);
    for (const day of ['2026-12-31', '2027-01-01', '2026-03-08']) expect(toDay(parseDate(day) as Date)).toBe(day);
    expect(toDay('2026-12-31')).toBe('2026-12-31');
  });
});
