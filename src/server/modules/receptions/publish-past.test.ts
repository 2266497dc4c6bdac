import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receptionHappened, type PlanView, type ReceptionView } from '../../../contracts/receptions.js';
import { createTestPlatform } from '../../../../test/support/db.js';
import { createDistrict, createReception, createStation, PASSWORD } from '../../../../test/support/factories.js';
import { createApp, signedIn } from '../../../../test/support/http.js';
import { addDays, chinaClock, chinaToday } from '../../platform/calendar/dates.js';
import { sweepReceptions } from './jobs.js';

let t: Awaited<ReturnType<typeof createTestPlatform>>;
let app: FastifyInstance;
let d: Awaited<ReturnType<typeof createDistrict>>;
let station: Awaited<ReturnType<typeof createStation>>;
const as = signedIn(
  () => app,
  () => d.users,
  PASSWORD,
);
type Err = { error: { code: string; message: string } };

beforeAll(async () => {
  t = await createTestPlatform();
  app = await createApp(t.platform);
  d = await createDistrict(t.platform);
  station = await createStation(t.platform, d, { org: d.orgs.stationA, members: 3 });
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('when a reception has happened (China time)', () => {
  const noon = new Date('2027-03-03T12:00:00+08:00');
  it.each([
    ['the day before', '2027-03-02', '11:30', true],
    ['earlier the same day', '2027-03-03', '11:30', true],
    ['ending this very minute', '2027-03-03', '12:00', true],
    ['later the same day', '2027-03-03', '16:00', false],
    ['the next day', '2027-03-04', '09:00', false],
  ])('%s: %s ending %s → %s', (_, day, end, happened) => {
    expect(receptionHappened(day, end, noon)).toBe(happened);
  });
  it('counts in China time, not UTC (16:30 UTC is half past midnight the next day in China)', () => {
    expect(receptionHappened('2027-03-03', '23:00', new Date('2027-03-03T16:30:00Z'))).toBe(true);
  });
});

describe('announcing a reception that has happened', () => {
  it('is refused for one that ended earlier today, in Chinese and English, and it stays planned', async () => {
    // One reading of the clock for the day and the time: the message names the reception's own day,
    // which stays in the past if midnight in China comes before the server looks.
    const at = new Date();
    const now = chinaClock(at);
    const day = chinaToday(at);
    // Run at 00:00–00:01 China time there is no "earlier today" to test.
    if (now < '00:02') return;
    const r = await createReception(t.platform, station, 'planned', {
      day,
      start: '00:00',
      end: '00:01',
    });
    const liaison = await as('liaisonOfficerA');
    const zh = await liaison.post<Err>(`/api/receptions/${r.id}/publish`);
    expect(zh.status).toBe(409);
    expect(zh.body.error.code).toBe('RECEPTION_PAST');
    expect(zh.body.error.message).toBe(`该接待活动（${day}，00:01 结束）已经举行过，不能再发布公告`);
    const en = await liaison.post<Err>(`/api/receptions/${r.id}/publish`, undefined, {
      headers: { 'accept-language': 'en' },
    });
    expect(en.body.error.message).toBe(
      `This reception (${day}, ending 00:01) has already taken place; it can no longer be announced`,
    );
    const view = await liaison.get<ReceptionView>(`/api/receptions/${r.id}`);
    expect(view.body.status).toBe('planned');
  });

  it('is allowed for one still to come', async () => {
    const r = await createReception(t.platform, station, 'planned', { day: addDays(chinaToday(), 2) });
    const res = await (await as('liaisonOfficerA')).post<ReceptionView>(`/api/receptions/${r.id}/publish`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('published');
  });
});

describe("the annual plan and the year's receptions", () => {
  const year = Number(chinaToday().slice(0, 4)) + 1;
  let plan: PlanView;

  it('agree: a reception added by hand or moved into the year is in the plan, and the count is the rows less the cancelled', async () => {
    const head = await as('stationHeadA');
    // Scheduled by hand before the plan, in the plan's year.
    const early = await createReception(t.platform, station, 'planned', { day: `${year}-01-20` });
    const gen = await head.post<PlanView>('/api/receptions/plans/generate', {
      stationId: station.id,
      year,
      perReception: 1,
    });
    expect(gen.status).toBe(200);
    plan = gen.body;
    // Added by hand after the plan, and one moved in from the year before.
    const later = await createReception(t.platform, station, 'planned', { day: `${year}-06-18` });
    const moved = await createReception(t.platform, station, 'planned', { day: `${year - 1}-12-30` });
    expect(
      (await head.request('PATCH', `/api/receptions/${moved.id}`, { day: `${year}-07-15`, reason: '改期' })).status,
    ).toBeLessThan(300);
    const cancelled = await createReception(t.platform, station, 'planned', { day: `${year}-08-12` });
    expect((await head.post(`/api/receptions/${cancelled.id}/cancel`, { reason: '台风' })).status).toBe(200);

    plan = (await head.get<{ plan: PlanView }>(`/api/receptions/plans?stationId=${station.id}&year=${year}`)).body.plan;
    const listed = (
      await head.get<{ items: ReceptionView[] }>(
        `/api/receptions?stationId=${station.id}&from=${year}-01-01&to=${year}-12-31`,
      )
    ).body.items;
    expect(plan.receptions.map((r) => r.id).sort()).toEqual(listed.map((r) => r.id).sort());
    for (const id of [early.id, later.id, moved.id, cancelled.id])
      expect(plan.receptions.map((r) => r.id)).toContain(id);
  });

  it('approved, announces on their notice day the receptions added by hand as well as the generated ones', async () => {
    const officer = await as('streetOfficerA');
    expect((await officer.post(`/api/receptions/plans/${plan.id}/approve`)).status).toBe(200);
    const hand = plan.receptions.find((r) => r.day === `${year}-06-18`)!;
    const head = await as('stationHeadA');
    await sweepReceptions(t.platform, addDays(hand.publishOn, -1));
    expect((await head.get<ReceptionView>(`/api/receptions/${hand.id}`)).body.status).toBe('planned');
    await sweepReceptions(t.platform, hand.publishOn);
    expect((await head.get<ReceptionView>(`/api/receptions/${hand.id}`)).body.status).toBe('published');
    const moved = plan.receptions.find((r) => r.day === `${year}-07-15`)!;
    await sweepReceptions(t.platform, moved.publishOn);
    expect((await head.get<ReceptionView>(`/api/receptions/${moved.id}`)).body.status).toBe('published');
  });
});
