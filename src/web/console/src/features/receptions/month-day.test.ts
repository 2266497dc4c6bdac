import { describe, expect, it } from 'vitest';
import { firstDayOn } from './month-day.js';

const r = (day: string, status = 'published') => ({ day, status });

describe('the day the receptions month opens on', () => {
  it('is today when today has a reception or none is left this month', () => {
    expect(firstDayOn([r('2026-12-02'), r('2026-12-07')], '2026-12', '2026-12-07')).toBe('2026-12-07');
    expect(firstDayOn([r('2026-12-02')], '2026-12', '2026-12-07')).toBe('2026-12-07');
    expect(firstDayOn([], '2026-12', '2026-12-07')).toBe('2026-12-07');
  });

  it('is the next day with a reception (not a cancelled one), never an earlier one nor the 1st', () => {
    const items = [r('2026-12-02', 'closed'), r('2026-12-09', 'cancelled'), r('2026-12-16'), r('2027-01-06')];
    expect(firstDayOn(items, '2026-12', '2026-12-07')).toBe('2026-12-16');
  });

  it('in another month: its first day with a reception, else the 1st', () => {
    expect(firstDayOn([r('2027-01-06'), r('2027-01-20')], '2027-01', '2026-12-07')).toBe('2027-01-06');
    expect(firstDayOn([], '2027-02', '2026-12-07')).toBe('2027-02-01');
  });
});
