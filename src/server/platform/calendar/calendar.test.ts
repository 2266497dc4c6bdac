import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalendarDayView, CalendarStatus, CalendarYearView } from '../../../contracts/calendar.js';
import { createTestPlatform } from '../../../../test/support/db.js';
import { createDistrict, createUser, PASSWORD } from '../../../../test/support/factories.js';
import { createApp, signedIn, TestClient } from '../../../../test/support/http.js';
import { calendarStatus, importFromPackage } from './service.js';
import { calendarCommand, parseYearFlag, yearRanges } from './startup.js';
import { addWorkingDays, calendarCache, isWorkingDay } from './working-days.js';

let t: Awaited<ReturnType<typeof createTestPlatform>>;
let app: FastifyInstance;
let d: Awaited<ReturnType<typeof createDistrict>>;
let streetAdmin: { id: number; username: string };

const as = signedIn(
  () => app,
  () => ({ ...d.users, streetAdmin }),
  PASSWORD,
);

beforeAll(async () => {
  t = await createTestPlatform();
  app = await createApp(t.platform);
  d = await createDistrict(t.platform);
  // An administrator held on a street, not on the top of the tree.
  streetAdmin = await createUser(t.platform, d.orgs.streetA, 'admin');
});
afterAll(async () => {
  await app.close();
  await t.close();
});

async function auditRows(action: string, subjectId: string) {
  return t.platform.db
    .selectFrom('audit_log')
    .select(['actor_name', 'summary', 'subject_type'])
    .where('action', '=', action)
    .where('subject_id', '=', subjectId)
    .orderBy('id')
    .execute();
}

describe('reading', () => {
  it.each(Object.keys({ admin: 1, auditor: 1, streetOfficerA: 1, deputyA: 1, unitStaffA: 1, consultantA: 1 }))(
    '%s reads a year of special days',
    async (who) => {
      const res = await (await as(who as 'admin')).get<CalendarYearView>('/api/calendar/years/2025');
      expect(res.status).toBe(200);
      expect(res.body.covered).toBe(true);
      expect(res.body.coverage).toBe('chinese-days');
      expect(res.body.workingDays).toBe(248);
      expect(res.body.restDays).toBe(365 - 248);
      const oct1 = res.body.days.find((x) => x.day === '2025-10-01');
      expect(oct1).toMatchObject({
        kind: 'holiday',
        isWorking: false,
        name: '国庆节',
        weekday: 3,
        source: 'chinese-days',
      });
      expect(res.body.days.find((x) => x.day === '2025-09-28')).toMatchObject({
        kind: 'adjustedWorkday',
        isWorking: true,
        weekday: 7,
      });
      expect(res.body.days.every((x) => x.day.startsWith('2025-'))).toBe(true);
    },
  );

  it('one day: a special one, and a plain one by the weekday rule', async () => {
    const c = await as('deputyA');
    expect((await c.get<CalendarDayView>('/api/calendar/days/2026-02-17')).body).toMatchObject({
      kind: 'holiday',
      name: '春节',
      nameEn: 'Spring Festival',
    });
    expect((await c.get<CalendarDayView>('/api/calendar/days/2026-03-10')).body).toMatchObject({
      kind: 'workday',
      isWorking: true,
      source: null,
    });
    expect((await c.get<CalendarDayView>('/api/calendar/days/2026-03-08')).body).toMatchObject({
      kind: 'weekend',
      isWorking: false,
    });
  });

  it('a deadline preview counts working days', async () => {
    const res = await (await as('streetOfficerA')).get('/api/calendar/working-days?from=2025-09-30&n=1');
    expect(res.body).toEqual({ from: '2025-09-30', n: 1, day: '2025-10-09' });
  });

  it('bad dates and years are refused naming the field, in both languages', async () => {
    const c = await as('streetOfficerA');
    const bad = await c.get<{ error: { code: string; fields: { path: string; message: string }[] } }>(
      '/api/calendar/days/2026-02-30',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(bad.body.error.fields[0]).toMatchObject({
      path: 'params.day',
      message: expect.stringContaining('YYYY-MM-DD'),
    });
    expect(bad.body.error.fields[0]!.message).toMatch(/有效日期/);
    const en = new TestClient(app, { lang: 'en' });
    await en.login(d.users.streetOfficerA.username, PASSWORD);
    const year = await en.get<{ error: { fields: { path: string; message: string }[] } }>('/api/calendar/years/20x5');
    expect(year.status).toBe(400);
    expect(year.body.error.fields[0]).toEqual({ path: 'params.year', message: 'Expected a year from 1900 to 2199' });
    const n = await c.get<{ error: { fields: { path: string }[] } }>('/api/calendar/working-days?from=2025-09-30&n=x');
    expect(n.status).toBe(400);
    expect(n.body.error.fields[0]!.path).toBe('query.n');
  });

  it('is in the OpenAPI document', async () => {
    const res = await new TestClient(app).get<{ paths: Record<string, unknown> }>('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/calendar/status',
        '/api/calendar/years/{year}',
        '/api/calendar/days/{day}',
        '/api/calendar/days/{day}/reset',
        '/api/calendar/years/{year}/confirm',
        '/api/calendar/working-days',
      ]),
    );
  });

  it('needs a signed-in user', async () => {
    expect((await new TestClient(app).get('/api/calendar/status')).status).toBe(401);
    expect((await new TestClient(app).get('/api/calendar/years/2026')).status).toBe(401);
  });
});

