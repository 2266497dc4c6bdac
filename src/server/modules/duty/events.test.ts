import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ContactsView, DutyRecord, EventCode, EventView } from '../../../contracts/duty.js';
import { createTestPlatform } from '../../../../test/support/db.js';
import {
  actorOf,
  contextOf,
  createDeputy,
  createDistrict,
  createReception,
  createStation,
  createUser,
  PASSWORD,
} from '../../../../test/support/factories.js';
import { chinaTodayWithTime } from '../../../../test/support/china-day.js';
import { download } from '../../../../test/support/files.js';
import { createApp, signedIn } from '../../../../test/support/http.js';
import { addDays, yearOf } from '../../platform/calendar/dates.js';
import { AppError } from '../../platform/errors/errors.js';
import { MAX_CODE_TRIES, signInEvent } from './events.js';

let t: Awaited<ReturnType<typeof createTestPlatform>>;
let app: FastifyInstance;
let d: Awaited<ReturnType<typeof createDistrict>>;
let users: Record<string, { id: number; username: string }>;
let me: { id: number; name: string };
let other: { id: number; name: string };
// The whole file works in one China day and year: started within two minutes of midnight, it first
// waits for the next day (the year read here, the days the tests write and the server's own year agree).
const today = await chinaTodayWithTime(120_000);
const Y = yearOf(today);
const seed = Number(process.env.LIAISON_FC_SEED ?? 7);

const as = signedIn(
  () => app,
  () => users,
  PASSWORD,
);

