import { describe, expect, it } from 'vitest';
import { presetRange } from './format.js';

// 16:30 on 6 December in UTC is already 00:30 on 7 December in China: the periods must end on the
// China day, or what was registered after midnight in China falls outside "this year" (as it did
// in CI in the evening, UTC).
const lateEveningUtc = new Date('2026-12-06T16:30:00Z');
const newYearInChina = new Date('2026-12-31T16:30:00Z');

describe('statistics periods', () => {
  it('end on the day in China, whatever the device’s time zone', () => {
    expect(presetRange('year', lateEveningUtc)).toEqual({ from: '2026-01-01', to: '2026-12-07' });
    expect(presetRange('month', lateEveningUtc)).toEqual({ from: '2026-12-01', to: '2026-12-07' });
    expect(presetRange('days30', lateEveningUtc)).toEqual({ from: '2026-11-08', to: '2026-12-07' });
  });

  it('turn the year by China’s new year', () => {
    expect(presetRange('year', newYearInChina)).toEqual({ from: '2027-01-01', to: '2027-01-01' });
    expect(presetRange('lastYear', newYearInChina)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });
});
