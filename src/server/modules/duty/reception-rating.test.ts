import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DutyRecord, ReceptionRatingsView, UpcomingReception } from '../../../contracts/duty.js';
import { createTestPlatform } from '../../../../test/support/db.js';
import {
  createDeputy,
  createDistrict,
  createReception,
  createStation,
  PASSWORD,
} from '../../../../test/support/factories.js';
import { createApp, signedIn, TestClient } from '../../../../test/support/http.js';
import { addDays, chinaToday, yearOf } from '../../platform/calendar/dates.js';
import { ratingToken, sendRatingInvites } from './reception-ratings.js';
import { syncActivities } from './sync.js';

let t: Awaited<ReturnType<typeof createTestPlatform>>;
let app: FastifyInstance;
let d: Awaited<ReturnType<typeof createDistrict>>;
let users: Record<string, { id: number; username: string }>;
let held: number;
let heldB: number;
let future: number;
let old: number;
let dep: { id: number; name: string };
const today = chinaToday();

const as = signedIn(
  () => app,
  () => users,
  PASSWORD,
);
type Err = { error: { code: string; fields?: { path: string; message: string }[] } };
const visitor = (ip: string) => new TestClient(app, { ip });
const rate = (c: TestClient, body: Record<string, unknown>) =>
  c.post<{ replaced: boolean } & Err>('/api/public/duty/reception-rating', body);
const nonce = (n: number) => `device-nonce-${String(n).padStart(8, '0')}`;