beforeAll(async () => {
  t = await createTestPlatform();
  app = await createApp(t.platform);
  const p = t.platform;
  d = await createDistrict(p);
  await createStation(p, d, { org: d.orgs.stationA, members: 0 });
  await createStation(p, d, { org: d.orgs.stationB, members: 0, parent: d.orgs.streetB });
  const otherDeputy = await createUser(p, d.orgs.stationB, 'deputy');
  const member = await createUser(p, d.orgs.root, 'districtOfficer');
  users = { ...d.users, otherDeputy, member };
  me = await createDeputy(p, d, { station: d.orgs.stationA, user: d.users.deputyA });
  other = await createDeputy(p, d, { org: d.orgs.streetB, station: d.orgs.stationB, user: otherDeputy });
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const sourceCount = async (deputyId: number, sourceKey: string) =>
  Number(
    (
      await t.platform.db
        .selectFrom('duty_activity')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('deputy_id', '=', deputyId)
        .where('source_key', '=', sourceKey)
        .executeTakeFirstOrThrow()
    ).n,
  );
const auditCount = async (action: string, subjectId: number) =>
  Number(
    (
      await t.platform.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('action', '=', action)
        .where('subject_id', '=', String(subjectId))
        .executeTakeFirstOrThrow()
    ).n,
  );

const plan = async (who: string, body: Record<string, unknown>) =>
  (await as(who)).post<{ id: number }>('/api/duty/events', {
    orgId: d.orgs.stationA.id,
    kind: 'inspection',
    title: '视察城区道路改造',
    place: '甲街道文化中心',
    day: today,
    startsAt: '09:00',
    hours: 3,
    deputyIds: [me.id],
    ...body,
  });
const code = async (id: number, minutes = 60) => {
  const res = await (await as('stationHeadA')).post<EventCode>(`/api/duty/events/${id}/code`, { minutes });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

describe('planned activities with a sign-in at the place', () => {
  it('refuses bad plans naming the field, and plans only in scope', async () => {
    const bad = await plan('stationHeadA', { title: '', startsAt: '9点', hours: 0 });
    expect(bad.status).toBe(400);
    const fields = (bad.body as unknown as { error: { fields: { path: string; message: string }[] } }).error.fields;
    expect(fields.map((f) => f.path).sort()).toEqual(['body.hours', 'body.startsAt', 'body.title']);
    expect(fields.find((f) => f.path === 'body.title')?.message).toBe('请填写活动名称');
    const outside = await plan('stationHeadA', { deputyIds: [other.id] });
    expect(outside.status).toBe(400);
    expect(JSON.stringify(outside.body)).toContain('body.deputyIds');
    expect((await plan('deputyA', {})).status).toBe(403);
    expect((await plan('liaisonOfficerB', {})).status).toBe(403);
    expect((await plan('unitStaffA', {})).status).toBe(403);
  });

  it('a deputy signs in once with the short code; the activity is credited once, with its hours', async () => {
    const ev = await plan('stationHeadA', {});
    expect(ev.status).toBe(201);
    const id = ev.body.id;
    const c = await code(id);
    expect(c.shortCode).toMatch(/^[0-9]{6}$/);
    const dep = await as('deputyA');
    const listed = await dep.get<{ items: EventView[] }>(`/api/duty/events?year=${Y}`);
    expect(listed.body.items.find((e) => e.id === id)?.mine).toMatchObject({ enrolled: true, signedInAt: null });
    // Not invited: neither listed nor able to sign in, even with the right code.
    const them = await as('otherDeputy');
    expect(
      (await them.get<{ items: EventView[] }>(`/api/duty/events?year=${Y}`)).body.items.some((e) => e.id === id),
    ).toBe(false);
    const refused = await them.post(`/api/duty/events/${id}/sign-in`, { qrToken: c.qrToken });
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).toContain('DUTY_EVENT_NOT_INVITED');

    const wrong = String((Number(c.shortCode) + 1) % 1_000_000).padStart(6, '0');
    const bad = await dep.post(`/api/duty/events/${id}/sign-in`, { shortCode: wrong });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('DUTY_EVENT_CODE');
    expect((await dep.post(`/api/duty/events/${id}/sign-in`, { shortCode: '12ab' })).status).toBe(400);
    expect((await dep.post(`/api/duty/events/${id}/sign-in`, {})).status).toBe(400);
    const ok = await dep.post<{ already: boolean }>(`/api/duty/events/${id}/sign-in`, { shortCode: c.shortCode });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.already).toBe(false);
    const again = await dep.post<{ already: boolean }>(`/api/duty/events/${id}/sign-in`, { qrToken: c.qrToken });
    expect(again.body.already).toBe(true);
    expect(await sourceCount(me.id, `event:${id}`)).toBe(1);
    expect(await auditCount('duty.eventSignIn', id)).toBe(1);
    const rec = await dep.get<DutyRecord>(`/api/duty/record?year=${Y}`);
    expect(rec.body.activities.find((a) => a.title === '视察城区道路改造')).toMatchObject({
      kind: 'inspection',
      hours: 3,
      origin: 'system',
      state: 'confirmed',
    });
    const roster = await (
      await as('stationHeadA')
    ).get<{ items: { deputyId: number; method: string }[] }>(`/api/duty/events/${id}/roster`);
    expect(roster.body.items).toEqual([expect.objectContaining({ deputyId: me.id, method: 'code' })]);
    await expect(
      (await as('liaisonOfficerB')).get(`/api/duty/events/${id}/roster`).then((r) => r.status),
    ).resolves.toBe(404);
    expect((await dep.post(`/api/duty/events/${id}/code`, {})).status).toBe(404);
  });

  it('a tampered or expired code is refused; a new code replaces the short code', async () => {
    const { body } = await plan('stationHeadA', { kind: 'research', title: '调研养老服务' });
    const id = body.id;
    const c = await code(id, 5);
    const dep = await as('deputyA');
    const [, , exp, mac] = c.qrToken.split('.');
    const tampered = `LSDE.${id}.${Number(exp) + 3600}.${mac}`;
    expect((await dep.post(`/api/duty/events/${id}/sign-in`, { qrToken: tampered })).status).toBe(400);
    expect((await dep.post(`/api/duty/events/${id + 1}/sign-in`, { qrToken: c.qrToken })).status).not.toBe(200);
    const later = Date.now() + 10 * 60_000;
    const spy = vi.spyOn(Date, 'now').mockReturnValue(later);
    try {
      expect((await dep.post(`/api/duty/events/${id}/sign-in`, { qrToken: c.qrToken })).status).toBe(400);
      expect((await dep.post(`/api/duty/events/${id}/sign-in`, { shortCode: c.shortCode })).status).toBe(400);
    } finally {
      spy.mockRestore();
    }
    const fresh = await code(id, 30);
    const res = await dep.post(`/api/duty/events/${id}/sign-in`, { qrToken: fresh.qrToken });
    expect(res.status).toBe(200);
    expect(await sourceCount(me.id, `event:${id}`)).toBe(1);
  });

  it(`after ${MAX_CODE_TRIES} wrong short codes the code is refused to that deputy (QR or staff still work)`, async () => {
    const { body } = await plan('stationHeadA', { kind: 'lawEnforcementCheck', title: '执法检查' });
    const id = body.id;
    const c = await code(id);
    const dep = await as('deputyA');
    const wrong = String((Number(c.shortCode) + 7) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < MAX_CODE_TRIES; i++)
      expect((await dep.post(`/api/duty/events/${id}/sign-in`, { shortCode: wrong })).status).toBe(400);
    const locked = await dep.post(`/api/duty/events/${id}/sign-in`, { shortCode: c.shortCode });
    expect(locked.status).toBe(429);
    const staff = await (
      await as('liaisonOfficerA')
    ).post<{ already: boolean }>(`/api/duty/events/${id}/sign-in`, {
      deputyId: me.id,
    });
    expect(staff.status).toBe(200);
    expect(await sourceCount(me.id, `event:${id}`)).toBe(1);
    // A deputy cannot sign another in.
    expect((await dep.post(`/api/duty/events/${id}/sign-in`, { deputyId: other.id })).status).toBe(404);
  });

  it('briefings open for sign-up: capacity, withdrawal, no sign-in before the day; the training plan of the year', async () => {
    // Tomorrow for the server until the early sign-in below: not the day read when the file loaded,
    // nor one that may turn into today while the test runs (near midnight in China it waits).
    const tomorrow = addDays(await chinaTodayWithTime(30_000), 1);
    const b = await (
      await as('districtOfficer')
    ).post<{ id: number }>('/api/duty/events', {
      orgId: d.orgs.root.id,
      kind: 'briefing',
      title: '区政府重点工作情况通报会',
      day: tomorrow,
      startsAt: '14:30',
      hours: 2,
      signup: true,
      capacity: 1,
    });
    expect(b.status).toBe(201);
    const id = b.body.id;
    const dep = await as('deputyA');
    const them = await as('otherDeputy');
    const seen = (await dep.get<{ items: EventView[] }>(`/api/duty/events?year=${yearOf(tomorrow)}`)).body.items.find(
      (e) => e.id === id,
    );
    expect(seen?.mine).toMatchObject({ enrolled: false, canSignUp: true });
    const joined = await dep.post<EventView>(`/api/duty/events/${id}/sign-up`);
    expect(joined.status).toBe(200);
    expect(joined.body.mine).toMatchObject({ enrolled: true });
    const full = await them.post(`/api/duty/events/${id}/sign-up`);
    expect(full.status).toBe(409);
    expect((await dep.delete(`/api/duty/events/${id}/sign-up`)).status).toBe(200);
    expect((await them.post(`/api/duty/events/${id}/sign-up`)).status).toBe(200);
    const c = await (await as('districtOfficer')).post<EventCode>(`/api/duty/events/${id}/code`, { minutes: 60 });
    const early = await them.post(`/api/duty/events/${id}/sign-in`, { qrToken: c.body.qrToken });
    expect(early.status).toBe(400);
    expect(JSON.stringify(early.body)).toContain('尚未开始');
    // The street cannot issue the district's code.
    expect((await (await as('streetOfficerA')).post(`/api/duty/events/${id}/code`, {})).status).toBe(404);

    const tr = await (
      await as('districtOfficer')
    ).post<{ id: number }>('/api/duty/events', {
      orgId: d.orgs.root.id,
      kind: 'training',
      title: '代表履职能力培训（第一期）',
      day: `${Y}-12-31`,
      startsAt: '09:00',
      hours: 6,
      deputyIds: [me.id, other.id],
    });
    expect(tr.status).toBe(201);
    const planOfYear = await (
      await as('districtOfficer')
    ).get<{ items: EventView[] }>(`/api/duty/events?year=${Y}&kind=training`);
    expect(planOfYear.body.items.map((e) => e.title)).toContain('代表履职能力培训（第一期）');
    expect(planOfYear.body.items.every((e) => e.kind === 'training')).toBe(true);
    expect(planOfYear.body.items.find((e) => e.id === tr.body.id)).toMatchObject({
      enrolled: 2,
      signedIn: 0,
      hours: 6,
    });
  }, 90_000);

  it('property: whatever order of sign-ins arrives, each eligible deputy is credited exactly once per activity', async () => {
    const p = t.platform;
    const staff = await actorOf(p, d.users.stationHeadA);
    const deputies = [
      { deputy: me, actor: await actorOf(p, d.users.deputyA), invited: true },
      { deputy: other, actor: await actorOf(p, users.otherDeputy!), invited: false },
    ];
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ who: fc.nat(1), how: fc.constantFrom('qr', 'code', 'wrong', 'staff') }), {
          minLength: 1,
          maxLength: 8,
        }),
        async (steps) => {
          runs++;
          const { body } = await plan('stationHeadA', { kind: 'groupActivity', title: `小组活动 ${runs}` });
          const c = await code(body.id);
          const signedIn = new Set<number>();
          let wrongs = 0;
          for (const s of steps) {
            const who = deputies[s.who]!;
            const input =
              s.how === 'qr'
                ? { qrToken: c.qrToken }
                : s.how === 'code'
                  ? { shortCode: c.shortCode }
                  : s.how === 'wrong'
                    ? { shortCode: c.shortCode === '000000' ? '000001' : '000000' }
                    : { deputyId: who.deputy.id };
            const actor = s.how === 'staff' ? staff : who.actor;
            try {
              await signInEvent(p, contextOf(actor), actor, body.id, input);
              signedIn.add(who.deputy.id);
            } catch (e) {
              expect(e).toBeInstanceOf(AppError);
              if (s.how === 'wrong' && who.invited) wrongs++;
            }
          }
          for (const who of deputies) {
            const n = await sourceCount(who.deputy.id, `event:${body.id}`);
            expect(n).toBe(signedIn.has(who.deputy.id) ? 1 : 0);
            if (!who.invited) expect(n).toBe(0);
          }
          expect(wrongs).toBeLessThanOrEqual(steps.length);
        },
      ),
      { seed, numRuns: 12 },
    );
  });
});

