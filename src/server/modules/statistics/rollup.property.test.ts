import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opinionStates, RatingLevel, type OpinionState } from '../../../contracts/opinions.js';
import { createTestPlatform } from '../../../../test/support/db.js';
import { createDistrict, createOpinion, createStation } from '../../../../test/support/factories.js';
import type { Db } from '../../db/database.js';
import { addDays, chinaToday } from '../../platform/calendar/dates.js';
import { sweepDeadlines } from '../opinions/supervision.js';
import { catchUp, rebuild } from './rollup.js';

const seed = Number(process.env.LIAISON_FC_SEED ?? 15);

let t: Awaited<ReturnType<typeof createTestPlatform>>;
let d: Awaited<ReturnType<typeof createDistrict>>;

beforeAll(async () => {
  t = await createTestPlatform();
  d = await createDistrict(t.platform);
  await createStation(t.platform, d, { org: d.orgs.stationA, members: 0 });
});

afterAll(async () => {
  await t?.close();
});

/** Every row of every rollup and fact table, in a fixed order. */
async function snapshot(db: Db) {
  const out: Record<string, unknown[]> = {};
  for (const table of [
    'stat_opinion_fact',
    'stat_assignment_fact',
    'stat_opinion_day',
    'stat_deputy_day',
    'stat_unit_day',
    'stat_reception_day',
    'stat_org_day',
    'stat_org_month',
    'stat_category_month',
    'stat_channel_month',
  ]) {
    const r = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(db);
    out[table] = r.rows.map((x) => JSON.stringify(x)).sort();
  }
  return out;
}

type Command =
  | { kind: 'create'; state: OpinionState; rating: RatingLevel; anonymous: boolean }
  | { kind: 'sweep'; days: number }
  | { kind: 'catchUp' };

const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('create' as const),
      state: fc.constantFrom(...opinionStates),
      rating: fc.constantFrom(...RatingLevel.options),
      anonymous: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('sweep' as const), days: fc.integer({ min: 0, max: 40 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('catchUp' as const) }) },
);

describe('rollups', () => {
  it('equal a full recomputation after random workloads, however the catch-ups fell', async () => {
    const p = t.platform;
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 8 }), async (commands) => {
        for (const c of commands) {
          if (c.kind === 'create')
            // Anonymous opinions cannot be rated by the constituent: the factory has the station rate them.
            await createOpinion(p, d, c.state, { rating: c.rating, anonymous: c.anonymous });
          else if (c.kind === 'sweep') await sweepDeadlines(p, addDays(chinaToday(), c.days));
          else await catchUp(p.db);
        }
        await catchUp(p.db);
        const incremental = await snapshot(p.db);
        await rebuild(p.db);
        expect(incremental).toEqual(await snapshot(p.db));
      }),
      { numRuns: 6, seed },
    );
  }, 300_000);
});
