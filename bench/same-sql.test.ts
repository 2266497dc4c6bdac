import { describe, expect, it } from 'vitest';
import { cacheKey } from './harness.js';
import { groupStatements, type Statement } from './same-sql.js';

const at = (sql: string, start: number, end: number): Statement => ({
  sql,
  params: [],
  start: BigInt(start),
  end: BigInt(end),
});

describe('the same-SQL baseline', () => {
  it('replays statements that overlapped as one group, the others one after the other', () => {
    const plan = groupStatements([
      at('c', 30, 40),
      at('a', 0, 10),
      at('b1', 12, 25),
      at('b2', 13, 20),
      at('b3', 24, 29),
    ]);
    expect(plan.map((g) => g.map((s) => s.sql))).toEqual([['a'], ['b1', 'b2', 'b3'], ['c']]);
  });
});

describe('the cache of generated databases', () => {
  it('keys on the count and the share, and is stable', () => {
    expect(cacheKey(300_000, 0.2)).toBe(cacheKey(300_000, 0.2));
    expect(cacheKey(300_000, 0.2)).toMatch(/^300000-[0-9a-f]{12}$/);
    expect(cacheKey(300_000, 0.2)).not.toBe(cacheKey(1_000_000, 0.2));
    expect(cacheKey(300_000, 0.2)).not.toBe(cacheKey(300_000, 0.5));
  });
});