describe('correcting a day', () => {
  const body = { kind: 'holiday', name: '地方假日', nameEn: 'Local holiday', note: '区政府通知〔2026〕1号' };

  it.each([
    ['securityAdmin', 403],
    ['auditor', 403],
    ['districtOfficer', 403],
    ['streetOfficerA', 403],
    ['deputyA', 403],
    ['streetAdmin', 403], // an administrator, but of a street: the calendar is the whole deployment's
  ] as const)('%s may not: %i, nothing changed', async (who, status) => {
    const res = await (await as(who)).post('/api/calendar/days/2026-06-10', body);
    expect(res.status).toBe(status);
    expect(await isWorkingDay(t.platform.db, '2026-06-10')).toBe(true);
  });

  it('the administrator corrects a day: deadlines change, the audit has before and after', async () => {
    const c = await as('admin');
    expect(await addWorkingDays(t.platform.db, '2026-06-09', 1)).toBe('2026-06-10');
    const cached = await calendarCache(t.platform.db).get();
    expect(cached.isWorkingDay('2026-06-10')).toBe(true);

    const res = await c.post<CalendarDayView>('/api/calendar/days/2026-06-10', body);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      day: '2026-06-10',
      kind: 'holiday',
      isWorking: false,
      name: '地方假日',
      source: 'admin',
      note: '区政府通知〔2026〕1号',
      updatedBy: expect.any(String),
    });
    expect(await addWorkingDays(t.platform.db, '2026-06-09', 1)).toBe('2026-06-11');
    expect((await calendarCache(t.platform.db).get()).isWorkingDay('2026-06-10')).toBe(false);
    const preview = await c.get<{ day: string }>('/api/calendar/working-days?from=2026-06-09&n=1');
    expect(preview.body.day).toBe('2026-06-11');

    const [row] = await auditRows('calendar.correct', '2026-06-10');
    expect(row).toMatchObject({
      actor_name: d.users.admin.username,
      subject_type: 'calendarDay',
      summary: {
        before: { kind: 'workday', isWorking: true, source: null },
        after: { kind: 'holiday', isWorking: false, source: 'admin', name: '地方假日' },
      },
    });
    const year = await c.get<CalendarYearView>('/api/calendar/years/2026');
    expect(year.body.workingDays).toBe(247);
  });

  it('turns a package holiday into a working day, and the import keeps it', async () => {
    const c = await as('admin');
    // 2026-10-08 is not in the package (National Day 2026 is 10-01 … 10-07); correct a package day instead.
    const res = await c.post<CalendarDayView>('/api/calendar/days/2026-10-07', {
      kind: 'workday',
      note: '测试：更正为工作日',
    });
    expect(res.body).toMatchObject({ isWorking: true, kind: 'workday', source: 'admin', name: null });
    const r = await importFromPackage(t.platform, { actor: null, requestId: 't', ip: null, userAgent: null });
    expect(r.keptCorrections).toBeGreaterThanOrEqual(1);
    expect(r.inserted + r.updated + r.removed).toBe(0);
    expect(await isWorkingDay(t.platform.db, '2026-10-07')).toBe(true);
    expect(await isWorkingDay(t.platform.db, '2026-10-06')).toBe(false);
  });

  it('a Saturday can be made an adjusted working day; a weekday cannot', async () => {
    const c = await as('admin');
    const ok = await c.post<CalendarDayView>('/api/calendar/days/2026-06-13', {
      kind: 'adjustedWorkday',
      name: '地方调休',
      note: '测试',
    });
    expect(ok.body).toMatchObject({ isWorking: true, kind: 'adjustedWorkday', weekday: 6 });
    expect(await addWorkingDays(t.platform.db, '2026-06-12', 1)).toBe('2026-06-13');

    const bad = await c.post<{ error: { code: string; fields: { path: string }[] } }>('/api/calendar/days/2026-06-15', {
      kind: 'adjustedWorkday',
      note: '测试',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0]!.path).toBe('body.kind');
    const sat = await c.post<{ error: { fields: { path: string }[] } }>('/api/calendar/days/2026-06-20', {
      kind: 'workday',
      note: '测试',
    });
    expect(sat.body.error.fields[0]!.path).toBe('body.kind');
    expect(await isWorkingDay(t.platform.db, '2026-06-15')).toBe(true);
  });

  it.each([
    [{ kind: 'holiday', note: '无名称' }, 'body.name'],
    [{ kind: 'holiday', name: '节日' }, 'body.note'],
    [{ kind: 'holiday', name: '节日', note: '   ' }, 'body.note'],
    [{ kind: 'festival', name: '节日', note: 'x' }, 'body.kind'],
    [{ kind: 'holiday', name: 'x'.repeat(101), note: 'x' }, 'body.name'],
  ])('refuses %j naming %s, nothing changed', async (input, path) => {
    const res = await (
      await as('admin')
    ).post<{ error: { code: string; fields: { path: string }[] } }>('/api/calendar/days/2026-07-08', input);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.fields.map((f) => f.path)).toContain(path);
    expect((await auditRows('calendar.correct', '2026-07-08')).length).toBe(0);
    expect(await isWorkingDay(t.platform.db, '2026-07-08')).toBe(true);
  });

  it('withdrawing a correction restores the package day, or the plain rule', async () => {
    const c = await as('admin');
    await c.post('/api/calendar/days/2026-10-01', { kind: 'workday', note: '测试' });
    expect(await isWorkingDay(t.platform.db, '2026-10-01')).toBe(true);
    const back = await c.post<CalendarDayView>('/api/calendar/days/2026-10-01/reset', { note: '误操作' });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ kind: 'holiday', name: '国庆节', source: 'chinese-days', note: null });
    expect(await isWorkingDay(t.platform.db, '2026-10-01')).toBe(false);

    await c.post('/api/calendar/days/2026-07-15', { kind: 'holiday', name: '临时', note: '测试' });
    const plain = await c.post<CalendarDayView>('/api/calendar/days/2026-07-15/reset', { note: '撤销' });
    expect(plain.body).toMatchObject({ kind: 'workday', source: null });
    const [row] = await auditRows('calendar.reset', '2026-07-15');
    expect(row!.summary).toMatchObject({
      before: { kind: 'holiday', source: 'admin' },
      after: { kind: 'workday', source: null },
      reason: '撤销',
    });

    const none = await c.post<{ error: { code: string } }>('/api/calendar/days/2026-07-16/reset', { note: '无' });
    expect(none.status).toBe(409);
    expect(none.body.error.code).toBe('CALENDAR_NOT_CORRECTED');
    const notAdmin = await (await as('districtOfficer')).post('/api/calendar/days/2026-06-10/reset', { note: 'x' });
    expect(notAdmin.status).toBe(403);
  });
});

