import type { FastifyInstance } from 'fastify';
import readXlsxFile from 'read-excel-file/node';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpinionView, PublicOpinion } from '../../../contracts/opinions.js';
import { createTestPlatform, testConfig } from '../../../../test/support/db.js';
import { createDistrict, createOpinion, PASSWORD } from '../../../../test/support/factories.js';
import { download, upload } from '../../../../test/support/files.js';
import { onChinaDays } from '../../../../test/support/china-day.js';
import { createApp, signedIn, TestClient } from '../../../../test/support/http.js';
import { backdateFeedback } from '../../../../test/support/opinion-clock.js';
import { ConfigError } from '../../config.js';
import { chinaDate, chinaToday } from '../../platform/calendar/dates.js';
import { addWorkingDays } from '../../platform/calendar/working-days.js';

let t: Awaited<ReturnType<typeof createTestPlatform>>;
let app: FastifyInstance;
let d: Awaited<ReturnType<typeof createDistrict>>;

const as = signedIn(
  () => app,
  () => d.users,
  PASSWORD,
);
type Who = Parameters<typeof as>[0];
type Reply = OpinionView & { error?: { code: string; message: string; fields?: { path: string; message: string }[] } };

beforeAll(async () => {
  t = await createTestPlatform();
  app = await createApp(t.platform);
  d = await createDistrict(t.platform);
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const PHONE = '13812340000';

/** An opinion at station A, registered by a constituent who left a phone. */
const register = () => createOpinion(t.platform, d, 'registered', { phone: PHONE });

async function act(who: Who, id: number, body: Record<string, unknown>, status = 200, lang?: string) {
  const client = lang ? new TestClient(app, { lang }) : await as(who);
  if (lang) await client.login(d.users[who].username, PASSWORD);
  const res = await client.post<Reply>(`/api/opinions/${id}/actions`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

/** Registered, triaged, assigned to office A and accepted: the unit now answers. */
const toInProgress = () => createOpinion(t.platform, d, 'inProgress', { phone: PHONE });

const photo = () =>
  sharp({ create: { width: 60, height: 40, channels: 3, background: '#4a7' } })
    .jpeg()
    .toBuffer();

describe('the constituent’s time to rate before an unrated close (未评价)', () => {
  it('refuses an early close with 409 naming the day (zh and en), shows the day, and closes as unrated after it', async () => {
    const { id } = await toInProgress();
    await act('unitStaffA', id, { action: 'respond', response: '已重新铺设松动地砖。', resultType: 'solved' });
    const { result: fed, days } = await onChinaDays(() =>
      act('liaisonOfficerA', id, { action: 'feedback', channel: 'phone', content: '已电话告知。' }),
    );
    // Five working days from the day of the feedback as recorded, which is the day of the step: not
    // today read again, for midnight in China may have come since.
    const fedOn = chinaDate(new Date(fed.events.find((e) => e.action === 'feedback')!.at));
    expect(days).toContain(fedOn);
    const day = await addWorkingDays(t.platform.db, fedOn, 5);

    const early = await act('liaisonOfficerA', id, { action: 'close' }, 409);
    expect(early.error!.code).toBe('OPINION_RATING_WAIT');
    expect(early.error!.message).toContain(day);
    expect(early.error!.message).toContain('5 个工作日');
    expect(early.error!.message).toContain('未评价');
    const en = await act('streetOfficerA', id, { action: 'close' }, 409, 'en');
    expect(en.error!.message).toContain(`from ${day} it may be closed as unrated`);

    // The page says until when, and to whom the close button is only waiting.
    const view = await (await as('liaisonOfficerA')).get<OpinionView>(`/api/opinions/${id}`);
    expect(view.body.ratingWaitUntil).toBe(day);
    expect(view.body.closeWaits).toBe(true);
    expect(view.body.allowedActions).not.toContain('close');
    const unit = await (await as('unitStaffA')).get<OpinionView>(`/api/opinions/${id}`);
    expect(unit.body.closeWaits).toBe(false);
    // The constituent may still rate meanwhile.
    expect(view.body.allowedActions).toContain('rate');

    // A week and more later nobody has rated: it closes, as unrated.
    await backdateFeedback(t.database, id, 14);
    const later = await (await as('liaisonOfficerA')).get<OpinionView>(`/api/opinions/${id}`);
    expect(later.body.ratingWaitUntil! < chinaToday()).toBe(true);
    expect(later.body.closeWaits).toBe(false);
    expect(later.body.allowedActions).toContain('close');
    const closed = await act('liaisonOfficerA', id, { action: 'close' });
    expect(closed.state).toBe('closed');
    expect(closed.outcome).toBe('unrated');
  });

  it('a rated opinion closes at once; nobody to rate means no wait', async () => {
    const { id, receiptCode } = await toInProgress();
    await act('unitStaffA', id, { action: 'respond', response: '已修复。', resultType: 'solved' });
    await act('liaisonOfficerA', id, { action: 'feedback', channel: 'sms', content: '已修复。' });
    const rated = await new TestClient(app).post<PublicOpinion>('/api/public/opinions/rate', {
      receiptCode,
      phoneLast4: PHONE.slice(-4),
      level: 'satisfied',
    });
    expect(rated.status).toBe(200);
    const o = await act('liaisonOfficerA', id, { action: 'close' });
    expect(o.outcome).toBe('satisfied');
    expect(o.ratingWaitUntil).toBeNull();
  });

  it('is a setting: LIAISON_OPINION_RATING_WAIT_DAYS (working days, default 5), refused out of range', () => {
    expect(testConfig().opinions.ratingWaitDays).toBe(5);
    expect(testConfig({ LIAISON_OPINION_RATING_WAIT_DAYS: '0' }).opinions.ratingWaitDays).toBe(0);
    expect(() => testConfig({ LIAISON_OPINION_RATING_WAIT_DAYS: '90' })).toThrow(ConfigError);
    expect(() => testConfig({ LIAISON_OPINION_RATING_WAIT_DAYS: 'a week' })).toThrow(
      /LIAISON_OPINION_RATING_WAIT_DAYS/,
    );
  });
});

describe('a unit’s evidence with its answer', () => {
  it('the unit attaches a photo and answers with it; staff see it with the answer; the portal does not', async () => {
    const { id, receiptCode } = await toInProgress();
    const unit = await as('unitStaffA');
    const added = await upload<{ id: number }>(
      unit,
      'POST',
      `/api/opinions/${id}/files?name=${encodeURIComponent('地砖实拍')}`,
      await photo(),
      'after.jpg',
      'image/jpeg',
    );
    expect(added.status).toBe(201);
    const o = await act('unitStaffA', id, {
      action: 'respond',
      response: '已重新铺设松动地砖，见整改后照片。',
      resultType: 'solved',
      fileIds: [added.body.id],
    });
    expect(o.state).toBe('responded');

    const staff = await (await as('liaisonOfficerA')).get<OpinionView>(`/api/opinions/${id}`);
    const answer = staff.body.assignments.find((a) => a.state === 'responded')!;
    expect(answer.responseFileIds).toEqual([added.body.id]);
    const file = staff.body.files.find((f) => f.id === added.body.id)!;
    expect(file).toMatchObject({ name: '地砖实拍', contentType: 'image/jpeg', unitName: d.orgs.officeA.name });
    const served = await download(app, await as('liaisonOfficerA'), `/api/opinions/${id}/files/${added.body.id}`);
    expect(served.status).toBe(200);

    // The public follow page keeps to the answer's text.
    const follow = await new TestClient(app).post<PublicOpinion>('/api/public/opinions/follow', {
      receiptCode,
      phoneLast4: PHONE.slice(-4),
    });
    expect(follow.status).toBe(200);
    expect(JSON.stringify(follow.body)).not.toContain('fileIds');
    expect(JSON.stringify(follow.body)).not.toContain('地砖实拍');
    expect(JSON.stringify(follow.body)).not.toContain('/files/');
  });

  it('refuses evidence that is not the unit’s own file of this opinion, naming the field', async () => {
    const { id } = await toInProgress();
    const officer = await as('liaisonOfficerA');
    const notTheUnits = await upload<{ id: number }>(
      officer,
      'POST',
      `/api/opinions/${id}/files`,
      await photo(),
      'desk.jpg',
      'image/jpeg',
    );
    expect(notTheUnits.status).toBe(201);
    const body = { action: 'respond', response: '已处理。', resultType: 'solved' };
    const wrong = await act('unitStaffA', id, { ...body, fileIds: [notTheUnits.body.id] }, 400);
    expect(wrong.error!.fields![0]).toMatchObject({ path: 'body.fileIds.0' });
    expect(wrong.error!.fields![0]!.message).toContain('本单位');
    const en = await act('unitStaffA', id, { ...body, fileIds: [notTheUnits.body.id] }, 400, 'en');
    expect(en.error!.fields![0]!.message).toContain('your unit attached');
    const typed = await act('unitStaffA', id, { ...body, fileIds: ['x'] }, 400);
    expect(typed.error!.fields![0]!.path).toMatch(/fileIds/);
    const many = await act('unitStaffA', id, { ...body, fileIds: Array.from({ length: 13 }, (_, i) => i + 1) }, 400);
    expect(many.error!.fields![0]!.path).toMatch(/fileIds/);
    // Nothing was recorded by the refused answers.
    const o = await officer.get<OpinionView>(`/api/opinions/${id}`);
    expect(o.body.state).toBe('inProgress');
  });
});

describe('the ledger (台账) as filed', () => {
  it('has a named sheet and a title row with the station and the period, then the columns', async () => {
    // From the first of the year the opinion is registered in, to today: read before and after, so the
    // period holds the registration even if midnight in China (or the new year) comes between.
    const { result: registered, days } = await onChinaDays(register);
    const { receiptCode } = registered;
    const today = days.at(-1)!;
    const from = `${days[0]!.slice(0, 4)}-01-01`;
    const res = await download(
      app,
      await as('liaisonOfficerA'),
      `/api/opinions/ledger?orgId=${d.orgs.stationA.id}&from=${from}&to=${today}`,
    );
    expect(res.status).toBe(200);
    const sheets = await readXlsxFile(res.bytes);
    expect(sheets.map((s) => s.sheet)).toEqual(['群众意见处理台账']);
    const rows = sheets[0]!.data.map((r) => r.map((c) => (c === null ? '' : String(c))));
    expect(rows[0]![0]).toBe(`${d.orgs.stationA.name}群众意见处理台账（${from} 至 ${today}）`);
    expect(rows[1]!.slice(0, 4)).toEqual(['序号', '受理编号', '登记日期', '联络站']);
    expect(rows.slice(2).some((r) => r[1] === receiptCode)).toBe(true);
  });
});
