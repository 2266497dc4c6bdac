import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventCode, EventView } from '../../../contracts/duty.js';
import { createTestPlatform } from '../../../../test/support/db.js';
import {
  createDeputy,
  createDistrict,
  createStation,
  createUser,
  PASSWORD,
} from '../../../../test/support/factories.js';
import { chinaTodayWithTime } from '../../../../test/support/china-day.js';
import { createApp, signedIn } from '../../../../test/support/http.js';
import { addDays, chinaToday, yearOf } from '../../platform/calendar/dates.js';
import { loadEvent } from './events.js';

let t: Awaited<ReturnType<typeof createTestPlatform>>;
let app: FastifyInstance;
let d: Awaited<ReturnType<typeof createDistrict>>;
let users: Record<string, { id: number; username: string }>;
let me: { id: number; name: string };
let second: { id: number; name: string };
let other: { id: number; name: string };
const today = chinaToday();

const as = signedIn(
  () => app,
  () => users,
  PASSWORD,
);
type Fields = { error: { code: string; fields?: { path: string; message: string }[] } };
const paths = (body: unknown) => ((body as Fields).error.fields ?? []).map((f) => f.path);

beforeAll(async () => {
  t = await createTestPlatform();
  app = await createApp(t.platform);
  const p = t.platform;
  d = await createDistrict(p);
  await createStation(p, d, { org: d.orgs.stationA, members: 0 });
  await createStation(p, d, { org: d.orgs.stationB, members: 0, parent: d.orgs.streetB });
  const deputyA2 = await createUser(p, d.orgs.stationA, 'deputy');
  const otherDeputy = await createUser(p, d.orgs.stationB, 'deputy');
  users = { ...d.users, deputyA2, otherDeputy };
  me = await createDeputy(p, d, { station: d.orgs.stationA, user: d.users.deputyA });
  second = await createDeputy(p, d, { station: d.orgs.stationA, user: deputyA2 });
  other = await createDeputy(p, d, { org: d.orgs.streetB, station: d.orgs.stationB, user: otherDeputy });
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const plan = async (body: Record<string, unknown> = {}) => {
  const res = await (
    await as('stationHeadA')
  ).post<{ id: number }>('/api/duty/events', {
    orgId: d.orgs.stationA.id,
    kind: 'research',
    title: '调研老旧小区加装电梯',
    place: '甲街道会议室',
    day: addDays(today, 3),
    startsAt: '14:00',
    hours: 2,
    deputyIds: [me.id],
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
};
/** The in-app messages of a type written for a user about the activity. */
const inbox = (userId: number, type: string) =>
  t.platform.db
    .selectFrom('notify_message')
    .select(['vars', 'link'])
    .where('to_user_id', '=', userId)
    .where('type', '=', type)
    .orderBy('id')
    .execute();
const audits = (action: string, id: number) =>
  t.platform.db
    .selectFrom('audit_log')
    .select(['summary'])
    .where('action', '=', action)
    .where('subject_id', '=', String(id))
    .execute();
/** The activity as `who` finds it in the list of its year (from late December, days ahead are next year's). */
const eventOf = async (who: string, id: number) => {
  const year = yearOf((await loadEvent(t.platform.db, id)).day_text);
  const list = await (await as(who)).get<{ items: EventView[] }>(`/api/duty/events?year=${year}`);
  expect(list.status).toBe(200);
  return list.body.items.find((e) => e.id === id);
};

describe('changing and cancelling a planned activity', () => {
  it('the invited deputy is told when invited; a change of day and place is audited and told', async () => {
    const id = await plan();
    expect(await inbox(d.users.deputyA.id, 'duty.eventInvited')).toHaveLength(1);
    const head = await as('stationHeadA');
    const res = await head.request<{ changed: string[] }>('PATCH', `/api/duty/events/${id}`, {
      day: addDays(today, 4),
      place: '甲街道代表联络站',
      addDeputyIds: [second.id],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.changed.sort()).toEqual(['addDeputyIds', 'day', 'place']);
    const ev = await eventOf('deputyA', id);
    expect(ev).toMatchObject({ day: addDays(today, 4), place: '甲街道代表联络站', enrolled: 2, state: 'planned' });
    const changed = await inbox(d.users.deputyA.id, 'duty.eventChanged');
    expect(changed).toHaveLength(1);
    expect(changed[0]!.vars).toMatchObject({ day: addDays(today, 4), place: '甲街道代表联络站', time: '14:00' });
    expect(changed[0]!.link).toBe('/duty/mine');
    // The deputy added is invited, not told of a change.
    expect(await inbox(users.deputyA2!.id, 'duty.eventInvited')).toHaveLength(1);
    expect(await inbox(users.deputyA2!.id, 'duty.eventChanged')).toHaveLength(0);
    const [audit] = await audits('duty.editEvent', id);
    expect(audit!.summary).toMatchObject({
      before: { day: addDays(today, 3), place: '甲街道会议室' },
      after: { day: addDays(today, 4), place: '甲街道代表联络站' },
      addedDeputyIds: [second.id],
    });
    // Nothing changed: nothing written, nobody told.
    const same = await head.request<{ changed: string[] }>('PATCH', `/api/duty/events/${id}`, {
      title: '调研老旧小区加装电梯',
    });
    expect(same.body.changed).toEqual([]);
    expect(await audits('duty.editEvent', id)).toHaveLength(1);
    // A title change alone is not a message.
    await head.request('PATCH', `/api/duty/events/${id}`, { title: '调研加装电梯' });
    expect(await inbox(d.users.deputyA.id, 'duty.eventChanged')).toHaveLength(1);
  });

  it('bad changes name the field; only the organiser in scope may change', async () => {
    const id = await plan({ signup: true, capacity: 5 });
    const head = await as('stationHeadA');
    const bad = await head.request('PATCH', `/api/duty/events/${id}`, {
      startsAt: '2点',
      hours: -1,
      day: '2026-13-40',
    });
    expect(bad.status).toBe(400);
    expect(paths(bad.body).sort()).toEqual(['body.day', 'body.hours', 'body.startsAt']);
    expect(JSON.stringify(bad.body)).toContain('时间格式为 HH:MM');
    const empty = await head.request('PATCH', `/api/duty/events/${id}`, {});
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body)).toContain('没有要修改的内容');
    const outside = await head.request('PATCH', `/api/duty/events/${id}`, { addDeputyIds: [other.id] });
    expect(outside.status).toBe(400);
    expect(paths(outside.body)).toEqual(['body.addDeputyIds']);
    await head.request('PATCH', `/api/duty/events/${id}`, { addDeputyIds: [second.id] });
    const small = await head.request('PATCH', `/api/duty/events/${id}`, { capacity: 1 });
    expect(small.status).toBe(400);
    expect(paths(small.body)).toEqual(['body.capacity']);
    expect((await (await as('deputyA')).request('PATCH', `/api/duty/events/${id}`, { title: 'x' })).status).toBe(404);
    expect(
      (await (await as('liaisonOfficerB')).request('PATCH', `/api/duty/events/${id}`, { title: 'x' })).status,
    ).toBe(404);
    expect(
      (await (await as('liaisonOfficerB')).post(`/api/duty/events/${id}/cancel`, { reason: '天气原因' })).status,
    ).toBe(404);
    expect((await (await as('unitStaffA')).post(`/api/duty/events/${id}/cancel`, { reason: '天气原因' })).status).toBe(
      404,
    );
    // The street committee above the station may change it.
    expect(
      (await (await as('streetOfficerA')).request('PATCH', `/api/duty/events/${id}`, { note: '带安全帽' })).status,
    ).toBe(200);
  });

  it('cancelling: the reason is required, those on the list are told, no sign-in or change after', async () => {
    const id = await plan({ day: today });
    const head = await as('stationHeadA');
    const c = (await head.post<EventCode>(`/api/duty/events/${id}/code`, { minutes: 30 })).body;
    const noReason = await head.post(`/api/duty/events/${id}/cancel`, { reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(paths(noReason.body)).toEqual(['body.reason']);
    expect(JSON.stringify(noReason.body)).toContain('请填写取消原因');
    const res = await head.post(`/api/duty/events/${id}/cancel`, { reason: '与区人代会时间冲突' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const ev = await eventOf('deputyA', id);
    expect(ev).toMatchObject({ state: 'cancelled', cancelReason: '与区人代会时间冲突' });
    const told = await inbox(d.users.deputyA.id, 'duty.eventCancelled');
    expect(told).toHaveLength(1);
    expect(told[0]!.vars).toMatchObject({ reason: '与区人代会时间冲突', day: today });
    expect(await audits('duty.cancelEvent', id)).toHaveLength(1);
    const signIn = await (await as('deputyA')).post(`/api/duty/events/${id}/sign-in`, { qrToken: c.qrToken });
    expect(signIn.status).toBe(409);
    expect((await head.request('PATCH', `/api/duty/events/${id}`, { title: '再改' })).status).toBe(409);
    expect((await head.post(`/api/duty/events/${id}/cancel`, { reason: '再取消' })).status).toBe(409);
    expect((await head.post(`/api/duty/events/${id}/code`, { minutes: 30 })).status).toBe(409);
  });

  it('once a deputy signed in, the day and hours stay and the activity cannot be cancelled', async () => {
    const id = await plan({ day: today });
    const head = await as('stationHeadA');
    expect((await head.post(`/api/duty/events/${id}/sign-in`, { deputyId: me.id })).status).toBe(200);
    const moved = await head.request('PATCH', `/api/duty/events/${id}`, { hours: 5 });
    expect(moved.status).toBe(400);
    expect(paths(moved.body)).toEqual(['body.hours']);
    expect((await head.request('PATCH', `/api/duty/events/${id}`, { place: '乙社区' })).status).toBe(200);
    const cancel = await head.post<Fields>(`/api/duty/events/${id}/cancel`, { reason: '弄错了' });
    expect(cancel.status).toBe(409);
    expect(cancel.body.error.code).toBe('DUTY_EVENT_SIGNED');
  });
});

describe('the organiser removes an invited deputy before the activity', () => {
  const remove = async (who: string, id: number, deputyId: number) =>
    (await as(who)).request<Fields & { changed: string[] }>('DELETE', `/api/duty/events/${id}/deputies/${deputyId}`);

  it('taken off the list before it starts: audited, the deputy told, no longer listed as theirs', async () => {
    const id = await plan({ deputyIds: [me.id, second.id] });
    expect((await eventOf('stationHeadA', id))!.enrolled).toBe(2);
    const res = await remove('stationHeadA', id, second.id);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.changed).toEqual(['removeDeputyId']);
    expect((await eventOf('stationHeadA', id))!.enrolled).toBe(1);
    const roster = await (
      await as('stationHeadA')
    ).get<{ items: { deputyId: number }[] }>(`/api/duty/events/${id}/roster`);
    expect(roster.body.items.map((r) => r.deputyId)).toEqual([me.id]);
    // The removed deputy no longer sees it; the other still does.
    expect(await eventOf('deputyA2', id)).toBeUndefined();
    expect((await eventOf('deputyA', id))!.mine!.enrolled).toBe(true);
    const told = await inbox(users.deputyA2!.id, 'duty.eventUninvited');
    expect(told).toHaveLength(1);
    expect(told[0]!.vars).toMatchObject({ title: '调研老旧小区加装电梯', day: addDays(today, 3), time: '14:00' });
    const [audit] = await audits('duty.eventRemoveDeputy', id);
    expect(audit!.summary).toMatchObject({ before: { deputyId: second.id, enrolledSelf: false } });
    // Again: not on the list any more.
    expect((await remove('stationHeadA', id, second.id)).status).toBe(404);
  });

  it('refused once signed in or once held (zh/en), and to anyone but the organiser', async () => {
    // Today's activity at 23:59 must not have started until the end of the test: near midnight in
    // China the test waits for the next day (the day read when the file loaded may be over by now).
    const day = await chinaTodayWithTime(90_000);
    const id = await plan({ day, startsAt: '23:59', deputyIds: [me.id, second.id] });
    const head = await as('stationHeadA');
    expect((await head.post(`/api/duty/events/${id}/sign-in`, { deputyId: me.id })).status).toBe(200);
    const signed = await remove('stationHeadA', id, me.id);
    expect(signed.status).toBe(409);
    expect(signed.body.error.code).toBe('DUTY_EVENT_DEPUTY_SIGNED');
    expect(JSON.stringify(signed.body)).toContain('该代表已签到，不能移出名单');
    // Others may not: a deputy, another station, a unit (not found); the organiser's street above may.
    expect((await remove('deputyA', id, second.id)).status).toBe(404);
    expect((await remove('liaisonOfficerB', id, second.id)).status).toBe(404);
    expect((await remove('unitStaffA', id, second.id)).status).toBe(404);
    // Held: yesterday's activity (and one that has started today) keeps its list.
    const past = await plan({ deputyIds: [me.id, second.id] });
    await t.platform.db
      .updateTable('duty_event')
      .set({ day: addDays(day, -1) })
      .where('id', '=', past)
      .execute();
    const held = await remove('stationHeadA', past, second.id);
    expect(held.status).toBe(409);
    expect(held.body.error.code).toBe('DUTY_EVENT_HELD');
    const en = await (
      await as('stationHeadA')
    ).request<Fields & { error: { message: string } }>(
      'DELETE',
      `/api/duty/events/${past}/deputies/${second.id}`,
      undefined,
      { headers: { 'accept-language': 'en' } },
    );
    expect(en.body.error.message).toContain('can no longer be removed');
    const started = await plan({ day, startsAt: '00:00', deputyIds: [me.id, second.id] });
    expect((await remove('stationHeadA', started, second.id)).body.error.code).toBe('DUTY_EVENT_HELD');
    expect((await remove('streetOfficerA', id, second.id)).status).toBe(200);
    expect(await audits('duty.eventRemoveDeputy', past)).toHaveLength(0);
  }, 150_000);
});