describe('status and next year', () => {
  it('warns from 1 November when next year is missing, and says so in the request language', async () => {
    // The installed chinese-days has no year after its last one.
    const last = (await calendarStatus(t.platform.db)).packageYears.last;
    const before = await calendarStatus(t.platform.db, { now: new Date(`${last}-10-31T15:59:00Z`) });
    expect(before).toMatchObject({
      currentYear: last,
      currentYearCovered: true,
      nextYearCovered: false,
      warning: null,
    });
    // 1 November 00:00 in China is 31 October 16:00 UTC.
    const after = await calendarStatus(t.platform.db, { now: new Date(`${last}-10-31T16:00:00Z`) });
    expect(after).toMatchObject({ today: `${last}-11-01`, warning: 'nextYearMissing' });
    expect(after.message).toContain(`${last + 1}`);
    const en = await calendarStatus(t.platform.db, { now: new Date(`${last}-11-15T00:00:00Z`), lang: 'en' });
    expect(en.message).toMatch(/^The official holidays and adjusted working days of \d{4} are not loaded/);
    const missing = await calendarStatus(t.platform.db, { now: new Date(`${last + 2}-03-01T00:00:00Z`) });
    expect(missing.warning).toBe('currentYearMissing');
  });

  it('GET /api/calendar/status for every staff member', async () => {
    const res = await (await as('deputyA')).get<CalendarStatus>('/api/calendar/status');
    expect(res.status).toBe(200);
    expect(res.body.coveredYears).toEqual(expect.arrayContaining([2025, 2026]));
    expect(res.body.packageVersion).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('an administrator enters a missing year by hand and confirms it; the warning ends', async () => {
    const c = await as('admin');
    const year = (await calendarStatus(t.platform.db)).packageYears.last + 3;
    const empty = await c.post<{ error: { fields: { path: string }[] } }>(`/api/calendar/years/${year}/confirm`, {
      note: '国办发明电',
    });
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields[0]!.path).toBe('params.year');

    expect(
      (await c.post(`/api/calendar/days/${year}-01-01`, { kind: 'holiday', name: '元旦', note: '国办发明电' })).status,
    ).toBe(200);
    expect((await (await as('streetAdmin')).post(`/api/calendar/years/${year}/confirm`, { note: 'x' })).status).toBe(
      403,
    );
    const ok = await c.post<CalendarYearView>(`/api/calendar/years/${year}/confirm`, { note: '国办发明电〔2029〕1号' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ year, covered: true, coverage: 'admin' });
    const s = await calendarStatus(t.platform.db, { now: new Date(`${year - 1}-12-01T00:00:00Z`) });
    expect(s.nextYearCovered).toBe(true);
    expect((await auditRows('calendar.confirmYear', String(year))).length).toBe(1);

    const again = await c.post<{ error: { code: string } }>(`/api/calendar/years/2026/confirm`, { note: 'x' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CALENDAR_YEAR_COVERED');
  });
});

describe('import', () => {
  it('is idempotent and restores package days removed by hand, audited', async () => {
    const ctx = { actor: null, requestId: 'test', ip: null, userAgent: 'test' };
    await t.platform.db.deleteFrom('calendar_day').where('day', '=', '2025-05-05').execute();
    await t.platform.db
      .updateTable('calendar_day')
      .set({ name: '错名' })
      .where('day', '=', '2025-05-01')
      .where('source', '=', 'chinese-days')
      .execute();
    const r = await importFromPackage(t.platform, ctx, { years: [2025] });
    expect(r).toMatchObject({ years: [2025], inserted: 1, updated: 1, removed: 0 });
    expect(await isWorkingDay(t.platform.db, '2025-05-05')).toBe(false);
    const again = await importFromPackage(t.platform, ctx, { years: [2025] });
    expect(again).toMatchObject({ inserted: 0, updated: 0, removed: 0 });
    const audits = await t.platform.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'calendar.import')
      .execute();
    expect(audits).toHaveLength(1);
  });

  it('says clearly when the package lacks a year', async () => {
    const ctx = { actor: null, requestId: 'test', ip: null, userAgent: 'test' };
    await expect(importFromPackage(t.platform, ctx, { years: [2199] })).rejects.toThrow(
      /no holiday arrangement for 2199/,
    );
  });

  it('the CLI command imports a year and reports the status', async () => {
    const lines = await calendarCommand(t.platform, 'import', '2026');
    expect(lines[0]).toMatch(
      /^calendar: chinese-days \S+, 2026: 0 added, 0 changed, 0 removed; \d+ administrator corrections kept/,
    );
    expect(lines[1]).toMatch(/2025|2026/);
    await expect(calendarCommand(t.platform, 'export', undefined)).rejects.toThrow(/usage/);
    expect(parseYearFlag('2025-2027')).toEqual([2025, 2026, 2027]);
    expect(yearRanges([2004, 2005, 2006, 2026, 2029, 2030])).toBe('2004–2006, 2026, 2029–2030');
    expect(parseYearFlag('2026,2025')).toEqual([2025, 2026]);
    expect(() => parseYearFlag('next')).toThrow(/--year/);
  });
});
