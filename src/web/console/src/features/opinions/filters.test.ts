import { describe, expect, it } from 'vitest';
import { filtersFromParams, paramsFromFilters } from './filters.js';

describe('the list filters in the address', () => {
  it('round-trips what the list sends', () => {
    const filters = {
      q: '路灯',
      state: 'assigned,inProgress',
      todo: 'toAccept' as const,
      categoryId: 3,
      orgId: 7,
      unitId: 9,
      tier: 'street' as const,
      channel: 'reception' as const,
      overdue: true,
      from: '2026-11-01',
      to: '2026-11-30',
    };
    expect(filtersFromParams(new URLSearchParams(paramsFromFilters(filters)))).toEqual(filters);
  });

  it('drops what it does not know instead of sending it to the server', () => {
    const f = filtersFromParams(
      new URLSearchParams('todo=toDance&tier=galaxy&orgId=-4&categoryId=abc&from=yesterday&overdue=maybe&q=%20%20'),
    );
    expect(Object.values(f).filter((v) => v !== undefined)).toEqual([]);
  });

  it('leaves empty filters out of the address', () => {
    expect(paramsFromFilters({ q: '', overdue: false, orgId: undefined, tier: 'district' })).toEqual({
      tier: 'district',
    });
  });
});
