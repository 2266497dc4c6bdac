import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityView, BulletinView, DutyRecord, PointsRules, ReportView } from '../../../contracts/duty.js';
import { createTestPlatform } from '../../../../test/support/db.js';
import {
  createDeputy,
  createDistrict,
  createReception,
  createStation,
  createUser,
  PASSWORD,
} from '../../../../test/support/factories.js';
import { download, upload } from '../../../../test/support/files.js';
import { createApp, signedIn, TestClient } from '../../../../test/support/http.js';
import { inTransaction } from '../../db/database.js';
import { chinaTodayWithTime } from '../../../../test/support/china-day.js';
import { chinaToday, yearOf } from '../../platform/calendar/dates.js';
import { recordActivity } from './record-activity.js';

let t: Awaited<ReturnType<typeof createTestPlatform>>;
let app: FastifyInstance;
let d: Awaited<ReturnType<typeof createDistrict>>;
let users: Record<string, { id: number; username: string }>;
let me: { id: number; name: string };
let other: { id: number; name: string };
// The whole file works in one China day and year: started within two minutes of midnight, it first
// waits for the next day (the year read here, the days the tests write and the server's own year agree).
const Y = yearOf(await chinaTodayWithTime(120_000));
const Y1 = Y - 1;

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
  users = { ...d.users, otherDeputy };
  me = await createDeputy(p, d, { station: d.orgs.stationA, user: d.users.deputyA });
  other = await createDeputy(p, d, { org: d.orgs.streetB, station: d.orgs.stationB, user: otherDeputy });
});
afterAll(async () => {
  await app.close();
  await t.close();
});