beforeAll(async () => {
  t = await createTestPlatform();
  app = await createApp(t.platform);
  const p = t.platform;
  d = await createDistrict(p);
  users = d.users;
  await createStation(p, d, { org: d.orgs.stationA, members: 0 });
  await createStation(p, d, { org: d.orgs.stationB, members: 0, parent: d.orgs.streetB });
  dep = await createDeputy(p, d, { station: d.orgs.stationA, user: d.users.deputyA });
  const h = await createReception(p, d.orgs.stationA, 'closed', { day: addDays(today, -2), duty: [dep] });
  held = h.id;
  // Visitors who booked: two came (one marked, one not), one did not come.
  for (const [i, status] of (['attended', 'booked', 'noShow'] as const).entries())
    await p.db
      .insertInto('appointment')
      .values({
        reception_id: held,
        slot_id: h.slots[0]!.id,
        name_sealed: p.fields.encrypt(`访客${i}`),
        name_masked: '访*',
        phone_sealed: p.fields.encrypt(`1390000010${i}`),
        phone_masked: '139****0000',
        phone_digest: `digest-${i}`,
        topic: '反映小区停车难',
        status,
        cancel_digest: `cancel-digest-${i}`,
      })
      .execute();
  heldB = (await createReception(p, d.orgs.stationB, 'closed', { day: addDays(today, -1), duty: [] })).id;
  future = (await createReception(p, d.orgs.stationA, 'published', { day: addDays(today, 5), duty: [dep] })).id;
  old = (await createReception(p, d.orgs.stationA, 'closed', { day: addDays(today, -20), duty: [dep] })).id;
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('visitors rate the reception itself (接待满意度)', () => {
  it('the station shows a QR link; visitors rate on the spot, once per device; the station gets a figure', async () => {
    const head = await as('stationHeadA');
    const link = await head.post<{ token: string; url: string }>(`/api/duty/reception-ratings/${held}/link`);
    expect(link.status, JSON.stringify(link.body)).toBe(200);
    expect(link.body.url).toMatch(/\/rate\?t=r[0-9a-z]+\.[A-Za-z0-9_-]{16}$/);
    const token = link.body.token;
    const info = await visitor('10.0.0.1').get<{ stationName: string; open: boolean; day: string }>(
      `/api/public/duty/reception-rating?t=${token}`,
    );
    expect(info.body).toMatchObject({ open: true, day: addDays(today, -2) });
    expect((await rate(visitor('10.0.0.1'), { token, overall: 'satisfied', nonce: nonce(1) })).status).toBe(201);
    expect(
      (await rate(visitor('10.0.0.2'), { token, overall: 'dissatisfied', comment: '等候时间太长', nonce: nonce(2) }))
        .body.replaced,
    ).toBe(false);
    // The same device again: its rating is replaced, not added.
    const again = await rate(visitor('10.0.0.2'), {
      token,
      overall: 'basicallySatisfied',
      comment: '等候时间长',
      nonce: nonce(2),
    });
    expect(again.status).toBe(201);
    expect(again.body.replaced).toBe(true);
    const figures = await head.get<ReceptionRatingsView>(
      `/api/duty/reception-ratings?year=${yearOf(addDays(today, -2))}`,
    );
    expect(figures.status).toBe(200);
    const station = figures.body.stations.find((s) => s.stationId === d.orgs.stationA.id)!;
    expect(station).toMatchObject({
      ratings: 2,
      satisfied: 1,
      basicallySatisfied: 1,
      dissatisfied: 0,
      satisfiedShare: 1,
    });
    const row = figures.body.receptions.find((r) => r.receptionId === held)!;
    expect(row).toMatchObject({ ratings: 2, comments: ['等候时间长'] });
    // Station A's head sees no station B figures; B's liaison officer sees none of A's.
    expect(figures.body.stations.some((s) => s.stationId === d.orgs.stationB.id)).toBe(false);
    const b = await (await as('liaisonOfficerB')).get<ReceptionRatingsView>('/api/duty/reception-ratings');
    expect(b.body.receptions.some((r) => r.receptionId === held)).toBe(false);
    // Audited, without the visitor.
    const audits = await t.platform.db
      .selectFrom('audit_log')
      .select(['summary', 'actor_id'])
      .where('action', '=', 'duty.rateReception')
      .execute();
    expect(audits).toHaveLength(3);
    expect(audits.every((a) => a.actor_id === null)).toBe(true);
  });

  it('bad input names the field; a forged or unknown token is not found; out of the window is refused', async () => {
    const token = ratingToken(t.platform, 'r', held);
    const bad = await rate(visitor('10.0.1.1'), { token, overall: 'great', nonce: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields!.map((f) => f.path).sort()).toEqual(['body.nonce', 'body.overall']);
    expect(JSON.stringify(bad.body)).toContain('请选择满意程度');
    const noNonce = await rate(visitor('10.0.1.1'), { token, overall: 'satisfied' });
    expect(noNonce.status).toBe(400);
    expect(noNonce.body.error.fields!.map((f) => f.path)).toEqual(['body.nonce']);
    const forged = `r${held.toString(36)}.AAAAAAAAAAAAAAAA`;
    expect((await rate(visitor('10.0.1.1'), { token: forged, overall: 'satisfied', nonce: nonce(3) })).status).toBe(
      404,
    );
    expect((await visitor('10.0.1.1').get(`/api/public/duty/reception-rating?t=${forged}`)).status).toBe(404);
    expect((await visitor('10.0.1.1').get('/api/public/duty/reception-rating?t=nonsense')).status).toBe(400);
    const closed = await rate(visitor('10.0.1.1'), {
      token: ratingToken(t.platform, 'r', old),
      overall: 'satisfied',
      nonce: nonce(4),
    });
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe('DUTY_RATING_CLOSED');
    expect(
      (
        await rate(visitor('10.0.1.1'), {
          token: ratingToken(t.platform, 'r', future),
          overall: 'satisfied',
          nonce: nonce(4),
        })
      ).status,
    ).toBe(409);
  });

  it('the link is for the station in scope: other stations, units and deputies cannot make one', async () => {
    expect((await (await as('liaisonOfficerB')).post(`/api/duty/reception-ratings/${held}/link`)).status).toBe(404);
    expect((await (await as('unitStaffA')).post(`/api/duty/reception-ratings/${held}/link`)).status).toBe(404);
    expect((await (await as('deputyA')).post(`/api/duty/reception-ratings/${held}/link`)).status).toBe(404);
    expect((await (await as('liaisonOfficerB')).post(`/api/duty/reception-ratings/${heldB}/link`)).status).toBe(200);
    expect((await (await as('streetOfficerA')).post(`/api/duty/reception-ratings/${held}/link`)).status).toBe(200);
    expect((await (await as('stationHeadA')).post(`/api/duty/reception-ratings/999999/link`)).status).toBe(404);
    expect((await (await as('stationHeadA')).post(`/api/duty/reception-ratings/${future}/link`)).status).toBe(409);
  });

  it('visitors who booked get one SMS with their own link, and rate through it once', async () => {
    const p = t.platform;
    const booked = await p.db
      .selectFrom('appointment')
      .select(['id', 'reception_id'])
      .where('reception_id', '=', held)
      .execute();
    expect(booked).toHaveLength(3);
    const sent = await sendRatingInvites(p);
    expect(sent).toBe(2); // not the one who did not come
    expect(await sendRatingInvites(p)).toBe(0);
    const msgs = await p.db
      .selectFrom('notify_message')
      .select(['vars', 'to_phone_sealed'])
      .where('type', '=', 'duty.receptionRating')
      .execute();
    expect(msgs).toHaveLength(sent);
    const mine = msgs.find((m) =>
      (m.vars as { rateUrl: string }).rateUrl.endsWith(ratingToken(p, 'a', booked[0]!.id)),
    )!;
    expect(mine.to_phone_sealed).toMatch(/^s1\./);
    const token = ratingToken(p, 'a', booked[0]!.id);
    expect((await rate(visitor('10.0.2.1'), { token, overall: 'dissatisfied' })).body.replaced).toBe(false);
    expect((await rate(visitor('10.0.2.2'), { token, overall: 'satisfied' })).body.replaced).toBe(true);
    const rows = await p.db
      .selectFrom('duty_reception_rating')
      .select(['channel', 'overall'])
      .where('rater_key', '=', `a:${booked[0]!.id}`)
      .execute();
    expect(rows).toEqual([{ channel: 'sms', overall: 'satisfied' }]);
  });
});

describe("the reception rating in the station's figures, the deputy's record and the points", () => {
  // The year read is the one the reception held two days ago falls in (last year on Jan 1–2). The
  // reception rated lower must lie in that year too: the one 20 days ago when it does; early in
  // January, when that one is in the year before, another reception held earlier this year instead.
  const heldDay = addDays(today, -2);
  const Y = yearOf(heldDay);
  let lower: number;
  let lowerDay: string;
  let past: number;
  /** Visitors' ratings written as the rating page would (one per rater). */
  const ratings = async (receptionId: number, day: string, overall: string[]) => {
    for (const [i, o] of overall.entries())
      await t.platform.db
        .insertInto('duty_reception_rating')
        .values({
          reception_id: receptionId,
          station_id: d.orgs.stationA.id,
          station_path: d.orgs.stationA.path,
          day,
          rater_key: `n:fixture-${receptionId}-${i}`,
          channel: 'spot',
          overall: o,
        })
        .execute();
  };

  beforeAll(async () => {
    const p = t.platform;
    if (yearOf(addDays(today, -20)) === Y) {
      lower = old;
      lowerDay = addDays(today, -20);
    } else {
      lowerDay = heldDay === `${Y}-01-01` ? addDays(heldDay, 1) : `${Y}-01-01`;
      lower = (await createReception(p, d.orgs.stationA, 'closed', { day: lowerDay, duty: [dep] })).id;
    }
    expect(yearOf(lowerDay)).toBe(Y);
    expect(lowerDay < today && lowerDay !== heldDay).toBe(true);
    // After the tests above, the reception held two days ago has 满意 2, 基本满意 1 (share 1).
    // The lower one: 满意 2, 基本满意 1, 不满意 2 (share 3/5 = 0.6). Last year's: 满意 2 (share 1).
    await ratings(lower, lowerDay, ['satisfied', 'satisfied', 'basicallySatisfied', 'dissatisfied', 'dissatisfied']);
    past = (await createReception(p, d.orgs.stationA, 'closed', { day: `${Y - 1}-11-10`, duty: [dep] })).id;
    await ratings(past, `${Y - 1}-11-10`, ['satisfied', 'satisfied']);
    // Last year's rules give no bonus for it; this year's give 4 points per reception rated at least 0.8.
    const district = await as('districtOfficer');
    const rules = (year: number, bonuses: Record<string, number>, receptionSatisfied: number) =>
      district.post('/api/duty/rules', {
        fromYear: year,
        rules: {
          base: 10,
          perKind: { reception: 2 },
          bonuses,
          bands: [{ label: '合格', min: null }],
          receptionSatisfied,
        },
      });
    // The later year first: on Jan 1–2 both years are past, and a past year already covered by a
    // version (Y - 1's would cover Y) may not be given one.
    expect((await rules(Y, { receptionSatisfied: 4 }, 0.8)).status).toBe(201);
    expect((await rules(Y - 1, {}, 0.9)).status).toBe(201);
    await syncActivities(p, Y - 1, [dep.id]);
    await syncActivities(p, Y, [dep.id]);
  });

  it("the station's page shows its own figures only", async () => {
    const head = await as('stationHeadA');
    const a = await head.get<ReceptionRatingsView>(
      `/api/duty/reception-ratings?year=${Y}&stationId=${d.orgs.stationA.id}`,
    );
    expect(a.status).toBe(200);
    expect(a.body.stations).toEqual([
      {
        stationId: d.orgs.stationA.id,
        stationName: d.orgs.stationA.name,
        ratings: 8,
        satisfied: 4,
        basicallySatisfied: 2,
        dissatisfied: 2,
        satisfiedShare: 0.75,
      },
    ]);
    expect(new Set(a.body.receptions.map((r) => r.stationId))).toEqual(new Set([d.orgs.stationA.id]));
    // Station B's through A's head: nothing (not in scope).
    const b = await head.get<ReceptionRatingsView>(
      `/api/duty/reception-ratings?year=${Y}&stationId=${d.orgs.stationB.id}`,
    );
    expect(b.body).toEqual({ stations: [], receptions: [] });
    expect((await head.get('/api/duty/reception-ratings?stationId=abc')).status).toBe(400);
  });

  it("the deputy's record shows each reception's rating and the sum; the bonus follows each year's rules", async () => {
    const me = await as('deputyA');
    const rec = (await me.get<DutyRecord>(`/api/duty/record?year=${Y}`)).body;
    const byReception = (id: number) =>
      rec.activities.find(
        (a) => a.title && a.kind === 'reception' && a.rating && a.day === (id === held ? heldDay : lowerDay),
      );
    expect(byReception(held)!.rating).toEqual({
      ratings: 3,
      satisfied: 2,
      basicallySatisfied: 1,
      dissatisfied: 0,
      satisfiedShare: 1,
    });
    expect(byReception(held)!.flags).toEqual(['receptionSatisfied']);
    expect(byReception(lower)!.rating).toMatchObject({ ratings: 5, satisfiedShare: 0.6 });
    expect(byReception(lower)!.flags).toEqual([]);
    expect(rec.receptionRatings).toEqual({
      receptions: 2,
      ratings: 8,
      satisfied: 4,
      basicallySatisfied: 2,
      dissatisfied: 2,
      satisfiedShare: 0.75,
    });
    // This year: base 10 + 2 receptions × 2 + 1 rated reception × 4 = 18.
    const [score] = rec.scores;
    expect(score!.lines).toEqual([
      { item: 'base', count: 1, points: 10, subtotal: 10, note: null },
      { item: 'reception', count: 2, points: 2, subtotal: 4, note: null },
      { item: 'bonus.receptionSatisfied', count: 1, points: 4, subtotal: 4, note: null },
    ]);
    expect(score!.total).toBe(18);
    // Last year: the reception is marked (share 1 ≥ 0.9) but last year's rules give no bonus: 10 + 2 = 12.
    // Early in January the unrated reception 20 days ago is last year's too: 10 + 2 × 2 = 14.
    const lastYearReceptions = yearOf(addDays(today, -20)) === Y - 1 ? 2 : 1;
    const last = (await me.get<DutyRecord>(`/api/duty/record?year=${Y - 1}`)).body;
    expect(last.activities.find((a) => a.day === `${Y - 1}-11-10`)!.flags).toEqual(['receptionSatisfied']);
    expect(last.scores[0]!.total).toBe(10 + 2 * lastYearReceptions);
    expect(last.scores[0]!.lines).toEqual([
      { item: 'base', count: 1, points: 10, subtotal: 10, note: null },
      { item: 'reception', count: lastYearReceptions, points: 2, subtotal: 2 * lastYearReceptions, note: null },
    ]);
    expect(last.receptionRatings).toMatchObject({ receptions: 1, ratings: 2, satisfiedShare: 1 });
  });

  it("the deputy's receptions to come: on the rota, not cancelled, from today", async () => {
    const me = await as('deputyA');
    const cancelled = await createReception(t.platform, d.orgs.stationA, 'planned', {
      day: addDays(today, 6),
      duty: [dep],
    });
    const planned = await createReception(t.platform, d.orgs.stationA, 'planned', {
      day: addDays(today, 8),
      duty: [dep],
    });
    await t.platform.db.updateTable('reception').set({ status: 'cancelled' }).where('id', '=', cancelled.id).execute();
    const other = await createReception(t.platform, d.orgs.stationB, 'planned', { day: addDays(today, 2), duty: [] });
    const res = await me.get<{ items: UpcomingReception[] }>('/api/duty/upcoming-receptions');
    expect(res.status).toBe(200);
    expect(res.body.items.map((r) => r.id)).toEqual([future, planned.id]);
    expect(res.body.items[0]).toMatchObject({
      day: addDays(today, 5),
      stationId: d.orgs.stationA.id,
      status: 'published',
    });
    expect(res.body.items.map((r) => r.id)).not.toContain(other.id);
    const staff = await (await as('stationHeadA')).get<{ error: { code: string } }>('/api/duty/upcoming-receptions');
    expect(staff.status).toBe(403);
    expect(staff.body.error.code).toBe('DUTY_NOT_A_DEPUTY');
  });
});
