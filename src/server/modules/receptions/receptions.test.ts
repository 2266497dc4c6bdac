import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Compliance, PlanView, PublicReception, ReceptionView } from '../../../contracts/receptions.js';
import { createTestPlatform } from '../../../../test/support/db.js';
import { createDistrict, PASSWORD } from '../../../../test/support/factories.js';
import { onChinaDays } from '../../../../test/support/china-day.js';
import { createApp, signedIn, TestClient } from '../../../../test/support/http.js';
import { addDays, chinaToday } from '../../platform/calendar/dates.js';
import { occurrences } from '../../platform/calendar/reception-rule.js';
import { calendarCache } from '../../platform/calendar/working-days.js';
import { sendOtp, verifyOtp } from '../../platform/notify/otp.js';
import { pinyinKeys } from '../../platform/text/pinyin.js';
import { checkCompliance } from '../compliance/receptions.js';
import { sweepReceptions } from './jobs.js';
import { tamper } from '../../../../test/support/tamper.js';

let t: Awaited<ReturnType<typeof createTestPlatform>>;
let app: FastifyInstance;
let d: Awaited<ReturnType<typeof createDistrict>>;
const as = signedIn(
  () => app,
  () => d.users,
  PASSWORD,
);
type Err = { error: { code: string; fields?: { path: string; message: string }[] } };
const deputyIds: number[] = [];