/** What the hourly job does (a read never writes): the district pulls this year's and last year's facts. */
const syncAll = async () => {
  const c = await as('districtOfficer');
  for (const year of [Y1, Y]) expect((await c.post('/api/duty/sync', { year })).status).toBe(200);
};
const record = async (who: string, query = '') => {
  await syncAll();
  const res = await (await as(who)).get<DutyRecord>(`/api/duty/record${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
const sourceCount = async (deputyId: number, sourceKey: string) =>
  (
    await t.platform.db
      .selectFrom('duty_activity')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('deputy_id', '=', deputyId)
      .where('source_key', '=', sourceKey)
      .executeTakeFirstOrThrow()
  ).n;

describe('activities are recorded once however they arrive', () => {
  it('a reception sign-in known to the receptions module and a hand entry of it are one activity (sync first)', async () => {
    const r = await createReception(t.platform, { id: d.orgs.stationA.id }, 'closed', {
      duty: [me],
      day: chinaToday(),
    });
    const rec = await record('deputyA');
    const mine = rec.activities.filter((a) => a.kind === 'reception');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ origin: 'system', state: 'confirmed' });
    const hand = await (
      await as('deputyA')
    ).post<{ activity: ActivityView; existing: boolean }>('/api/duty/activities', {
      kind: 'reception',
      day: chinaToday(),
      title: '进站接待（手工登记）',
      receptionId: r.id,
    });
    expect(hand.status).toBe(200);
    expect(hand.body.existing).toBe(true);
    expect(hand.body.activity.id).toBe(mine[0]!.id);
    expect(Number(await sourceCount(me.id, `reception:${r.id}`))).toBe(1);
  });

  it('reading the record writes nothing; the sync (job, or POST /sync by the deputy) brings the reception in', async () => {
    const r = await createReception(t.platform, { id: d.orgs.stationA.id }, 'closed', {
      duty: [me],
      day: chinaToday(),
    });
    const c = await as('deputyA');
    const before = await c.get<DutyRecord>(`/api/duty/record?year=${Y}`);
    expect(before.status).toBe(200);
    expect(Number(await sourceCount(me.id, `reception:${r.id}`))).toBe(0);
    const again = await c.get<DutyRecord>(`/api/duty/record?year=${Y}`);
    expect(again.body.activities).toHaveLength(before.body.activities.length);
    // Another deputy's record may not be refreshed by this deputy; their own may.
    expect((await c.post('/api/duty/sync', { year: Y, deputyId: other.id })).status).toBe(404);
    expect((await c.post('/api/duty/sync', { year: Y })).status).toBe(403);
    const own = await c.post<{ inserted: number }>('/api/duty/sync', { year: Y, deputyId: me.id });
    expect(own.status).toBe(200);
    expect(own.body.inserted).toBeGreaterThanOrEqual(1);
    expect(Number(await sourceCount(me.id, `reception:${r.id}`))).toBe(1);
  });

  it('the same, hand entry first: the sign-in then confirms the waiting entry, still one activity', async () => {
    const r = await createReception(t.platform, { id: d.orgs.stationA.id }, 'published', {
      duty: [me],
      day: chinaToday(),
    });
    const hand = await (
      await as('deputyA')
    ).post<{ activity: ActivityView; existing: boolean }>('/api/duty/activities', {
      kind: 'reception',
      day: chinaToday(),
      title: '进站接待',
      receptionId: r.id,
    });
    expect(hand.status).toBe(201);
    expect(hand.body.activity).toMatchObject({ origin: 'hand', state: 'pending' });
    const signIn = await (
      await as('liaisonOfficerA')
    ).post(`/api/receptions/${r.id}/sign-in`, { deputyId: me.id, idempotencyKey: `signin-${r.id}-abcdef` });
    expect(signIn.status).toBe(200);
    const rec = await record('deputyA');
    const same = rec.activities.filter((a) => a.id === hand.body.activity.id);
    expect(same[0]).toMatchObject({ origin: 'system', state: 'confirmed' });
    expect(Number(await sourceCount(me.id, `reception:${r.id}`))).toBe(1);
  });

  it('a reception the deputy was not on duty at is refused, naming the field', async () => {
    const r = await createReception(t.platform, { id: d.orgs.stationB.id }, 'closed', { duty: [other] });
    const res = await (
      await as('deputyA')
    ).post<{ error: { code: string; fields: { path: string }[] } }>('/api/duty/activities', {
      kind: 'reception',
      day: chinaToday(),
      title: 'x',
      receptionId: r.id,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0]!.path).toBe('body.receptionId');
  });

  it("a vote's attendance appears in the record and its choice never does", async () => {
    await inTransaction(t.platform.db, (trx) =>
      recordActivity(trx, {
        deputyId: me.id,
        kind: 'vote_attendance',
        sourceKey: 'vote:1',
        day: chinaToday(),
        title: '民生实事项目票决',
        choice: 'approve',
        ballot: { projectId: 3, choice: 'against' },
      }),
    );
    // The seam called twice (a retried job) is still one activity.
    await inTransaction(t.platform.db, (trx) =>
      recordActivity(trx, {
        deputyId: me.id,
        kind: 'vote_attendance',
        sourceKey: 'vote:1',
        day: chinaToday(),
        title: '民生实事项目票决',
      }),
    );
    const rec = await record('deputyA');
    expect(rec.activities.filter((a) => a.kind === 'vote_attendance')).toHaveLength(1);
    const text = JSON.stringify(rec);
    expect(text).not.toMatch(/approve|against|choice|ballot/);
    const row = await t.platform.db
      .selectFrom('duty_activity')
      .selectAll()
      .where('source_key', '=', 'vote:1')
      .execute();
    expect(JSON.stringify(row)).not.toMatch(/approve|against/);
  });

  it('suggestions led and co-signed are pulled from the suggestions module', async () => {
    const s = await (
      await as('districtOfficer')
    ).post<{ id: number }>('/api/suggestions/sessions', { name: '履职测试会议', kind: 'session', year: Y, prefix: '' });
    expect(s.status).toBe(201);
    const draft = await (
      await as('deputyA')
    ).post<{ id: number }>('/api/suggestions', {
      sessionId: s.body.id,
      title: '关于增设公交站点的建议',
      content: '建议增设站点',
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const invite = await (
      await as('deputyA')
    ).post(`/api/suggestions/${draft.body.id}/signers`, { deputyIds: [other.id] });
    expect(invite.status, JSON.stringify(invite.body)).toBe(200);
    const confirm = await (
      await as('otherDeputy')
    ).request('PUT', `/api/suggestions/${draft.body.id}/signers/me`, { accept: true });
    expect(confirm.status, JSON.stringify(confirm.body)).toBe(200);
    const submit = await (await as('deputyA')).post(`/api/suggestions/${draft.body.id}/actions`, { action: 'submit' });
    expect(submit.status, JSON.stringify(submit.body)).toBe(200);
    const rec = await record('deputyA');
    expect(rec.activities.filter((a) => a.kind === 'suggestionLed').map((a) => a.title)).toEqual([
      '关于增设公交站点的建议',
    ]);
    const theirs = await record('otherDeputy');
    expect(theirs.activities.filter((a) => a.kind === 'suggestionCoSigned').map((a) => a.title)).toEqual([
      '关于增设公交站点的建议',
    ]);
    expect(theirs.activities.filter((a) => a.kind === 'suggestionLed')).toEqual([]);
  });

  it('opinions addressed to the deputy count once answered, not while waiting', async () => {
    const officer = await as('liaisonOfficerA');
    const register = (content: string) =>
      officer.post<{ id: number }>('/api/opinions', {
        orgId: d.orgs.stationA.id,
        channel: 'visit',
        content,
        constituent: { anonymous: true },
        deputyIds: [me.id],
      });
    const answered = await register('楼道灯坏了，晚上看不清');
    expect(answered.status, JSON.stringify(answered.body)).toBe(201);
    const waiting = await register('小区垃圾分类点太远');
    const step = await officer.post(`/api/opinions/${answered.body.id}/actions`, {
      action: 'answer',
      answer: '已联系物业当场修复',
    });
    expect(step.status, JSON.stringify(step.body)).toBe(200);
    const rec = await record('deputyA');
    const sources = rec.activities.filter((a) => a.kind === 'opinionHandled').map((a) => a.title);
    expect(sources).toEqual(['楼道灯坏了，晚上看不清']);
    void waiting;
  });
});

describe('hand entries with evidence and the check', () => {
  let entry: ActivityView;
  it('the deputy enters an inspection with a photo; it waits for the check', async () => {
    const res = await (
      await as('deputyA')
    ).post<{ activity: ActivityView }>('/api/duty/activities', {
      kind: 'inspection',
      day: chinaToday(),
      title: '视察老旧小区改造',
      note: '随常委会视察',
      idempotencyKey: 'inspection-0001',
    });
    expect(res.status).toBe(201);
    entry = res.body.activity;
    expect(entry.state).toBe('pending');
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#c00' } })
      .png()
      .toBuffer();
    const up = await upload<ActivityView>(
      await as('deputyA'),
      'POST',
      `/api/duty/activities/${entry.id}/evidence?name=${encodeURIComponent('现场照片')}`,
      png,
      'photo.png',
      'image/png',
    );
    expect(up.status, JSON.stringify(up.body)).toBe(200);
    expect(up.body.evidence).toHaveLength(1);
    const file = await download(
      app,
      await as('stationHeadA'),
      `/api/duty/activities/${entry.id}/evidence/${up.body.evidence[0]!.id}`,
    );
    expect(file.status).toBe(200);
    // The same key again is the same entry.
    const again = await (
      await as('deputyA')
    ).post<{ existing: boolean }>('/api/duty/activities', {
      kind: 'inspection',
      day: chinaToday(),
      title: '视察老旧小区改造',
      idempotencyKey: 'inspection-0001',
    });
    expect(again.body.existing).toBe(true);
  });

  it('a kind the system records cannot be entered by hand without its source', async () => {
    const res = await (
      await as('deputyA')
    ).post<{ error: { fields: { path: string }[] } }>('/api/duty/activities', {
      kind: 'suggestionLed',
      day: chinaToday(),
      title: 'x',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0]!.path).toBe('body.kind');
  });

  it("another street's officer does not see it; the deputy cannot check it; the station confirms it", async () => {
    expect(
      (await (await as('streetOfficerB')).post(`/api/duty/activities/${entry.id}/check`, { outcome: 'confirm' }))
        .status,
    ).toBe(404);
    expect(
      (await (await as('deputyA')).post(`/api/duty/activities/${entry.id}/check`, { outcome: 'confirm' })).status,
    ).toBe(403);
    const queue = await (await as('liaisonOfficerA')).get<{ items: ActivityView[] }>('/api/duty/activities/open');
    expect(queue.body.items.map((a) => a.id)).toContain(entry.id);
    const queueB = await (await as('liaisonOfficerB')).get<{ items: ActivityView[] }>('/api/duty/activities/open');
    expect(queueB.body.items.map((a) => a.id)).not.toContain(entry.id);
    const noReason = await (
      await as('liaisonOfficerA')
    ).post(`/api/duty/activities/${entry.id}/check`, { outcome: 'reject' });
    expect(noReason.status).toBe(400);
    const ok = await (
      await as('liaisonOfficerA')
    ).post<ActivityView>(`/api/duty/activities/${entry.id}/check`, { outcome: 'confirm', note: '照片属实' });
    expect(ok.status).toBe(200);
    expect(ok.body.state).toBe('confirmed');
    const twice = await (
      await as('liaisonOfficerA')
    ).post(`/api/duty/activities/${entry.id}/check`, { outcome: 'confirm' });
    expect(twice.status).toBe(409);
  });

  it('the deputy disputes an entry; the committee corrects it, recorded and audited', async () => {
    const training = await (
      await as('districtOfficer')
    ).post<{ activity: ActivityView }>('/api/duty/activities', {
      deputyId: me.id,
      kind: 'training',
      day: chinaToday(),
      title: '代表履职培训班',
      hours: 2,
    });
    expect(training.status).toBe(201);
    expect(training.body.activity.state).toBe('confirmed');
    const id = training.body.activity.id;
    expect(
      (await (await as('otherDeputy')).post(`/api/duty/activities/${id}/dispute`, { reason: '不是我的' })).status,
    ).toBe(404);
    const disputed = await (
      await as('deputyA')
    ).post<ActivityView>(`/api/duty/activities/${id}/dispute`, { reason: '培训为两天，应为 12 学时' });
    expect(disputed.status).toBe(200);
    expect(disputed.body.state).toBe('disputed');
    expect(
      (await (await as('deputyA')).post(`/api/duty/activities/${id}/resolve`, { outcome: 'confirm', note: '自己确认' }))
        .status,
    ).toBe(403);
    const noCorrection = await (
      await as('districtOfficer')
    ).post(`/api/duty/activities/${id}/resolve`, { outcome: 'correct', note: '更正' });
    expect(noCorrection.status).toBe(400);
    const fixed = await (
      await as('districtOfficer')
    ).post<ActivityView>(`/api/duty/activities/${id}/resolve`, {
      outcome: 'correct',
      note: '经核对签到表，更正为 12 学时',
      correction: { hours: 12 },
    });
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({ state: 'confirmed', hours: 12, resolution: '经核对签到表，更正为 12 学时' });
    const events = await t.platform.db
      .selectFrom('duty_activity_event')
      .select(['action', 'data'])
      .where('activity_id', '=', id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['entered', 'dispute', 'resolve.correct']);
    expect(events[2]!.data).toMatchObject({ before: { hours: '2.00' }, after: { hours: '12' } });
    const audit = await t.platform.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_type', '=', 'dutyActivity')
      .where('subject_id', '=', String(id))
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'duty.disputeActivity',
      'duty.enterActivity',
      'duty.resolveDispute',
    ]);
    const rec = await record('deputyA');
    expect(rec.counts.find((c) => c.kind === 'training')).toEqual({ kind: 'training', count: 1, hours: 12 });
  });

  it('the record is exported as .xlsx with a title row; another deputy cannot read it', async () => {
    const x = await download(app, await as('districtOfficer'), `/api/duty/record.xlsx?deputyId=${me.id}&year=${Y}`);
    expect(x.status).toBe(200);
    expect(x.bytes.subarray(0, 2).toString()).toBe('PK');
    expect((await (await as('otherDeputy')).get(`/api/duty/record?deputyId=${me.id}`)).status).toBe(404);
    expect((await (await as('streetOfficerB')).get(`/api/duty/record?deputyId=${me.id}`)).status).toBe(404);
    const term = await record('districtOfficer', `?deputyId=${me.id}&fromYear=${Y1}&toYear=${Y}`);
    expect(term.scores.map((s) => s.year)).toEqual([Y1, Y]);
  });
});

describe('points: versioned rules, scored by hand', () => {
  const v1: PointsRules = {
    base: 60,
    perKind: { reception: 3, inspection: 3, suggestionLed: 15, suggestionCoSigned: 3, absence: -1 },
    perHour: { training: 1 },
    bonuses: { answerA: 5 },
    caps: { reception: 6 },
    bands: [
      { label: '好', min: 80 },
      { label: '较好', min: 60 },
      { label: '差', min: null },
    ],
    reportBackSatisfied: 0.9,
    receptionSatisfied: 0.9,
    consequences: { commendTop: 1, talkBand: '差', admonishAfterLowYears: 2 },
  };
  const v2: PointsRules = {
    base: 50,
    perKind: { reception: 5, inspection: 2, suggestionLed: 10, absence: -5 },
    perHour: { training: 1 },
    bonuses: { answerA: 8, keySupervised: 10 },
    caps: {},
    bands: [
      { label: '好', min: 85 },
      { label: '较好', min: 60 },
      { label: '差', min: null },
    ],
    reportBackSatisfied: 0.9,
    receptionSatisfied: 0.9,
    consequences: { commendTop: 1, talkBand: '差', admonishAfterLowYears: 2 },
  };
  let scored: { id: number; name: string };
  let idle: { id: number; name: string };

  beforeAll(async () => {
    const p = t.platform;
    scored = await createDeputy(p, d, { name: '积分代表' });
    idle = await createDeputy(p, d, { name: '缺席代表' });
    type Fixture = { kind: string; day: string; flags: string[]; hours?: number };
    const facts = (year: number, deputyId: number) =>
      (
        [
          ...[1, 2, 3].map((i) => ({ kind: 'reception', day: `${year}-02-0${i}`, flags: [] as string[] })),
          { kind: 'inspection', day: `${year}-07-01`, flags: [] },
          {
            kind: 'suggestionLed',
            day: `${year}-07-02`,
            flags: year === Y ? ['answerA', 'keySupervised'] : ['answerA'],
          },
          { kind: 'training', day: `${year}-07-03`, flags: [], hours: 4.5 },
          { kind: 'absence', day: `${year}-07-04`, flags: ['withoutLeave'] },
          { kind: 'absence', day: `${year}-07-05`, flags: ['withoutLeave'] },
        ] as Fixture[]
      ).map((f, i) => ({
        ...f,
        deputyId,
        sourceKey: `fixture:${year}:${i}`,
        title: `${f.kind} ${i}`,
        hours: f.hours ?? null,
      }));
    await inTransaction(p.db, async (trx) => {
      for (const f of [...facts(Y1, scored.id), ...facts(Y, scored.id)]) await recordActivity(trx, f);
      await recordActivity(trx, {
        deputyId: idle.id,
        kind: 'absence',
        sourceKey: 'fixture:idle',
        day: `${Y1}-03-01`,
        title: '缺席',
      });
    });
  });

  it('the committee saves a version per year; a past year already covered is never rewritten', async () => {
    const c = await as('districtOfficer');
    expect((await c.post('/api/duty/rules', { fromYear: Y1, rules: v1 })).status).toBe(201);
    expect((await c.post('/api/duty/rules', { fromYear: Y, rules: v2 })).status).toBe(201);
    const past = await c.post<{ error: { code: string } }>('/api/duty/rules', { fromYear: Y1, rules: v2 });
    expect(past.status).toBe(409);
    expect(past.body.error.code).toBe('DUTY_RULES_PAST');
    expect((await (await as('streetOfficerA')).post('/api/duty/rules', { fromYear: Y, rules: v2 })).status).toBe(403);
    const bad = await c.post<{ error: { fields: { path: string }[] } }>('/api/duty/rules', {
      fromYear: Y,
      rules: { ...v2, bands: [] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0]!.path).toContain('bands');
  });

  it('each year is scored by its own rules, line by line, as computed by hand', async () => {
    const rec = await record('districtOfficer', `?deputyId=${scored.id}&fromYear=${Y1}&toYear=${Y}`);
    const [a, b] = rec.scores;
    // Y-1 under v1: 60 base + receptions 3×3=9 capped at 6 + inspection 3 + suggestion 15 + training 4.5 h × 1
    // + absences 2 × −1 + A answer 5 = 91.5 → 好 (≥ 80).
    expect(a!.lines.map((l) => [l.item, l.count, l.points, l.subtotal, l.note])).toEqual([
      ['base', 1, 60, 60, null],
      ['reception', 3, 3, 6, 'cap:6'],
      ['suggestionLed', 1, 15, 15, null],
      ['inspection', 1, 3, 3, null],
      ['training', 4.5, 1, 4.5, null],
      ['absence', 2, -1, -2, null],
      ['bonus.answerA', 1, 5, 5, null],
    ]);
    expect([a!.total, a!.band]).toEqual([91.5, '好']);
    // Y under v2: 50 + 3×5=15 + 10 + 2 + 4.5 h × 1 + 2 × −5 = −10 + A 8 + key 10 = 89.5 → 好 (≥ 85).
    expect(b!.lines.map((l) => [l.item, l.count, l.points, l.subtotal])).toEqual([
      ['base', 1, 50, 50],
      ['reception', 3, 5, 15],
      ['suggestionLed', 1, 10, 10],
      ['inspection', 1, 2, 2],
      ['training', 4.5, 1, 4.5],
      ['absence', 2, -5, -10],
      ['bonus.answerA', 1, 8, 8],
      ['bonus.keySupervised', 1, 10, 10],
    ]);
    expect([b!.total, b!.band]).toEqual([89.5, '好']);
    expect(a!.rulesVersion).not.toBe(b!.rulesVersion);
  });

  it('standings rank the year, suggest consequences, and only a decision records one', async () => {
    const c = await as('districtOfficer');
    const s = await c.get<{
      rows: { deputyId: number; rank: number; total: number; suggested: string[]; decisions: string[] }[];
    }>(`/api/duty/standings?year=${Y}`);
    expect(s.status).toBe(200);
    expect(s.body.rows[0]).toMatchObject({
      deputyId: scored.id,
      rank: 1,
      total: 89.5,
      suggested: ['commendation'],
      decisions: [],
    });
    // 缺席代表: Y-1 59 (差 under v1), Y 50 (差 under v2): two low years → talk and admonition suggested.
    const low = s.body.rows.find((r) => r.deputyId === idle.id)!;
    expect(low).toMatchObject({ total: 50, suggested: ['talk', 'admonition'], decisions: [] });
    const q1 = await c.get<{ rows: { deputyId: number; total: number }[] }>(`/api/duty/standings?year=${Y}&quarter=1`);
    expect(q1.body.rows.find((r) => r.deputyId === scored.id)!.total).toBe(65);
    const dec = await c.post('/api/duty/decisions', {
      deputyId: idle.id,
      year: Y,
      kind: 'talk',
      note: '由主任约谈，了解履职困难',
    });
    expect(dec.status).toBe(201);
    const after = await c.get<{ rows: { deputyId: number; decisions: string[] }[] }>(`/api/duty/standings?year=${Y}`);
    expect(after.body.rows.find((r) => r.deputyId === idle.id)!.decisions).toEqual(['talk']);
    expect(
      (
        await (
          await as('streetOfficerA')
        ).post('/api/duty/decisions', { deputyId: idle.id, year: Y, kind: 'talk', note: '约谈' })
      ).status,
    ).toBe(403);
  });
});

describe('report-back', () => {
  let report: ReportView;
  it("the draft's numbers equal the record", async () => {
    const res = await (await as('deputyA')).post<ReportView>('/api/duty/reports', { year: Y });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    report = res.body;
    const rec = await record('deputyA', `?year=${Y}`);
    expect(report.figures.map((f) => [f.kind, f.count])).toEqual(rec.counts.map((c) => [c.kind, c.count]));
    for (const c of rec.counts) expect(report.body).toContain(`${c.count} 次`);
    expect((await (await as('deputyA')).post('/api/duty/reports', { year: Y })).status).toBe(409);
  });

  it('the deputy edits and publishes; voters rate on the portal; the result is filed in the record', async () => {
    const edited = await (
      await as('deputyA')
    ).request<ReportView>('PATCH', `/api/duty/reports/${report.id}`, {
      body: `${report.body}\n\n补充：走访困难群众 5 户。`,
      aspects: ['依法履职', '联系选民', '为民办事'],
    });
    expect(edited.status).toBe(200);
    const anon = new TestClient(app);
    expect((await anon.get(`/api/public/duty/reports/${report.id}`)).status).toBe(404);
    const pub = await (await as('deputyA')).post<ReportView>(`/api/duty/reports/${report.id}/publish`);
    expect(pub.status).toBe(200);
    expect(pub.body.state).toBe('published');
    expect((await (await as('deputyA')).request('PATCH', `/api/duty/reports/${report.id}`, { body: 'x' })).status).toBe(
      409,
    );
    const list = await anon.get<{ items: ReportView[] }>('/api/public/duty/reports');
    expect(list.body.items.map((r) => r.id)).toContain(report.id);
    const missing = await anon.post<{ error: { fields: { path: string }[] } }>(
      `/api/public/duty/reports/${report.id}/ratings`,
      {
        aspects: { 依法履职: 5 },
        overall: 'satisfied',
      },
    );
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields[0]!.path).toBe('body.aspects');
    const aspects = { 依法履职: 5, 联系选民: 4, 为民办事: 5 };
    for (const overall of ['satisfied', 'satisfied', 'basicallySatisfied'])
      expect((await anon.post(`/api/public/duty/reports/${report.id}/ratings`, { aspects, overall })).status).toBe(201);
    expect((await (await as('deputyA')).post(`/api/duty/reports/${report.id}/close`)).status).toBe(403);
    const closed = await (await as('streetOfficerA')).post<ReportView>(`/api/duty/reports/${report.id}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body.result).toEqual({
      ratings: 3,
      satisfiedShare: 1,
      aspects: [
        { aspect: '依法履职', average: 5 },
        { aspect: '联系选民', average: 4 },
        { aspect: '为民办事', average: 5 },
      ],
    });
    expect(
      (await anon.post(`/api/public/duty/reports/${report.id}/ratings`, { aspects, overall: 'satisfied' })).status,
    ).toBe(409);
    const rec = await record('deputyA', `?year=${Y}`);
    expect(rec.reports[0]).toMatchObject({ id: report.id, state: 'closed' });
    expect(rec.activities.find((a) => a.kind === 'reportBack')).toMatchObject({ flags: ['ratedSatisfied'] });
  });
});

