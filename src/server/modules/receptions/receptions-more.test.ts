import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanOrArranged, PlanView, ReceptionView } from '../../../contracts/receptions.js';
import { createTestPlatform } from '../../../../test/support/db.js';
import { createDistrict, PASSWORD } from '../../../../test/support/factories.js';
import { createApp, signedIn, TestClient } from '../../../../test/support/http.js';
import { sendOtp, verifyOtp } from '../../platform/notify/otp.js';
import { pinyinKeys } from '../../platform/text/pinyin.js';
import { sweepReceptions } from './jobs.js';

let t: Awaited<ReturnType<typeof createTestPlatform>>;
let app: FastifyInstance;
let d: Awaited<ReturnType<typeof createDistrict>>;
const as = signedIn(
  () => app,
  () => d.users,
  PASSWORD,
);
type Err = { error: { code: string; fields?: { path: string }[] } };
const deputyIds: number[] = [];
const future = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);

async function otpToken(phone: string) {
  const ctx = { actor: null, requestId: 'test', ip: null, userAgent: null };
  await sendOtp(t.platform, ctx, { phone, purpose: 'portal' });
  const msg = await t.platform.db
    .selectFrom('notify_message')
    .select('vars')
    .where('type', '=', 'otp.code')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  const code = t.platform.fields.decrypt(String((msg.vars as { code: string }).code));
  return (await verifyOtp(t.platform, ctx, { phone, purpose: 'portal', code })).token;
}