async function deputy(name: string, orgId: number, level = 'county') {
  const keys = pinyinKeys(name);
  const { id } = await t.platform.db
    .insertInto('deputy')
    .values({
      org_id: orgId,
      name,
      name_initials: keys.initials,
      name_sort: keys.sort,
      election: 'direct',
      private_phone_sealed: t.platform.fields.encrypt('13900000000'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.platform.db.insertInto('deputy_level').values({ deputy_id: id, level }).execute();
  return id;
}

/** A verified-phone token as the portal gets it: send a code, read it from the outbox, verify. */
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

const future = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestPlatform();
  app = await createApp(t.platform);
  d = await createDistrict(t.platform);
  for (const s of [d.orgs.stationA, d.orgs.stationB])
    await t.platform.db
      .insertInto('station')
      .values({
        org_id: s.id,
        kind: 'workstation',
        address: '测试路 1 号',
        reception_schedule: JSON.stringify({ kind: 'lunarMonthlyDay', lunarDay: 16 }),
      })
      .execute();
  for (const [i, name] of ['甲代表', '乙代表', '丙代表', '丁代表', '戊代表'].entries()) {
    const id = await deputy(name, d.orgs.streetA.id, i === 4 ? 'municipal' : 'county');
    deputyIds.push(id);
    await t.platform.db
      .insertInto('station_member')
      .values({ station_id: d.orgs.stationA.id, deputy_id: id })
      .execute();
  }
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('annual plan', () => {
  it('is generated from a lunar rule (每月农历十六) with a fair rota, then submitted and approved by the street', async () => {
    const head = await as('stationHeadA');
    const rule = { kind: 'lunarMonthlyDay' as const, lunarDay: 16 };
    const calendar = await calendarCache(t.platform.db).get();
    // 正月十六 2025 is 13 February; 闰六月十六 (the leap month) is 9 August; 腊月十六 of 2024 is 15 January.
    const days2025 = occurrences(rule, '2025-01-01', '2025-12-31', calendar);
    expect(days2025).toEqual(expect.arrayContaining(['2025-01-15', '2025-02-13', '2025-08-09']));
    expect(days2025).toHaveLength(12);
    // The plan is made for the coming year (a plan only looks forward: see the next test).
    const year = Number(chinaToday().slice(0, 4)) + 1;
    const res = await head.post<PlanView>('/api/receptions/plans/generate', {
      stationId: d.orgs.stationA.id,
      year,
      perReception: 2,
    });
    expect(res.status).toBe(200);
    const plan = res.body;
    const days = occurrences(rule, `${year}-01-01`, `${year}-12-31`, calendar);
    expect(days.length).toBeGreaterThanOrEqual(12);
    expect(plan.receptions.map((r) => r.day)).toEqual(days);
    expect(plan.receptions.every((r) => r.duty.length === 2 && r.status === 'planned')).toBe(true);
    expect(plan.dutyCounts).toHaveLength(5);
    const counts = plan.dutyCounts.map((c) => c.count);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    // The municipal deputy is put in first.
    expect(plan.receptions[0]!.duty.map((x) => x.deputyId)).toContain(deputyIds[4]);

    expect((await head.post<Err>(`/api/receptions/plans/${plan.id}/approve`)).status).toBe(403);
    expect((await head.post<PlanView>(`/api/receptions/plans/${plan.id}/submit`)).body.status).toBe('submitted');
    expect((await (await as('streetOfficerB')).post<Err>(`/api/receptions/plans/${plan.id}/approve`)).status).toBe(404);
    const approved = await (await as('streetOfficerA')).post<PlanView>(`/api/receptions/plans/${plan.id}/approve`);
    expect(approved.body).toMatchObject({ status: 'approved' });
    const again = await head.post<Err>('/api/receptions/plans/generate', { stationId: d.orgs.stationA.id, year });
    expect(again.body.error.code).toBe('RECEPTION_PLAN_APPROVED');
    const audit = await t.platform.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_type', '=', 'receptionPlan')
      .where('subject_id', '=', String(plan.id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'receptionPlan.generate',
      'receptionPlan.submit',
      'receptionPlan.approve',
    ]);
  });

  it('a plan made during its year plans only the days still to come; a year that is over is refused', async () => {
    const officer = await as('streetOfficerB');
    const year = Number(chinaToday().slice(0, 4));
    const generate = () =>
      officer.post<PlanView>('/api/receptions/plans/generate', {
        stationId: d.orgs.stationB.id,
        year,
        perReception: 1,
      });
    // The days still to come, counted from the server's today: the day of the call (either of two if
    // midnight in China falls during it), not a day read before.
    const rule = { kind: 'lunarMonthlyDay' as const, lunarDay: 16 };
    const calendar = await calendarCache(t.platform.db).get();
    const left = (today: string) => occurrences(rule, today, `${year}-12-31`, calendar);
    const first = await onChinaDays(generate);
    // stationB has no deputies: the rota cannot be made, unless no day is left this year.
    expect(first.days.map((day) => (left(day).length ? 400 : 200))).toContain(first.result.status);
    if (first.result.status !== 200)
      expect(first.result.body).toMatchObject({ error: { fields: [{ path: 'body.stationId' }] } });
    await t.platform.db
      .insertInto('station_member')
      .values({ station_id: d.orgs.stationB.id, deputy_id: await deputy('己代表', d.orgs.streetB.id) })
      .execute();
    const { result: plan, days } = await onChinaDays(generate);
    expect(plan.status).toBe(200);
    expect(days.map(left)).toContainEqual(plan.body.receptions.map((r) => r.day));
    expect(plan.body.receptions.every((r) => r.day >= days[0]!)).toBe(true);
    const past = await officer.post<Err>('/api/receptions/plans/generate', {
      stationId: d.orgs.stationB.id,
      year: year - 1,
      perReception: 1,
    });
    expect(past.status).toBe(400);
    expect(past.body.error.fields?.[0]?.path).toBe('body.year');
    expect(
      await t.platform.db
        .selectFrom('reception_plan')
        .select('id')
        .where('station_id', '=', d.orgs.stationB.id)
        .where('year', '=', year - 1)
        .execute(),
    ).toEqual([]);
  });

  it("another street's station is not found; a bad year names the field", async () => {
    const officerB = await as('streetOfficerB');
    expect(
      (await officerB.post<Err>('/api/receptions/plans/generate', { stationId: d.orgs.stationA.id, year: 2026 }))
        .status,
    ).toBe(404);
    const bad = await (
      await as('stationHeadA')
    ).post<Err>('/api/receptions/plans/generate', { stationId: d.orgs.stationA.id, year: 1999 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields?.[0]?.path).toBe('body.year');
  });
});

describe('a reception that has happened', () => {
  it('can no longer be announced (RECEPTION_PAST), and stays as it was', async () => {
    const yesterday = future(-1);
    const { id } = await t.platform.db
      .insertInto('reception')
      .values({
        station_id: d.orgs.stationA.id,
        day: yesterday,
        start_time: '09:00',
        end_time: '11:00',
        mode: 'regular',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.platform.db.insertInto('reception_duty').values({ reception_id: id, deputy_id: deputyIds[0]! }).execute();
    const res = await (await as('liaisonOfficerA')).post<Err>(`/api/receptions/${id}/publish`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('RECEPTION_PAST');
    const row = await t.platform.db.selectFrom('reception').select('status').where('id', '=', id).executeTakeFirst();
    expect(row?.status).toBe('planned');
  });
});

describe('a reception from schedule to close', () => {
  let rec: ReceptionView;
  let cancelToken = '';

  it('is scheduled with slots, published (duty deputies told), and shows on the public API', async () => {
    const liaison = await as('liaisonOfficerA');
    const bad = await liaison.post<Err>('/api/receptions', {
      stationId: d.orgs.stationA.id,
      day: future(5),
      start: '09:00',
      end: '11:00',
      mode: 'mobile',
    });
    expect(bad.body.error.fields?.[0]?.path).toBe('body.place');
    const res = await liaison.post<ReceptionView>('/api/receptions', {
      stationId: d.orgs.stationA.id,
      day: future(5),
      start: '09:00',
      end: '11:00',
      mode: 'appointment',
      theme: '老旧小区加装电梯',
      deputyIds: deputyIds.slice(0, 2),
      slots: [
        { start: '09:00', end: '10:00', capacity: 2 },
        { start: '10:00', end: '11:00', capacity: 1 },
      ],
    });
    expect(res.status).toBe(201);
    rec = res.body;
    const anon = new TestClient(app);
    expect(
      (
        await anon.get<{ items: PublicReception[] }>(`/api/public/receptions?stationId=${d.orgs.stationA.id}`)
      ).body.items.map((x) => x.id),
    ).not.toContain(rec.id);
    const pub = await liaison.post<ReceptionView>(`/api/receptions/${rec.id}/publish`);
    expect(pub.body.status).toBe('published');
    const duty = await t.platform.db
      .selectFrom('notify_message')
      .select(['to_org_id', 'to_phone_sealed'])
      .where('type', '=', 'reception.duty')
      .where('dedupe_key', 'like', `reception.duty:${rec.id}:%`)
      .execute();
    expect(duty.filter((m) => m.to_phone_sealed)).toHaveLength(2);
    expect(duty.filter((m) => m.to_org_id === d.orgs.stationA.id)).toHaveLength(1);
    const list = (
      await anon.get<{ items: PublicReception[] }>(`/api/public/receptions?stationId=${d.orgs.stationA.id}`)
    ).body.items;
    const mine = list.find((x) => x.id === rec.id)!;
    expect(mine).toMatchObject({ theme: '老旧小区加装电梯', place: '测试路 1 号', deputies: ['甲代表', '乙代表'] });
    expect(mine.slots.map((s) => s.free)).toEqual([2, 1]);
  });

  it('a constituent books with a verified phone; a wrong token or a full slot is refused; the staff view is masked', async () => {
    const anon = new TestClient(app);
    const token = await otpToken('13912345678');
    const body = {
      slotId: rec.slots[1]!.id,
      name: '王小明',
      phone: '13912345678',
      otpToken: token,
      topic: '电梯加装补贴',
    };
    const wrong = await anon.post<Err>(`/api/public/receptions/${rec.id}/appointments`, {
      ...body,
      phone: '13912345679',
    });
    expect(wrong.body.error.code).toBe('RECEPTION_PHONE_UNVERIFIED');
    const ok = await anon.post<{ cancelToken: string; start: string }>(
      `/api/public/receptions/${rec.id}/appointments`,
      body,
    );
    expect(ok.status).toBe(201);
    expect(ok.body.start).toBe('10:00');
    const full = await anon.post<Err>(`/api/public/receptions/${rec.id}/appointments`, body);
    expect(full.status).toBe(409);
    expect(full.body.error.code).toBe('RECEPTION_SLOT_FULL');
    const twice = await anon.post<Err>(`/api/public/receptions/${rec.id}/appointments`, {
      ...body,
      slotId: rec.slots[0]!.id,
    });
    expect(twice.body.error.code).toBe('RECEPTION_ALREADY_BOOKED');
    const second = await anon.post<{ cancelToken: string }>(`/api/public/receptions/${rec.id}/appointments`, {
      ...body,
      phone: '13912340000',
      otpToken: await otpToken('13912340000'),
      slotId: rec.slots[0]!.id,
      name: '李四',
    });
    cancelToken = second.body.cancelToken;
    const confirmed = await t.platform.db
      .selectFrom('notify_message')
      .select(['vars', 'to_phone_sealed'])
      .where('type', '=', 'appointment.confirmed')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(String((confirmed.vars as { cancelUrl: string }).cancelUrl)).toContain(cancelToken);
    const view = (await (await as('liaisonOfficerA')).get<ReceptionView>(`/api/receptions/${rec.id}`)).body;
    expect(view.appointments.map((a) => [a.name, a.phone, a.status])).toEqual([
      ['李*', '139****0000', 'booked'],
      ['王**', '139****5678', 'booked'],
    ]);
    const wang = view.appointments.find((a) => a.name === '王**')!;
    const revealed = await (
      await as('liaisonOfficerA')
    ).post<{ phone: string }>(`/api/receptions/${rec.id}/appointments/${wang.id}/reveal`);
    expect(revealed.body).toEqual({ name: '王小明', phone: '13912345678' });
    expect((await (await as('deputyA')).post(`/api/receptions/${rec.id}/appointments/${wang.id}/reveal`)).status).toBe(
      403,
    );
    const reveals = await t.platform.db
      .selectFrom('audit_log')
      .select('actor_name')
      .where('action', '=', 'appointment.revealContact')
      .where('subject_id', '=', String(wang.id))
      .execute();
    expect(reveals).toHaveLength(1);
    const stored = await t.platform.db
      .selectFrom('appointment')
      .select(['name_sealed', 'phone_sealed'])
      .where('reception_id', '=', rec.id)
      .execute();
    expect(stored.every((s) => s.name_sealed.startsWith('s1.') && s.phone_sealed.startsWith('s1.'))).toBe(true);
    // Cancel by link: the place is freed; twice is the same as once; an unknown token is not found.
    expect((await anon.post('/api/public/receptions/appointments/cancel', { token: cancelToken })).status).toBe(200);
    expect((await anon.post('/api/public/receptions/appointments/cancel', { token: cancelToken })).status).toBe(200);
    expect((await anon.post('/api/public/receptions/appointments/cancel', { token: 'x'.repeat(32) })).status).toBe(404);
    const pub = (await anon.get<PublicReception>(`/api/public/receptions/${rec.id}`)).body;
    expect(pub.slots.map((s) => s.free)).toEqual([2, 0]);
  });

  it('at the table: sign-in (officer and QR), visitors and opinions are applied once per key; then record and close', async () => {
    const liaison = await as('liaisonOfficerA');
    const key = (s: string) => `k-${rec.id}-${s}-abcdefgh`;
    await liaison.post(`/api/receptions/${rec.id}/sign-in`, { deputyId: deputyIds[0], idempotencyKey: key('s1') });
    const again = await liaison.post<ReceptionView>(`/api/receptions/${rec.id}/sign-in`, {
      deputyId: deputyIds[0],
      idempotencyKey: key('s1'),
    });
    expect(again.status).toBe(200);
    const notDuty = await liaison.post<Err>(`/api/receptions/${rec.id}/sign-in`, {
      deputyId: deputyIds[3],
      idempotencyKey: key('s2'),
    });
    expect(notDuty.body.error.fields?.[0]?.path).toBe('body.deputyId');
    const codes = (
      await liaison.get<{ items: { deputyId: number; qrToken: string }[] }>(`/api/receptions/${rec.id}/qr-codes`)
    ).body.items;
    const forged = tamper(codes[1]!.qrToken);
    expect(
      (await liaison.post<Err>(`/api/receptions/${rec.id}/sign-in`, { qrToken: forged, idempotencyKey: key('s3') }))
        .body.error.code,
    ).toBe('RECEPTION_QR_INVALID');
    const qr = await liaison.post<ReceptionView>(`/api/receptions/${rec.id}/sign-in`, {
      qrToken: codes[1]!.qrToken,
      idempotencyKey: key('s4'),
    });
    expect(qr.body.duty.map((x) => x.signInMethod).sort()).toEqual(['officer', 'qr']);

    for (const k of ['v1', 'v1', 'v2'])
      await liaison.post(`/api/receptions/${rec.id}/visitors`, { delta: 1, idempotencyKey: key(k) });
    const op = {
      content: '小区加装电梯的补贴怎么申请？',
      constituent: { name: '王小明', phone: '13912345678' },
      idempotencyKey: key('o1'),
    };
    const nobody = await liaison.post<Err>(`/api/receptions/${rec.id}/opinions`, {
      ...op,
      constituent: {},
      idempotencyKey: key('o0'),
    });
    expect(nobody.status).toBe(400);
    expect(nobody.body.error.fields?.[0]?.path).toBe('body.constituent.name');
    const first = await liaison.post<{ id: number; receiptCode: string }>(`/api/receptions/${rec.id}/opinions`, op);
    expect(first.status).toBe(201);
    const retry = await liaison.post<{ id: number }>(`/api/receptions/${rec.id}/opinions`, op);
    expect(retry.body.id).toBe(first.body.id);
    const ops = await t.platform.db
      .selectFrom('opinion')
      .select(['id', 'channel'])
      .where('reception_id', '=', rec.id)
      .execute();
    expect(ops).toEqual([{ id: first.body.id, channel: 'reception' }]);

    const early = await liaison.post<Err>(`/api/receptions/${rec.id}/close`);
    expect(early.body.error.fields?.[0]?.path).toBe('body.summary');
    await liaison.request('PUT', `/api/receptions/${rec.id}/record`, { summary: '接待群众 2 人次，现场答复 1 件。' });
    const closed = await liaison.post<ReceptionView>(`/api/receptions/${rec.id}/close`);
    expect(closed.body).toMatchObject({
      status: 'closed',
      visitors: 2,
      opinions: [{ id: first.body.id, receiptCode: first.body.receiptCode }],
    });
    expect(closed.body.appointments.find((a) => a.status !== 'cancelled')?.status).toBe('noShow');
    const late = await liaison.post<Err>(`/api/receptions/${rec.id}/visitors`, { delta: 1, idempotencyKey: key('v3') });
    expect(late.body.error.code).toBe('RECEPTION_STATE');
    const officerB = await as('liaisonOfficerB');
    expect((await officerB.get(`/api/receptions/${rec.id}`)).status).toBe(404);
    expect(
      (await officerB.post(`/api/receptions/${rec.id}/sign-in`, { deputyId: deputyIds[0], idempotencyKey: key('s9') }))
        .status,
    ).toBe(404);
  });

  it('reschedule needs a reason and tells those who booked; cancel tells them too', async () => {
    const liaison = await as('liaisonOfficerA');
    // The new day counted from the first (not from the clock again: midnight in China may come between).
    const first = future(6);
    const next = addDays(first, 2);
    const r = (
      await liaison.post<ReceptionView>('/api/receptions', {
        stationId: d.orgs.stationA.id,
        day: first,
        start: '14:00',
        end: '16:00',
        mode: 'regular',
        deputyIds: [deputyIds[2]],
        slots: [{ start: '14:00', end: '15:00', capacity: 5 }],
      })
    ).body;
    await liaison.post(`/api/receptions/${r.id}/publish`);
    await new TestClient(app).post(`/api/public/receptions/${r.id}/appointments`, {
      slotId: r.slots[0]!.id,
      name: '赵六',
      phone: '13600000006',
      otpToken: await otpToken('13600000006'),
      topic: '停车',
    });
    const noReason = await liaison.request<Err>('PATCH', `/api/receptions/${r.id}`, { day: next });
    expect(noReason.body.error.fields?.[0]?.path).toBe('body.reason');
    const moved = await liaison.request<ReceptionView>('PATCH', `/api/receptions/${r.id}`, {
      day: next,
      reason: '代表临时参加区人代会',
    });
    expect(moved.body).toMatchObject({
      day: next,
      previousDay: first,
      rescheduleReason: '代表临时参加区人代会',
    });
    const cancelled = await liaison.post<ReceptionView>(`/api/receptions/${r.id}/cancel`, { reason: '台风预警' });
    expect(cancelled.body.status).toBe('cancelled');
    const told = await t.platform.db
      .selectFrom('notify_message')
      .select('type')
      .where('type', 'in', ['appointment.rescheduled', 'appointment.cancelled'])
      .execute();
    expect(told.map((m) => m.type).sort()).toEqual(['appointment.cancelled', 'appointment.rescheduled']);
  });
});

describe('appointment capacity under concurrency', () => {
  it('50 parallel bookings of the last place: exactly one succeeds, the slot is never overbooked', async () => {
    const liaison = await as('liaisonOfficerA');
    const r = (
      await liaison.post<ReceptionView>('/api/receptions', {
        stationId: d.orgs.stationA.id,
        day: future(10),
        start: '09:00',
        end: '10:00',
        mode: 'appointment',
        deputyIds: [deputyIds[3]],
        slots: [{ start: '09:00', end: '10:00', capacity: 3 }],
      })
    ).body;
    await liaison.post(`/api/receptions/${r.id}/publish`);
    // Each constituent with a phone of their own (one booking per phone), each from an address of their own.
    const people: { phone: string; token: string; ip: string }[] = [];
    for (let i = 0; i < 52; i++) {
      const phone = `137${String(i).padStart(8, '0')}`;
      people.push({ phone, token: await otpToken(phone), ip: `10.7.${Math.floor(i / 200)}.${(i % 200) + 1}` });
    }
    const bookAs = (x: (typeof people)[number]) =>
      new TestClient(app, { ip: x.ip }).post<Err>(`/api/public/receptions/${r.id}/appointments`, {
        slotId: r.slots[0]!.id,
        name: '张三',
        phone: x.phone,
        otpToken: x.token,
        topic: '咨询',
      });
    for (const x of people.slice(0, 2)) expect((await bookAs(x)).status).toBe(201);
    const results = await Promise.all(people.slice(2).map(bookAs));
    expect(results.filter((x) => x.status === 201)).toHaveLength(1);
    expect(results.filter((x) => x.status === 409).every((x) => x.body.error.code === 'RECEPTION_SLOT_FULL')).toBe(
      true,
    );
    expect(results.filter((x) => x.status !== 201 && x.status !== 409)).toEqual([]);
    const slot = await t.platform.db
      .selectFrom('reception_slot')
      .select(['booked', 'capacity'])
      .where('id', '=', r.slots[0]!.id)
      .executeTakeFirstOrThrow();
    expect(slot).toEqual({ booked: 3, capacity: 3 });
    const rows = await t.platform.db.selectFrom('appointment').select('id').where('reception_id', '=', r.id).execute();
    expect(rows).toHaveLength(3);
  });
});

describe('compliance', () => {
  async function station(tag: string) {
    const { id } = await t.platform.db
      .insertInto('organization')
      .values({ name: `合规站${tag}`, kind: 'station', parent_id: d.orgs.streetA.id, path: '0' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.platform.db
      .updateTable('organization')
      .set({ path: `${d.orgs.streetA.path}.${id}` })
      .where('id', '=', id)
      .execute();
    await t.platform.db.insertInto('station').values({ org_id: id, kind: 'workstation' }).execute();
    return id;
  }
  const held = async (stationId: number, day: string, status = 'closed') =>
    (
      await t.platform.db
        .insertInto('reception')
        .values({ station_id: stationId, day, start_time: '09:00', end_time: '10:00', mode: 'regular', status })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const stateOf = (c: Compliance, id: number) => c.stations.find((s) => s.stationId === id)?.state ?? 'ok';

  it('a station is in time on the day two months after its last reception, missed the day after; at risk 14 days ahead unless one is scheduled', async () => {
    const s = await station('a');
    await held(s, '2026-03-31');
    const at = async (asOf: string) => stateOf(await checkCompliance(t.platform, null, { asOf }), s);
    // 31 March + 2 months = 31 May (PostgreSQL month arithmetic clamps to the month's end).
    expect(await at('2026-05-16')).toBe('ok');
    expect(await at('2026-05-17')).toBe('atRisk');
    expect(await at('2026-05-31')).toBe('atRisk');
    expect(await at('2026-06-01')).toBe('missed');
    await held(s, '2026-05-31', 'planned');
    expect(await at('2026-05-20')).toBe('ok');
    await held(s, '2026-05-10', 'cancelled');
    expect(await at('2026-06-01')).toBe('missed');
    const never = await station('b');
    expect(stateOf(await checkCompliance(t.platform, null, { asOf: '2026-06-01' }), never)).toBe('missed');
  });

  it('district deputies without a reception this year, and groups with fewer than two activities', async () => {
    const dep = await deputy('合规代表', d.orgs.streetA.id);
    const municipal = await deputy('市级代表', d.orgs.streetA.id, 'municipal');
    const s = await station('c');
    const r1 = await held(s, '2026-02-01');
    await t.platform.db.insertInto('reception_duty').values({ reception_id: r1, deputy_id: dep }).execute();
    const c1 = await checkCompliance(t.platform, null, { asOf: '2026-03-01' });
    expect(c1.deputies.map((x) => x.deputyId)).toContain(dep); // on duty but never signed in
    expect(c1.deputies.map((x) => x.deputyId)).not.toContain(municipal); // not a district deputy
    await t.platform.db
      .updateTable('reception_duty')
      .set({ signed_in_at: new Date('2026-02-01T01:00:00Z') })
      .where('reception_id', '=', r1)
      .execute();
    expect(
      (await checkCompliance(t.platform, null, { asOf: '2026-03-01' })).deputies.map((x) => x.deputyId),
    ).not.toContain(dep);
    // Last year's reception does not count this year.
    expect((await checkCompliance(t.platform, null, { asOf: '2027-01-05' })).deputies.map((x) => x.deputyId)).toContain(
      dep,
    );

    const { id: g } = await t.platform.db
      .insertInto('deputy_group')
      .values({ org_id: d.orgs.streetA.id, name: '合规小组', name_sort: 'hegui' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const groupActs = async (asOf: string) =>
      (await checkCompliance(t.platform, null, { asOf })).groups.find((x) => x.groupId === g)?.activities ?? 'ok';
    const a1 = await held(s, '2026-04-01');
    await t.platform.db.updateTable('reception').set({ group_id: g, mode: 'themed' }).where('id', '=', a1).execute();
    expect(await groupActs('2026-12-31')).toBe(1);
    const a2 = await held(s, '2026-10-01', 'cancelled');
    await t.platform.db.updateTable('reception').set({ group_id: g }).where('id', '=', a2).execute();
    expect(await groupActs('2026-12-31')).toBe(1);
    const a3 = await held(s, '2026-11-01');
    await t.platform.db.updateTable('reception').set({ group_id: g }).where('id', '=', a3).execute();
    expect(await groupActs('2026-10-31')).toBe(1);
    expect(await groupActs('2026-11-01')).toBe('ok');
    // Scoped: the other street sees none of street A.
    const b = (await (await as('streetOfficerB')).get<Compliance>('/api/receptions/compliance?asOf=2026-06-01')).body;
    expect(b.stations.map((x) => x.stationId)).not.toContain(s);
    expect(b.groups.map((x) => x.groupId)).not.toContain(g);
  });

  it('the sweep warns a station at risk once, and announces approved plans when their notice day comes', async () => {
    const s = await station('d');
    await held(s, '2026-03-31');
    const r1 = await sweepReceptions(t.platform, '2026-05-20');
    const r2 = await sweepReceptions(t.platform, '2026-05-21');
    expect(r1.warned).toBeGreaterThan(0);
    expect(r2.warned).toBeGreaterThan(0);
    const warnings = await t.platform.db
      .selectFrom('notify_message')
      .select('id')
      .where('type', '=', 'reception.compliance')
      .where('to_org_id', '=', s)
      .execute();
    expect(warnings).toHaveLength(1);
  });
});
