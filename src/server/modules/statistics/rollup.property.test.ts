import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opinionStates, RatingLevel, type OpinionState } from '../../../contracts/opinions.js';
import { suggestionStates, type SuggestionState } from '../../../contracts/suggestions.js';
import { createTestPlatform } from '../../../../test/support/db.js';
import { createDeputy, createDistrict, createOpinion, createStation } from '../../../../test/support/factories.js';
import type { Db } from '../../db/database.js';
import { addDays, chinaToday } from '../../platform/calendar/dates.js';
import { sweepDeadlines } from '../opinions/supervision.js';
import { catchUp, rebuild } from './rollup.js';

const seed = Number(process.env.LIAISON_FC_SEED ?? 15);

let t: Awaited<ReturnType<typeof createTestPlatform>>;
let d: Awaited<ReturnType<typeof createDistrict>>;
let sessionId: number;
const deputies: number[] = [];

beforeAll(async () => {
  t = await createTestPlatform();
  d = await createDistrict(t.platform);
  await createStation(t.platform, d, { org: d.orgs.stationA, members: 0 });
  for (const org of [d.orgs.stationA, d.orgs.stationB]) deputies.push((await createDeputy(t.platform, d, { org })).id);
  const year = Number(chinaToday().slice(0, 4));
  sessionId = (
    await t.platform.db
      .insertInto('congress_session')
      .values({ org_id: d.orgs.root.id, name: `性质测试${year}`, kind: 'session', year, prefix: '' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
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
    'stat_unit_month',
    'stat_reception_day',
    'stat_org_day',
    'stat_org_month',
    'stat_category_month',
    'stat_channel_month',
    'stat_suggestion_fact',
    'stat_suggestion_unit_fact',
    'stat_suggestion_day',
    'stat_suggestion_unit_day',
    'stat_project_fact',
    'stat_project_year',
  ]) {
    const r = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(db);
    out[table] = r.rows.map((x) => JSON.stringify(x)).sort();
  }
  return out;
}

type Command =
  | { kind: 'create'; state: OpinionState; rating: RatingLevel; anonymous: boolean }
  | { kind: 'sweep'; days: number }
  | { kind: 'catchUp'; days: number }
  | { kind: 'suggestion'; state: SuggestionState; due: number; answer: boolean }
  | { kind: 'step'; pick: number; state: SuggestionState; due: number }
  | { kind: 'move'; deputy: number }
  | { kind: 'project'; pick: number; state: string; rating: string | null; cost: number };

const due = fc.integer({ min: -3, max: 6 });

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
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('catchUp' as const), days: fc.integer({ min: 0, max: 30 }) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('suggestion' as const),
      // Waiting for an answer half the time: those fall overdue as days pass.
      state: fc.oneof(fc.constantFrom<SuggestionState>('assigned', 'reHandling'), fc.constantFrom(...suggestionStates)),
      due,
      answer: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('step' as const),
      pick: fc.nat(),
      state: fc.constantFrom(...suggestionStates),
      due,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('move' as const), deputy: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('project' as const),
      pick: fc.nat(),
      state: fc.constantFrom('reserve', 'inProgress', 'done'),
      rating: fc.constantFrom(null, 'satisfied', 'dissatisfied'),
      cost: fc.integer({ min: 0, max: 1000 }),
    }),
  },
);

