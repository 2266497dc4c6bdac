import { describe, expect, it } from 'vitest';
import { chinaClock, chinaMinutes, chinaToday } from './dates.js';

describe('China time of day', () => {
  it('is UTC+8 and wraps at midnight with the date', () => {
    const lateUtc = new Date('2026-12-06T16:30:00Z');
    expect(chinaClock(lateUtc)).toBe('00:30');
    expect(chinaToday(lateUtc)).toBe('2026-12-07');
    expect(chinaMinutes(lateUtc)).toBe(30);
    expect(chinaClock(new Date('2026-12-07T01:05:59Z'))).toBe('09:05');
    expect(chinaClock(new Date('2026-12-07T15:59:00Z'))).toBe('23:59');
    // Compared as text with a stored start ('09:00'): zero-padded, so '09:05' > '09:00' > '08:59'.
    expect(chinaClock(new Date('2026-12-07T00:59:00Z')) < '09:00').toBe(true);
  });
});
