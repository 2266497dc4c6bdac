import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard, DrillPage, Figures, Topics } from '../../../contracts/statistics.js';
import { createTestPlatform, superQuery } from '../../../../test/support/db.js';
import { createDistrict, createOpinion, createStation, PASSWORD } from '../../../../test/support/factories.js';
import { createApp, signedIn } from '../../../../test/support/http.js';
import { addDays, chinaDate, chinaToday } from '../../platform/calendar/dates.js';
import { sweepDeadlines } from '../opinions/supervision.js';
import { splitPeriod } from './dashboard.js';
import { catchUp, rebuild } from './rollup.js';

let t: Awaited<ReturnType<typeof createTestPlatform>>;
let app: FastifyInstance;
let d: Awaited<ReturnType<typeof createDistrict>>;
const ids: Record<string, number> = {};

const as = signedIn(
  () => app,
  () => d.users,
  PASSWORD,
);

const rate = (f: Figures, k: keyof Figures['rates']) => f.rates[k];
const year = `${chinaToday().slice(0, 4)}-01-01`;
const range = `from=${year}&to=${addDays(chinaToday(), 60)}`;

async function board(who: keyof typeof d.users, extra = '') {
  const res = await (await as(who)).get<Dashboard>(`/api/statistics/dashboard?${range}${extra}`);
  expect(res.status).toBe(200);
  return res.body;
}

beforeAll(async () => {
  t = await createTestPlatform();
  app = await createApp(t.platform);
  d = await createDistrict(t.platform);
  const p = t.platform;
  await createStation(p, d, { org: d.orgs.stationA, members: 0 });
  await createStation(p, d, { org: d.orgs.stationB, members: 0 });
  // The fixture, all at station A (street A); the figures below are counted by hand from it.
  ids.closed = (await createOpinion(p, d, 'closed', { rating: 'satisfied' })).id;
  ids.dissatisfied = (await createOpinion(p, d, 'rated', { rating: 'dissatisfied' })).id;
  ids.anonymous = (await createOpinion(p, d, 'answered', { anonymous: true })).id;
  const merged = await createOpinion(p, d, 'merged');
  ids.merged = merged.id;
  ids.mergeTarget = merged.mergedInto!;
  ids.rejected = (await createOpinion(p, d, 'rejected')).id;
  ids.inProgress = (await createOpinion(p, d, 'inProgress')).id;
  ids.assigned = (await createOpinion(p, d, 'assigned')).id;
  await catchUp(p.db);
});

afterAll(async () => {
  await app?.close();
  await t?.close();
});

describe('periods', () => {
  it('split into whole months and the days at the edges', () => {
    expect(splitPeriod({ from: '2026-01-01', to: '2026-12-06' })).toEqual({
      months: { from: '2026-01-01', to: '2026-11-01' },
      days: [{ from: '2026-12-01', to: '2026-12-06' }],
    });
    expect(splitPeriod({ from: '2026-02-15', to: '2026-04-30' })).toEqual({
      months: { from: '2026-03-01', to: '2026-04-01' },
      days: [{ from: '2026-02-15', to: '2026-02-28' }],
    });
    expect(splitPeriod({ from: '2026-03-03', to: '2026-03-20' })).toEqual({
      months: null,
      days: [{ from: '2026-03-03', to: '2026-03-20' }],
    });
  });
});

