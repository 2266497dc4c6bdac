import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opinionStates, type OpinionActionName, type OpinionState } from '../../src/contracts/opinions.js';
import { transitions } from '../../src/server/modules/opinions/workflow.js';
import { createTestPlatform } from './db.js';
import {
  createDeputy,
  createDistrict,
  createOpinion,
  createReception,
  createStation,
  pathTo,
  type District,
} from './factories.js';

let t: Awaited<ReturnType<typeof createTestPlatform>>;
let d: District;

beforeAll(async () => {
  t = await createTestPlatform();
  d = await createDistrict(t.platform);
});
afterAll(() => t.close());

const eventsOf = (id: number) =>
  t.platform.db
    .selectFrom('opinion_event')
    .select(['action', 'from_state', 'to_state'])
    .where('opinion_id', '=', id)
    .orderBy('id')
    .execute();

describe('the opinion factory', () => {
  it.each(opinionStates)('builds an opinion %s, by events that form a path of the loop', async (state) => {
    const o = await createOpinion(t.platform, d, state);
    const row = await t.platform.db
      .selectFrom('opinion')
      .select(['state', 'merged_into'])
      .where('id', '=', o.id)
      .executeTakeFirstOrThrow();
    expect(row.state).toBe(state);
    const events = await eventsOf(o.id);
    expect(events[0]).toEqual({ action: 'register', from_state: null, to_state: 'registered' });
    let at: OpinionState = 'registered';
    for (const e of events.slice(1)) {
      // Each step starts where the last one left off and is one the workflow allows from there.
      const step = transitions[e.action as OpinionActionName];
      expect(e.from_state).toBe(at);
      expect(step.from).toContain(at);
      expect(e.to_state).toBe(step.to ?? at);
      at = e.to_state as OpinionState;
    }
    expect(at).toBe(state);
    expect(events.slice(1).map((e) => e.action)).toEqual(pathTo[state]);
    if (state === 'merged') expect(row.merged_into).toBe(o.mergedInto);
  });

  it('an anonymous opinion is rated by the station, a named one by its constituent', async () => {
    const anonymous = await createOpinion(t.platform, d, 'rated', { anonymous: true, rating: 'basicallySatisfied' });
    const named = await createOpinion(t.platform, d, 'rated');
    const rating = (id: number) =>
      t.platform.db
        .selectFrom('opinion_event')
        .select(['actor_kind'])
        .where('opinion_id', '=', id)
        .where('action', '=', 'rate')
        .executeTakeFirstOrThrow();
    expect(await rating(anonymous.id)).toEqual({ actor_kind: 'staff' });
    expect(await rating(named.id)).toEqual({ actor_kind: 'constituent' });
  });
});

describe('the station, deputy and reception factories', () => {
  it('builds a station with its members, head and reception rule', async () => {
    const s = await createStation(t.platform, d, { members: 3 });
    const members = await t.platform.db
      .selectFrom('station_member')
      .select(['deputy_id', 'is_head'])
      .where('station_id', '=', s.id)
      .orderBy('deputy_id')
      .execute();
    expect(members).toEqual(s.members.map((m, i) => ({ deputy_id: m.id, is_head: i === 0 })));
    const row = await t.platform.db
      .selectFrom('station')
      .select('reception_schedule')
      .where('org_id', '=', s.id)
      .executeTakeFirstOrThrow();
    expect(row.reception_schedule).toMatchObject({ kind: 'monthlyDay', day: 15 });
    expect(s.liaisonOfficer).not.toBeNull();
  });

  it('builds a deputy at a level, linked to a station or not', async () => {
    const s = await createStation(t.platform, d, { members: 0 });
    const dep = await createDeputy(t.platform, d, { levels: ['municipal', 'county'], station: s.org, head: true });
    const free = await createDeputy(t.platform, d);
    const levels = await t.platform.db
      .selectFrom('deputy_level')
      .select('level')
      .where('deputy_id', '=', dep.id)
      .orderBy('level')
      .execute();
    expect(levels.map((l) => l.level)).toEqual(['county', 'municipal']);
    const memberships = await t.platform.db
      .selectFrom('station_member')
      .select(['deputy_id', 'is_head'])
      .where('deputy_id', 'in', [dep.id, free.id])
      .execute();
    expect(memberships).toEqual([{ deputy_id: dep.id, is_head: true }]);
  });

  it.each(['planned', 'published', 'closed'] as const)('builds a %s reception with duty and slots', async (status) => {
    const s = await createStation(t.platform, d);
    const r = await createReception(t.platform, s, status);
    const row = await t.platform.db
      .selectFrom('reception')
      .select(['status', 'published_at', 'closed_at'])
      .where('id', '=', r.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe(status);
    expect(row.published_at === null).toBe(status === 'planned');
    expect(row.closed_at === null).toBe(status !== 'closed');
    expect(r.duty).toEqual(s.members.map((m) => m.id));
    expect(r.slots.map((x) => [x.start_time.slice(0, 5), x.end_time.slice(0, 5)])).toEqual([
      ['09:00', '10:00'],
      ['10:00', '11:00'],
      ['11:00', '11:30'],
    ]);
  });
});
