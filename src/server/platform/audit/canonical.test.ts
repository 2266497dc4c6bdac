import { describe, expect, it } from 'vitest';
import { canonical } from './audit.js';

/** The text every row's hash was made of until 2026-12-07, kept as it was: rows written with it must still verify. */
function canonicalAsWritten(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalAsWritten).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalAsWritten(obj[k])}`)
    .join(',')}}`;
}

/** A seeded generator of summaries as the trail holds them: nested objects, arrays, text with quotes and Chinese, numbers, null, undefined. */
function* values(seed: number, n: number) {
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const leaf = (): unknown =>
    [null, undefined, true, false, Math.floor(next() * 1e6) - 5e5, next() * 100, '', '已受理 "引号" \\\\ \n', 'a'][
      Math.floor(next() * 9)
    ];
  const make = (depth: number): unknown => {
    const r = next();
    if (depth > 3 || r < 0.4) return leaf();
    if (r < 0.6) return Array.from({ length: Math.floor(next() * 4) }, () => make(depth + 1));
    const obj: Record<string, unknown> = {};
    for (let i = Math.floor(next() * 6); i > 0; i--)
      obj[['b', 'a', '状态', 'before', 'z1', 'Z', '_'][Math.floor(next() * 7)]!] = make(depth + 1);
    return obj;
  };
  for (let i = 0; i < n; i++) yield make(0);
}

describe('the text a row is hashed from', () => {
  it('is what it always was: 5,000 seeded values and a row as the trail writes it', () => {
    for (const v of values(20261207, 5000)) expect(canonical(v)).toBe(canonicalAsWritten(v));
    const row = {
      id: 7,
      at: '2026-12-07T10:00:00.000Z',
      actor_id: null,
      actor_name: 'xinqi.officer',
      action: 'opinion.accept',
      summary: { to: 'accepted', from: 'triaged', units: [3, 1] },
      chain: undefined,
    };
    expect(canonical(row)).toBe(
      '{"action":"opinion.accept","actor_id":null,"actor_name":"xinqi.officer","at":"2026-12-07T10:00:00.000Z","id":7,"summary":{"from":"triaged","to":"accepted","units":[3,1]}}',
    );
  });
});