describe('rates on a hand-counted fixture', () => {
  it('the district sees every rate of its opinions, as defined', async () => {
    const b = await board('districtOfficer');
    const f = b.totals.current;
    // 8 registered: closed, dissatisfied, anonymous, merged + its target, rejected, in progress, assigned.
    expect(f.received).toBe(8);
    // Accepted: closed, dissatisfied, in progress (the assigned one is still within its day).
    expect(rate(f, 'responseRate')).toEqual({ num: 3, den: 3, value: 1 });
    // Answered by the deadline: closed and dissatisfied; nothing is overdue yet.
    expect(rate(f, 'onTimeRate')).toEqual({ num: 2, den: 2, value: 1 });
    // Fed back: closed and dissatisfied. The anonymous one (nobody to tell), merged and rejected are not due.
    expect(rate(f, 'feedbackRate')).toEqual({ num: 2, den: 2, value: 1 });
    // Rated 2, one satisfied; no unrated.
    expect(rate(f, 'satisfactionRate')).toEqual({ num: 1, den: 2, value: 0.5 });
    expect(f.unrated).toBe(0);
    expect(rate(f, 'solvedRate')).toEqual({ num: 2, den: 2, value: 1 });
    expect(f.closed).toBe(1);
    expect(f.overdueOpen).toBe(0);
    expect(f.avgHandlingDays).toBe(0);
    expect(f.p90HandlingDays).toBe(1);
    // By street: street A has all of it and ranks first; street B has nothing, every rate "—".
    expect(b.children.map((c) => [c.name, c.figures.received])).toEqual(
      [
        [d.orgs.streetA.name, 8],
        [d.orgs.streetB.name, 0],
      ].filter(([, n]) => n !== 0),
    );
    expect(b.channels).toEqual([{ channel: 'online', received: 8 }]);
    expect(b.units.map((u) => [u.name, u.figures.received])).toEqual([[d.orgs.officeA.name, 4]]);
  });

  it('nothing assigned: a street without opinions has no rate at all (null, not 0 or 100 %)', async () => {
    const b = await board('streetOfficerB');
    expect(b.scope.orgId).toBe(d.orgs.streetB.id);
    expect(b.totals.current.received).toBe(0);
    for (const r of Object.values(b.totals.current.rates)) expect(r.value).toBeNull();
    expect(b.totals.current.avgHandlingDays).toBeNull();
    expect(b.totals.current.p90HandlingDays).toBeNull();
  });

  it('is kept between catch-ups: the same scope and period answered from memory, new after a catch-up', async () => {
    const before = (await board('districtOfficer')).totals.current.received;
    // The rollups change behind the dashboard (as a catch-up's refresh does before the catch-up ends):
    // station A's row of the fixture's day and of its month, whichever the period reads. (The day the
    // fixture was registered on, as the rollup counts it: not today read now, for midnight in China
    // may have come since.)
    const { created_at: registered } = await t.platform.db
      .selectFrom('opinion')
      .select('created_at')
      .where('id', '=', ids.closed!)
      .executeTakeFirstOrThrow();
    const bump = (n: number) =>
      superQuery(
        t.database.ownerUrl,
        `WITH a AS (UPDATE stat_org_day SET received = received + $2 WHERE org_id = $1 AND day = $3::date RETURNING 1)
         UPDATE stat_org_month SET received = received + $2 WHERE org_id = $1 AND month = date_trunc('month', $3::date)::date`,
        [d.orgs.stationA.id, n, chinaDate(registered)],
      );
    await bump(100);
    try {
      expect((await board('districtOfficer')).totals.current.received).toBe(before);
      // Another scope is its own entry: street B still has nothing, and is not given the district's figures.
      expect((await board('streetOfficerB')).totals.current.received).toBe(0);
      await catchUp(t.platform.db);
      expect((await board('districtOfficer')).totals.current.received).toBe(before + 100);
    } finally {
      await bump(-100);
      await catchUp(t.platform.db);
    }
    expect((await board('districtOfficer')).totals.current.received).toBe(before);
  });

  it('a unit sees only its own timeliness; another street is not found', async () => {
    const b = await board('unitStaffA');
    expect(b.scope).toMatchObject({ kind: 'unit', orgId: d.orgs.officeA.id });
    expect(b.totals.current.received).toBe(4);
    expect(b.totals.current.rates.feedbackRate).toBeUndefined();
    expect(b.children).toEqual([]);
    expect(b.deputies).toEqual([]);
    const other = await (await as('unitStaffA')).get(`/api/statistics/dashboard?orgId=${d.orgs.streetA.id}`);
    expect(other.status).toBe(404);
    const b2 = await (await as('streetOfficerB')).get(`/api/statistics/dashboard?orgId=${d.orgs.stationA.id}`);
    expect(b2.status).toBe(404);
    const none = await (await as('admin')).get('/api/statistics/dashboard');
    expect(none.status).toBe(403);
  });

  it('drills down from a rate to the opinions behind it', async () => {
    const c = await as('districtOfficer');
    const met = await c.get<DrillPage>(`/api/statistics/opinions?figure=satisfactionRate&part=met&${range}`);
    expect(met.body.items.map((i) => i.id)).toEqual([ids.closed]);
    const missed = await c.get<DrillPage>(`/api/statistics/opinions?figure=satisfactionRate&part=missed&${range}`);
    expect(missed.body.items.map((i) => i.id)).toEqual([ids.dissatisfied]);
    const street = await c.get<DrillPage>(
      `/api/statistics/opinions?figure=onTimeRate&orgId=${d.orgs.streetA.id}&${range}`,
    );
    expect(street.body.items.map((i) => i.id).sort()).toEqual([ids.closed, ids.dissatisfied].sort());
    expect(street.body.items[0]).toMatchObject({ orgName: d.orgs.stationA.name });
    const bad = await c.get<{ error: { fields: { path: string }[] } }>(`/api/statistics/opinions?figure=nonsense`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0]!.path).toContain('figure');
  });

  it('exports the dashboard as .xlsx', async () => {
    const res = await (await as('districtOfficer')).get(`/api/statistics/dashboard.xlsx?${range}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.raw.subarray(0, 2).toString()).toBe('PK');
  });

  it('everything overdue: after the deadlines pass, the open ones count against the on-time and response rates', async () => {
    const p = t.platform;
    await sweepDeadlines(p, addDays(chinaToday(), 45));
    await catchUp(p.db);
    const f = (await board('districtOfficer')).totals.current;
    // The assigned one was never accepted (flagged after its day): 3 of 4.
    expect(rate(f, 'responseRate')).toEqual({ num: 3, den: 4, value: 0.75 });
    // The two open ones are overdue: 2 on time of 4 due.
    expect(rate(f, 'onTimeRate')).toEqual({ num: 2, den: 4, value: 0.5 });
    expect(f.overdueOpen).toBe(2);
    const unit = (await board('unitStaffA')).totals.current;
    expect(unit.overdueOpen).toBe(2);
    expect(unit.rates.onTimeRate).toEqual({ num: 2, den: 4, value: 0.5 });
    const overdue = await (
      await as('districtOfficer')
    ).get<DrillPage>(`/api/statistics/opinions?figure=overdueOpen&${range}`);
    expect(overdue.body.items.map((i) => i.id).sort()).toEqual([ids.inProgress, ids.assigned].sort());
  });

  it('hot topics: the repeated road complaint is one cluster at station A; a unit gets none', async () => {
    const res = await (await as('districtOfficer')).get<Topics>(`/api/statistics/topics?${range}`);
    expect(res.status).toBe(200);
    const road = res.body.clusters[0]!;
    expect(road.keywords).toContain('积水');
    expect(road.stations).toEqual([{ id: d.orgs.stationA.id, name: d.orgs.stationA.name, count: road.count }]);
    expect(road.opinionIds).toContain(ids.closed);
    expect(road.opinionIds).not.toContain(ids.merged);
    const unit = await (await as('unitStaffA')).get<Topics>(`/api/statistics/topics?${range}`);
    expect(unit.body).toEqual({ keywords: [], clusters: [] });
  });

  it('the rebuild gives the same figures as the incremental catch-up', async () => {
    const before = await board('districtOfficer');
    await rebuild(t.platform.db);
    const after = await board('districtOfficer');
    expect({ ...after, asOf: null }).toEqual({ ...before, asOf: null });
  });
});