describe('two contacts (两联系) in the record', () => {
  it('a paired member and the deputy record contacts; both count in the record; others are refused', async () => {
    const district = await as('districtOfficer');
    expect((await district.post('/api/duty/pairings', { memberId: users.member!.id, deputyId: me.id })).status).toBe(
      200,
    );
    expect(
      (await (await as('stationHeadA')).post('/api/duty/pairings', { memberId: users.member!.id, deputyId: other.id }))
        .status,
    ).toBe(403);
    const member = await as('member');
    const ok = await member.post<{ id: number }>('/api/duty/contacts', {
      kind: 'member',
      deputyId: me.id,
      day: today,
      mode: 'phone',
      summary: '了解代表闭会期间活动情况',
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(
      (
        await member.post('/api/duty/contacts', {
          kind: 'member',
          deputyId: other.id,
          day: today,
          mode: 'phone',
          summary: '未结对',
        })
      ).status,
    ).toBe(403);
    const dep = await as('deputyA');
    const bad = await dep.post('/api/duty/contacts', { kind: 'constituents', day: today, mode: 'visit', summary: '' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('body.summary');
    const mine = await dep.post<{ id: number }>('/api/duty/contacts', {
      kind: 'constituents',
      day: today,
      mode: 'visit',
      people: 12,
      summary: '走访小区居民，听取加装电梯意见',
    });
    expect(mine.status).toBe(201);
    expect(
      (
        await (
          await as('otherDeputy')
        ).post('/api/duty/contacts', {
          kind: 'constituents',
          deputyId: me.id,
          day: today,
          mode: 'visit',
          summary: '代填',
        })
      ).status,
    ).toBe(404);
    const rec = await dep.get<DutyRecord>(`/api/duty/record?year=${Y}`);
    expect(rec.body.counts.find((c) => c.kind === 'constituentContact')?.count).toBe(1);
    expect(rec.body.counts.find((c) => c.kind === 'memberContact')?.count).toBe(1);
    const list = await dep.get<ContactsView>(`/api/duty/contacts?year=${Y}`);
    expect(list.body.pairings).toHaveLength(1);
    expect(list.body.contacts.map((c) => c.kind).sort()).toEqual(['constituents', 'member']);
    expect(
      (await (await as('otherDeputy')).get<ContactsView>(`/api/duty/contacts?year=${Y}`)).body.contacts,
    ).toHaveLength(0);
  });
});

/** The one sheet of a workbook, named `name`, as rows of text. */
const sheet = async (bytes: Buffer, name: string) => {
  const sheets = await readXlsxFile(bytes);
  expect(sheets.map((s) => s.sheet)).toEqual([name]);
  return sheets[0]!.data.map((row) => row.map((c) => (c === null ? '' : String(c))));
};

describe('ledgers (台账) as Excel with a title row and a named sheet', () => {
  it('the reception register and the duty-registration ledger of a station for a period', async () => {
    await createReception(t.platform, { id: d.orgs.stationA.id }, 'closed', { duty: [me], day: today });
    const head = await as('stationHeadA');
    const q = `orgId=${d.orgs.stationA.id}&from=${Y}-01-01&to=${Y}-12-31`;
    const r = await download(app, head, `/api/duty/ledgers/receptions.xlsx?${q}`);
    expect(r.status).toBe(200);
    const rows = await sheet(r.bytes, '接待登记台账');
    expect(rows[0]![0]).toBe(
      `${(await t.platform.db.selectFrom('organization').select('name').where('id', '=', d.orgs.stationA.id).executeTakeFirstOrThrow()).name}接待登记台账（${Y}-01-01 至 ${Y}-12-31）`,
    );
    expect(rows[1]).toContain('接待代表');
    expect(rows.slice(2).some((row) => row.includes(me.name))).toBe(true);

    const dl = await download(app, head, `/api/duty/ledgers/duty.xlsx?${q}`);
    expect(dl.status).toBe(200);
    const drows = await sheet(dl.bytes, '代表履职登记台账');
    expect(drows[0]![0]).toContain('代表履职登记台账');
    expect(drows[1]).toEqual(['序号', '代表', '日期', '类别', '活动', '学时', '来源', '状态']);
    expect(drows.slice(2).some((row) => row[1] === me.name && row[3] === '视察')).toBe(true);
    expect(await auditCount('duty.ledgerExport', d.orgs.stationA.id)).toBe(2);

    expect((await download(app, await as('deputyA'), `/api/duty/ledgers/duty.xlsx?${q}`)).status).toBe(404);
    expect((await download(app, await as('liaisonOfficerB'), `/api/duty/ledgers/duty.xlsx?${q}`)).status).toBe(404);
    const backwards = await (
      await as('stationHeadA')
    ).get(`/api/duty/ledgers/duty.xlsx?orgId=${d.orgs.stationA.id}&from=${Y}-12-31&to=${Y}-01-01`);
    expect(backwards.status).toBe(400);
    expect(JSON.stringify(backwards.body)).toContain('query.to');
  });
});
