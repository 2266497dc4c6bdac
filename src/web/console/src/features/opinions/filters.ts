import type { OpinionFilters } from './api.js';
import { channels, isTodoQueue, tiers } from './values.js';

const positive = (value: string | null) => {
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
};
const day = (value: string | null) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);
const oneOf = <T extends string>(list: readonly T[], value: string | null) =>
  list.find((x) => x === value) as T | undefined;

/** The list's filters from the address (`/opinions?todo=toAccept`); anything unknown is dropped. */
export function filtersFromParams(params: URLSearchParams): OpinionFilters {
  const todo = params.get('todo');
  return {
    q: params.get('q')?.trim() || undefined,
    state: params.get('state') || undefined,
    todo: todo && isTodoQueue(todo) ? todo : undefined,
    categoryId: positive(params.get('categoryId')),
    orgId: positive(params.get('orgId')),
    unitId: positive(params.get('unitId')),
    tier: oneOf(tiers, params.get('tier')),
    channel: oneOf(channels, params.get('channel')),
    overdue: params.get('overdue') === 'true' || undefined,
    dueSoon: params.get('dueSoon') === 'true' || undefined,
    from: day(params.get('from')),
    to: day(params.get('to')),
  };
}

/** The address's query for these filters (empty ones left out). */
export function paramsFromFilters(filters: OpinionFilters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(filters) as [string, unknown][]) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    out[key] = String(value);
  }
  return out;
}