beforeAll(async () => {
  t = await createTestPlatform();
  app = await createApp(t.platform);
  d = await createDistrict(t.platform);
  await t.platform.db
    .insertInto('station')
    .values({
      org_id: d.orgs.stationA.id,
      kind: 'workstation',
      address: '测试路 2 号',
      reception_schedule: JSON.stringify({ kind: 'monthlyDay', day: 15, time: { start: '14:00', end: '16:00' } }),
    })
    .execute();
  await t.platform.db.insertInto('station').values({ org_id: d.orgs.stationB.id, kind: 'workstation' }).execute();
  for (const name of ['一号代表', '二号代表', '三号代表']) {
    const keys = pinyinKeys(name);
    const { id } = await t.platform.db
      .insertInto('deputy')
      .values({
        org_id: d.orgs.streetA.id,
        name,
        name_initials: keys.initials,
        name_sort: keys.sort,
        election: 'direct',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.platform.db.insertInto('deputy_level').values({ deputy_id: id, level: 'county' }).execute();
    await t.platform.db
      .insertInto('station_member')
      .values({ station_id: d.orgs.stationA.id, deputy_id: id })
      .execute();
    deputyIds.push(id);
  }
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('who may do what', () => {
  it('deputies read, do not manage; consultants and handling units see nothing; another street gets 404', async () => {
    const head = await as('stationHeadA');
    const r = (
      await head.post<ReceptionView>('/api/receptions', {
        stationId: d.orgs.stationA.id,
        day: future(3),
        start: '09:00',
        end: '10:00',
        mode: 'themed',
        theme: '养老服务',
        deputyIds: [deputyIds[0]],
      })
    ).body;
    const deputy = await as('deputyA');
    expect((await deputy.get<ReceptionView>(`/api/receptions/${r.id}`)).body.can).toEqual({ manage: false });
    expect((await deputy.post<Err>(`/api/receptions/${r.id}/publish`)).status).toBe(403);
    for (const who of ['consultantA', 'unitStaffA'] as const) {
      expect((await (await as(who)).get(`/api/receptions/${r.id}`)).status).toBe(404);
      expect((await (await as(who)).get(`/api/receptions?from=${future(0)}&to=${future(30)}`)).status).toBe(403);
    }
    const other = await as('liaisonOfficerB');
    expect((await other.get(`/api/receptions/${r.id}`)).status).toBe(404);
    expect((await other.request('PATCH', `/api/receptions/${r.id}`, { theme: 'x' })).status).toBe(404);
    expect(
      (await other.get<{ items: unknown[] }>(`/api/receptions?from=${future(0)}&to=${future(30)}`)).body.items,
    ).toEqual([]);
    expect(
      (
        await other.post<Err>('/api/receptions', {
          stationId: d.orgs.stationA.id,
          day: future(3),
          start: '09:00',
          end: '10:00',
          mode: 'regular',
        })
      ).status,
    ).toBe(404);
    // Duty deputies must serve at the station; bad input names the field and changes nothing.
    const foreign = await head.post<Err>('/api/receptions', {
      stationId: d.orgs.stationA.id,
      day: future(3),
      start: '10:00',
      end: '09:00',
      mode: 'regular',
    });
    expect(foreign.body.error.fields?.[0]?.path).toBe('body.end');
    const audit = await t.platform.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_type', '=', 'reception')
      .where('subject_id', '=', String(r.id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['reception.create']);
  });
});

describe('plans', () => {
  it('regenerating keeps what was published; the year-end summary is drafted from what happened', async () => {
    const head = await as('stationHeadA');
    const year = Number(future(0).slice(0, 4)) + 3;
    const first = (
      await head.post<PlanView>('/api/receptions/plans/generate', {
        stationId: d.orgs.stationA.id,
        year,
        perReception: 1,
        slotCapacity: 3,
      })
    ).body;
    expect(first.receptions.map((r) => r.day)).toEqual(
      Array.from({ length: 12 }, (_, m) => `${year}-${String(m + 1).padStart(2, '0')}-15`),
    );
    const one = (await head.get<ReceptionView>(`/api/receptions/${first.receptions[0]!.id}`)).body;
    expect(one.slots.map((s) => [s.start, s.end, s.capacity])).toEqual([
      ['14:00', '15:00', 3],
      ['15:00', '16:00', 3],
    ]);
    await head.post(`/api/receptions/${one.id}/publish`);
    const again = (
      await head.post<PlanView>('/api/receptions/plans/generate', {
        stationId: d.orgs.stationA.id,
        year,
        perReception: 1,
      })
    ).body;
    expect(again.receptions).toHaveLength(12);
    expect(again.receptions[0]).toMatchObject({ id: one.id, status: 'published' });
    // Three deputies, twelve receptions, one each: four turns each.
    expect(again.dutyCounts.map((c) => c.count)).toEqual([4, 4, 4]);

    await head.post(`/api/receptions/${one.id}/sign-in`, {
      deputyId: one.duty[0]!.deputyId,
      idempotencyKey: 'plan-sign-in-1',
    });
    await head.post(`/api/receptions/${one.id}/visitors`, { delta: 4, idempotencyKey: 'plan-visitors-1' });
    await head.request('PUT', `/api/receptions/${one.id}/record`, { summary: '接待 4 人次' });
    await head.post(`/api/receptions/${one.id}/close`);
    const draft = (await head.get<{ summary: string }>(`/api/receptions/plans/${again.id}/summary-draft`)).body.summary;
    expect(draft).toContain('已开展 1 次');
    expect(draft).toContain('接待群众 4 人次');
    const saved = await head.request<PlanView>('PATCH', `/api/receptions/plans/${again.id}`, { summary: draft });
    expect(saved.body.summary).toBe(draft);
  });

  it('before any plan, the year shows what is arranged; generating twice never doubles a day', async () => {
    const head = await as('stationHeadA');
    const year = Number(future(0).slice(0, 4)) + 4;
    const single = (
      await head.post<ReceptionView>('/api/receptions', {
        stationId: d.orgs.stationA.id,
        day: `${year}-03-15`,
        start: '09:00',
        end: '10:00',
        mode: 'themed',
        theme: '养老服务',
      })
    ).body;
    const none = (await head.get<PlanOrArranged>(`/api/receptions/plans?stationId=${d.orgs.stationA.id}&year=${year}`))
      .body;
    expect(none.plan).toBeNull();
    expect(none.arranged.map((r) => [r.id, r.day])).toEqual([[single.id, `${year}-03-15`]]);
    const generate = () =>
      head.post<PlanView>('/api/receptions/plans/generate', { stationId: d.orgs.stationA.id, year, perReception: 1 });
    for (const plan of [(await generate()).body, (await generate()).body]) {
      const days = plan.receptions.map((r) => r.day);
      // The 15th of each month; March is the reception already arranged, kept and not doubled.
      expect(days).toEqual(Array.from({ length: 12 }, (_, m) => `${year}-${String(m + 1).padStart(2, '0')}-15`));
      expect(plan.receptions.find((r) => r.day === `${year}-03-15`)).toMatchObject({ id: single.id, planId: null });
    }
    const withPlan = (
      await head.get<PlanOrArranged>(`/api/receptions/plans?stationId=${d.orgs.stationA.id}&year=${year}`)
    ).body;
    expect(withPlan.plan?.receptions).toHaveLength(12);
    expect(withPlan.arranged).toEqual([]);
  });

  it('a station without a rule cannot generate a plan', async () => {
    const res = await (
      await as('liaisonOfficerB')
    ).post<Err>('/api/receptions/plans/generate', { stationId: d.orgs.stationB.id, year: 2027 });
    expect(res.body.error.code).toBe('RECEPTION_NO_RULE');
  });
});

describe('the sweep', () => {
  it('announces approved plans N days ahead and reminds duty deputies and bookings the day before, once', async () => {
    const head = await as('stationHeadA');
    const year = Number(future(0).slice(0, 4)) + 2;
    const plan = (
      await head.post<PlanView>('/api/receptions/plans/generate', {
        stationId: d.orgs.stationA.id,
        year,
        perReception: 1,
      })
    ).body;
    await (await as('streetOfficerA')).post(`/api/receptions/plans/${plan.id}/approve`);
    const jan = plan.receptions[0]!;
    expect(jan.publishOn).toBe(`${year}-01-12`);
    expect((await sweepReceptions(t.platform, `${year}-01-11`)).published).toBe(0);
    expect((await sweepReceptions(t.platform, `${year}-01-12`)).published).toBeGreaterThanOrEqual(1);
    expect((await head.get<ReceptionView>(`/api/receptions/${jan.id}`)).body.status).toBe('published');
    const before = await t.platform.db
      .selectFrom('notify_message')
      .select('id')
      .where('type', '=', 'reception.duty')
      .execute();
    expect((await sweepReceptions(t.platform, `${year}-01-14`)).reminded).toBe(1);
    expect((await sweepReceptions(t.platform, `${year}-01-14`)).reminded).toBe(0);
    const after = await t.platform.db
      .selectFrom('notify_message')
      .select('id')
      .where('type', '=', 'reception.duty')
      .execute();
    expect(after.length).toBeGreaterThan(before.length);
  });
});

describe('home visits (上门接待)', () => {
  it('a constituent asks; the station accepts, a published home-visit reception is scheduled at the address and they are told', async () => {
    const anon = new TestClient(app);
    const phone = '13800138000';
    const body = {
      name: '周阿婆',
      phone,
      otpToken: await otpToken(phone),
      address: '某小区 5 幢 201',
      topic: '行动不便，想反映加装扶手',
    };
    expect(
      (
        await anon.post<Err>(`/api/public/receptions/stations/${d.orgs.stationA.id}/home-visits`, {
          ...body,
          otpToken: 'x'.repeat(20),
        })
      ).body.error.code,
    ).toBe('RECEPTION_PHONE_UNVERIFIED');
    expect((await anon.post(`/api/public/receptions/stations/${d.orgs.stationA.id}/home-visits`, body)).status).toBe(
      201,
    );
    const liaison = await as('liaisonOfficerA');
    const list = (
      await liaison.get<{ items: { id: number; name: string; phone: string; status: string }[] }>(
        `/api/receptions/stations/${d.orgs.stationA.id}/home-visits`,
      )
    ).body.items;
    expect(list[0]).toMatchObject({ name: '周**', phone: '138****8000', status: 'requested' });
    expect(
      (await (await as('liaisonOfficerB')).get(`/api/receptions/stations/${d.orgs.stationA.id}/home-visits`)).status,
    ).toBe(404);
    const accepted = await liaison.post<{ items: { receptionId: number; status: string }[] }>(
      `/api/receptions/stations/${d.orgs.stationA.id}/home-visits/${list[0]!.id}/accept`,
      {
        day: future(4),
        start: '15:00',
        end: '16:00',
        deputyIds: [deputyIds[1]],
      },
    );
    expect(accepted.body.items[0]).toMatchObject({ status: 'accepted' });
    const r = (await liaison.get<ReceptionView>(`/api/receptions/${accepted.body.items[0]!.receptionId}`)).body;
    expect(r).toMatchObject({ mode: 'homeVisit', status: 'published', place: '某小区 5 幢 201' });
    // Home visits are not announced on the portal (the address is someone's home).
    const pub = (await anon.get<{ items: { id: number }[] }>(`/api/public/receptions?stationId=${d.orgs.stationA.id}`))
      .body.items;
    expect(pub.map((x) => x.id)).not.toContain(r.id);
    const told = await t.platform.db
      .selectFrom('notify_message')
      .select('id')
      .where('type', '=', 'homeVisit.accepted')
      .execute();
    expect(told).toHaveLength(1);
  });
});

describe('calendars', () => {
  it("a deputy's iCalendar feed (secret link) and the district overview", async () => {
    const officer = await as('streetOfficerA');
    const link = (await officer.get<{ url: string }>(`/api/receptions/deputies/${deputyIds[0]}/feed`)).body.url;
    const path = link.slice(link.indexOf('/api/'));
    const feed = await new TestClient(app).get<string>(path);
    expect(feed.status).toBe(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    expect(String(feed.body)).toContain('BEGIN:VEVENT');
    expect(String(feed.body)).toMatch(/DTSTART;TZID=Asia\/Shanghai:\d{8}T\d{4}00/);
    expect((await new TestClient(app).get(path.replace(/token=[^&]+/, 'token=wrong'))).status).toBe(404);
    expect((await (await as('streetOfficerB')).get(`/api/receptions/deputies/${deputyIds[0]}/feed`)).status).toBe(404);
    const year = Number(future(0).slice(0, 4)) + 3;
    const o = (
      await officer.get<{ items: { stationId: number; months: number[]; planned: number }[] }>(
        `/api/receptions/overview?year=${year}`,
      )
    ).body.items;
    const a = o.find((x) => x.stationId === d.orgs.stationA.id)!;
    expect(a.months).toEqual(Array.from({ length: 12 }, () => 1));
    expect(
      (
        await (
          await as('streetOfficerB')
        ).get<{ items: { stationId: number }[] }>(`/api/receptions/overview?year=${year}`)
      ).body.items.map((x) => x.stationId),
    ).toEqual([d.orgs.stationB.id]);
  });
});

describe('the API document', () => {
  it('lists the reception routes with their schemas (staff and public)', async () => {
    const res = await new TestClient(app).get<{ paths: Record<string, Record<string, { requestBody?: unknown }>> }>(
      '/api/openapi.json',
    );
    expect(res.status).toBe(200);
    for (const path of [
      '/api/receptions/',
      '/api/receptions/plans/generate',
      '/api/receptions/{id}/sign-in',
      '/api/receptions/{id}/opinions',
      '/api/receptions/compliance',
      '/api/public/receptions/{id}/appointments',
      '/api/public/receptions/appointments/cancel',
    ])
      expect(Object.keys(res.body.paths)).toContain(path);
    expect(res.body.paths['/api/public/receptions/{id}/appointments']!.post!.requestBody).toBeDefined();
  });
});