/** A suggestion in `state` written as a step would (with its event), lead unit and maybe an answer. */
async function addSuggestion(c: Extract<Command, { kind: 'suggestion' }>, n: number) {
  const db = t.platform.db;
  const submitted = c.state !== 'draft';
  const { id } = await db
    .insertInto('suggestion')
    .values({
      org_id: d.orgs.root.id,
      org_path: d.orgs.root.path,
      session_id: sessionId,
      number: submitted && c.state !== 'submitted' ? n : null,
      lead_deputy_id: deputies[n % deputies.length]!,
      title: `建议${n}`,
      content: '内容',
      state: c.state,
      submitted_at: submitted ? new Date() : null,
      answer_due: addDays(chinaToday(), day + c.due),
      redo_due: addDays(chinaToday(), day + c.due),
      ...(c.answer ? { first_answered_at: new Date(), answered_on_time: c.due >= 0, answer_class: 'B' } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('suggestion_unit')
    .values({
      suggestion_id: id,
      unit_id: d.orgs.officeA.id,
      unit_path: d.orgs.officeA.path,
      role: 'lead',
      state: c.answer ? 'answered' : 'assigned',
    })
    .execute();
  if (c.answer)
    await db
      .insertInto('suggestion_answer')
      .values({
        suggestion_id: id,
        unit_id: d.orgs.officeA.id,
        round: 1,
        answer_class: 'B',
        content: '答复',
        signed_by: '负责人',
        on_time: c.due >= 0,
        consulted: true,
      })
      .execute();
  await db.insertInto('suggestion_event').values({ suggestion_id: id, action: 'draft' }).execute();
}

/** Moves a suggestion to another state and deadline, with its event (as every step does). */
async function stepSuggestion(c: Extract<Command, { kind: 'step' }>) {
  const db = t.platform.db;
  const all = await db.selectFrom('suggestion').select('id').orderBy('id').execute();
  if (!all.length) return;
  const id = all[c.pick % all.length]!.id;
  await db
    .updateTable('suggestion')
    .set({
      state: c.state,
      answer_due: addDays(chinaToday(), day + c.due),
      redo_due: addDays(chinaToday(), day + c.due),
      submitted_at: sql`coalesce(submitted_at, now())`,
    })
    .where('id', '=', id)
    .execute();
  await db.insertInto('suggestion_event').values({ suggestion_id: id, action: c.state }).execute();
}

/** A deputy moves to the other station (no suggestion event). */
async function moveDeputy(c: Extract<Command, { kind: 'move' }>) {
  const id = deputies[c.deputy % deputies.length]!;
  await sql`UPDATE deputy SET org_id = CASE WHEN org_id = ${d.orgs.stationA.id}::bigint THEN ${d.orgs.stationB.id}::bigint
    ELSE ${d.orgs.stationA.id}::bigint END WHERE id = ${id}`.execute(t.platform.db);
}

/** A new project, or (every other pick) a change to an existing one's state, rating and cost. */
async function touchProject(c: Extract<Command, { kind: 'project' }>) {
  const db = t.platform.db;
  const all = await db.selectFrom('project').select('id').orderBy('id').execute();
  if (all.length && c.pick % 2) {
    const id = all[c.pick % all.length]!.id;
    await db
      .updateTable('project')
      .set({ state: c.state, rating: c.rating, cost: c.cost })
      .where('id', '=', id)
      .execute();
    return;
  }
  const year = Number(chinaToday().slice(0, 4));
  await db
    .insertInto('project')
    .values({
      org_id: d.orgs.streetA.id,
      org_path: d.orgs.streetA.path,
      year,
      title: '项目',
      description: '说明',
      cost: c.cost,
      funding_source: '区级财政',
      unit_id: c.pick % 3 ? d.orgs.officeA.id : null,
      location: '甲街道',
      expected_completion: `${year}-11-30`,
      source: 'committee',
      state: c.state,
      rating: c.rating,
    })
    .execute();
}

let serial = 0;
let day = 0;
const later = (days: number) => new Date(Date.now() + days * 86_400_000);

describe('rollups', () => {
  it('equal a full recomputation after random workloads, however the catch-ups fell', async () => {
    const p = t.platform;
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 12 }), async (commands) => {
        for (const c of commands) {
          if (c.kind === 'suggestion') await addSuggestion(c, ++serial);
          else if (c.kind === 'step') await stepSuggestion(c);
          else if (c.kind === 'move') await moveDeputy(c);
          else if (c.kind === 'project') await touchProject(c);
          else if (c.kind === 'create')
            // Anonymous opinions cannot be rated by the constituent: the factory has the station rate them.
            await createOpinion(p, d, c.state, { rating: c.rating, anonymous: c.anonymous });
          else if (c.kind === 'sweep') await sweepDeadlines(p, addDays(chinaToday(), c.days));
          else {
            // Days pass between catch-ups (never back): open suggestions fall overdue with no event.
            day += c.days % 7;
            await catchUp(p.db, later(day));
          }
        }
        await catchUp(p.db, later(day));
        // Then days pass with no event at all: what fell due in between is overdue now. (Twice: the
        // first catch-up still re-reads the last events, within the watermark's safety window.)
        let last = later(day);
        for (let i = 0; i < 2; i++) {
          day += 4;
          last = later(day);
          await catchUp(p.db, last);
        }
        const incremental = await snapshot(p.db);
        // The recomputation as of the very moment of the last catch-up: a second reading of the clock
        // may fall on the next day in China (past midnight), and a deadline with it.
        await rebuild(p.db, last);
        expect(incremental).toEqual(await snapshot(p.db));
      }),
      { numRuns: 8, seed },
    );
    // The units' monthly rollup (their ranking reads it) was exercised, and is the daily one by month.
    const months = await sql<{ rows: number; differing: number }>`SELECT
        (SELECT count(*)::int FROM stat_unit_month) AS rows,
        (SELECT count(*)::int FROM (
          SELECT date_trunc('month', day)::date, unit_id, sum(assignments)::int, sum(handled)::int, sum(h3)::int
            FROM stat_unit_day GROUP BY 1, 2
          EXCEPT SELECT month, unit_id, assignments, handled, h3 FROM stat_unit_month) x) AS differing`.execute(p.db);
    expect(months.rows[0]!.rows).toBeGreaterThan(0);
    expect(months.rows[0]!.differing).toBe(0);
  }, 300_000);

  it('count a suggestion overdue when its deadline passes with no event, and keep equal to a recomputation', async () => {
    const p = t.platform;
    await addSuggestion({ kind: 'suggestion', state: 'assigned', due: 5, answer: false }, ++serial);
    const id = (await p.db.selectFrom('suggestion').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
    const overdue = async () =>
      (
        await p.db
          .selectFrom('stat_suggestion_fact')
          .select('overdue')
          .where('suggestion_id', '=', id)
          .executeTakeFirstOrThrow()
      ).overdue;
    // Read at once, then re-read within the watermark's safety window; then days pass, no event.
    let last = later(day);
    for (const days of [0, 4, 8]) {
      last = later(day + days);
      await catchUp(p.db, last);
    }
    expect(await overdue()).toBe(1);
    const incremental = await snapshot(p.db);
    // As of the moment of the last catch-up (see above).
    await rebuild(p.db, last);
    expect(incremental).toEqual(await snapshot(p.db));
    day += 8;
  }, 120_000);
});
