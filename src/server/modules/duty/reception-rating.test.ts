import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReceptionRatingsView } from '../../../contracts/duty.js';
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

let t: Awaited<ReturnType<typeof createTestPlatform>>;
let app: FastifyInstance;
let d: Awaited<ReturnType<typeof createDistrict>>;
let users: Record<string, { id: number; username: string }>;
let held: number;
let heldB: number;
let future: number;
let old: number;
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
  const dep = await createDeputy(p, d, { station: d.orgs.stationA, user: d.users.deputyA });
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