describe('bulletins (知情知政)', () => {
  it('targeting by area and level reaches exactly those deputies; read receipts; search', async () => {
    const p = t.platform;
    const township = await createDeputy(p, d, {
      levels: ['township'],
      user: await createUser(p, d.orgs.stationA, 'deputy'),
    });
    const c = await as('districtOfficer');
    const toB = await c.post<{ id: number; recipients: number }>('/api/duty/bulletins', {
      issuer: 'government',
      title: '乙街道老旧小区改造计划通报',
      body: '今年计划改造乙街道老旧小区三个。',
      target: { orgIds: [d.orgs.streetB.id] },
    });
    expect(toB.status).toBe(201);
    const recipientsB = await c.get<{ items: { deputyId: number; readAt: string | null }[] }>(
      `/api/duty/bulletins/${toB.body.id}/receipts`,
    );
    expect(recipientsB.body.items.map((r) => r.deputyId)).toEqual([other.id]);
    const toTownship = await c.post<{ id: number }>('/api/duty/bulletins', {
      issuer: 'court',
      title: '法院工作情况通报',
      body: '上半年审结案件情况。',
      target: { levels: ['township'] },
    });
    const receiptsT = await c.get<{ items: { deputyId: number }[] }>(
      `/api/duty/bulletins/${toTownship.body.id}/receipts`,
    );
    expect(receiptsT.body.items.map((r) => r.deputyId)).toEqual([township.id]);
    // deputyA (county level, street A) received neither.
    const mine = await (await as('deputyA')).get<{ items: BulletinView[] }>('/api/duty/bulletins');
    expect(mine.body.items.map((b) => b.id)).not.toContain(toB.body.id);
    expect(mine.body.items.map((b) => b.id)).not.toContain(toTownship.body.id);
    expect((await (await as('deputyA')).post(`/api/duty/bulletins/${toB.body.id}/read`)).status).toBe(404);
    // The other deputy reads theirs: the receipt shows it, once.
    const theirs = await (await as('otherDeputy')).get<{ items: BulletinView[] }>('/api/duty/bulletins?unread=true');
    expect(theirs.body.items.map((b) => b.id)).toEqual([toB.body.id]);
    expect(theirs.body.items[0]!.recipients).toBeNull();
    const read = await (await as('otherDeputy')).post<BulletinView>(`/api/duty/bulletins/${toB.body.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body.readAt).not.toBeNull();
    await (await as('otherDeputy')).post(`/api/duty/bulletins/${toB.body.id}/read`);
    const after = await c.get<{ items: { readAt: string | null }[] }>(`/api/duty/bulletins/${toB.body.id}/receipts`);
    expect(after.body.items[0]!.readAt).toBe(read.body.readAt);
    const list = await c.get<{ items: BulletinView[] }>('/api/duty/bulletins?q=老旧小区');
    expect(list.body.items.map((b) => [b.id, b.recipients, b.read])).toEqual([[toB.body.id, 1, 1]]);
    expect(
      (await (await as('streetOfficerA')).post('/api/duty/bulletins', { issuer: 'court', title: 'x', body: 'y' }))
        .status,
    ).toBe(403);
    const outside = await c.post<{ error: { fields: { path: string }[] } }>('/api/duty/bulletins', {
      issuer: 'court',
      title: 'x',
      body: 'y',
      target: { orgIds: [999999999] },
    });
    expect(outside.status).toBe(400);
    const notices = await p.db
      .selectFrom('notify_message')
      .select('type')
      .where('type', '=', 'duty.bulletin')
      .where('dedupe_key', 'like', `duty-bulletin:${toB.body.id}:%`)
      .execute();
    expect(notices).toHaveLength(1);
  });
});
