import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeputyView } from '../../../contracts/deputies.js';
import type { ImportProblem } from '../../../contracts/imports.js';
import type { InformantView, StationChange, StationView } from '../../../contracts/stations.js';
import { createTestPlatform, superQuery } from '../../../../test/support/db.js';
import { createDistrict, PASSWORD } from '../../../../test/support/factories.js';
import { download, upload } from '../../../../test/support/files.js';
import { createApp, signedIn } from '../../../../test/support/http.js';
import { inTransaction } from '../../db/database.js';
import { readTable, writeTable } from '../../platform/files/table-file.js';
import { importRegions, loadRegionFile } from '../regions/service.js';
import { stationColumnsInFile } from './import.js';

let t: Awaited<ReturnType<typeof createTestPlatform>>;
let app: FastifyInstance;
let d: Awaited<ReturnType<typeof createDistrict>>;

const as = signedIn(
  () => app,
  () => d.users,
  PASSWORD,
);
type Fields = { error: { code: string; fields: { path: string; message: string }[] } };
type PageOf<T> = { items: T[]; nextCursor: string | null };

async function newStation(who: keyof typeof d.users, parentId: number, name: string, extra: object = {}) {
  const res = await (
    await as(who)
  ).post<StationView>('/api/stations', { parentId, name, kind: 'workstation', ...extra });
  expect(res.status).toBe(201);
  return res.body;
}

async function newDeputy(orgId: number, name: string) {
  const res = await (
    await as('streetOfficerA')
  ).post<DeputyView>('/api/deputies', { orgId, name, levels: ['county'], election: 'direct' });
  expect(res.status).toBe(201);
  return res.body;
}

beforeAll(async () => {
  t = await createTestPlatform();
  app = await createApp(t.platform);
  d = await createDistrict(t.platform);
  await inTransaction(t.platform.db, (trx) =>
    importRegions(
      t.platform,
      trx,
      { actor: null, requestId: 't', ip: null, userAgent: null },
      loadRegionFile('330206'),
    ),
  );
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('station details', () => {
  it('covers several regions, picked from the tree; unknown codes are refused naming the entry', async () => {
    const s = await newStation('streetOfficerA', d.orgs.streetA.id, '甲街道海湾社区代表联络室', {
      regionCodes: ['330206001001', '330206001002'],
    });
    expect(s.regions.map((g) => g.name)).toEqual(['海湾居委会', '海韵居委会']);
    const officer = await as('streetOfficerA');
    const changed = await officer.request<StationView>('PATCH', `/api/stations/${s.id}`, {
      regionCodes: ['330206001003'],
    });
    expect(changed.body.regions.map((g) => g.code)).toEqual(['330206001003']);
    const bad = await officer.request<Fields>('PATCH', `/api/stations/${s.id}`, {
      regionCodes: ['330206001003', '330206999999'],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0]!.path).toBe('body.regionCodes.1');
    expect((await officer.get<StationView>(`/api/stations/${s.id}`)).body.regions.map((g) => g.code)).toEqual([
      '330206001003',
    ]);
  });

  it('counts only serving deputies, and lists consultants (users holding that role on the station)', async () => {
    const s = await newStation('streetOfficerA', d.orgs.streetA.id, '甲街道计数测试站');
    const officer = await as('streetOfficerA');
    const one = await newDeputy(d.orgs.streetA.id, '计数甲');
    const two = await newDeputy(d.orgs.streetA.id, '计数乙');
    await officer.post(`/api/stations/${s.id}/members`, { deputyId: one.id });
    await officer.post(`/api/stations/${s.id}/members`, { deputyId: two.id });
    await officer.request('PATCH', `/api/deputies/${two.id}`, { status: 'resigned' });
    const after = (await officer.get<StationView>(`/api/stations/${s.id}`)).body;
    expect(after.members).toHaveLength(2);
    expect(after.servingDeputies).toBe(1);
    const listed = (await officer.get<PageOf<StationView>>(`/api/stations?q=${encodeURIComponent('计数测试')}`)).body
      .items;
    expect(listed.map((x) => x.servingDeputies)).toEqual([1]);

    await (
      await as('securityAdmin')
    ).post(`/api/users/${d.users.consultantA.id}/roles`, { role: 'consultant', orgId: s.id });
    const withConsultant = (await officer.get<StationView>(`/api/stations/${s.id}`)).body;
    expect(withConsultant.consultants.map((c) => c.userId)).toEqual([d.users.consultantA.id]);
    expect(withConsultant.liaisonOfficers).toEqual([]);
  });
});

describe('reception days', () => {
  it('a station keeps its reception rule as a structured rule and shows the next three dates', async () => {
    // Read before the server counts from its own today, which is then this day or a later one.
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const s = await newStation('streetOfficerA', d.orgs.streetA.id, '甲街道接待日测试站', {
      receptionSchedule: { kind: 'lunarMonthlyDay', lunarDay: 16, skipHolidays: 'next' },
    });
    expect(s.receptionSchedule).toEqual({ kind: 'lunarMonthlyDay', lunarDay: 16, skipHolidays: 'next' });
    expect(s.problems).not.toContain('missingReceptionRule');
    expect(s.nextReceptions).toHaveLength(3);
    expect(s.nextReceptions.every((day) => day >= today)).toBe(true);
    expect([...s.nextReceptions].sort()).toEqual(s.nextReceptions);
    const officer = await as('streetOfficerA');
    const weekly = await officer.request<StationView>('PATCH', `/api/stations/${s.id}`, {
      receptionSchedule: { kind: 'weekly', weekday: 2 },
      receptionRule: '其他时间可电话预约',
    });
    expect(weekly.body.nextReceptions.map((day) => new Date(`${day}T00:00:00Z`).getUTCDay())).toEqual([2, 2, 2]);
    expect(weekly.body.receptionRule).toBe('其他时间可电话预约');
    const bad = await officer.request<Fields>('PATCH', `/api/stations/${s.id}`, {
      receptionSchedule: { kind: 'weekly', weekday: 9 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0]!.path).toBe('body.receptionSchedule.weekday');
    const cleared = await officer.request<StationView>('PATCH', `/api/stations/${s.id}`, {
      receptionSchedule: null,
      receptionRule: null,
    });
    expect(cleared.body.nextReceptions).toEqual([]);
    expect(cleared.body.problems).toContain('missingReceptionRule');
  });

  it('previews a rule for the editor: recognised from text, described in both languages, with its next days', async () => {
    const c = await as('liaisonOfficerA');
    const lunar = await c.post<{ rule: unknown; description: { zh: string; en: string }; next: string[] }>(
      '/api/stations/reception-preview',
      { text: '每月农历十六上午9:00-11:30' },
    );
    expect(lunar.body.rule).toEqual({ kind: 'lunarMonthlyDay', lunarDay: 16, time: { start: '09:00', end: '11:30' } });
    expect(lunar.body.description).toEqual({
      zh: '每月农历十六 09:00–11:30',
      en: '16th day of every lunar month 09:00–11:30',
    });
    expect(lunar.body.next).toHaveLength(3);
    const unknown = await c.post<{ rule: unknown; next: string[] }>('/api/stations/reception-preview', {
      text: '看情况',
    });
    expect(unknown.body).toEqual({ rule: null, description: null, next: [] });
    const bad = await c.post<Fields>('/api/stations/reception-preview', { rule: { kind: 'weekly', weekday: 8 } });
    expect(bad.body.error.fields[0]!.path).toBe('body.rule.weekday');
    const s = await newStation('streetOfficerA', d.orgs.streetA.id, '甲街道描述测试站', {
      receptionSchedule: { kind: 'monthlyNthWeekday', nth: 1, weekday: 3 },
    });
    expect(s.receptionDescription).toEqual({ zh: '每月第一个周三', en: 'First Wednesday of every month' });
  });
});

describe('station list', () => {
  it('pages by keyset in pinyin order without repeats, and finds stations by pinyin initials', async () => {
    const names = ['安居', '白鹤', '春晓', '东岙', '峨眉', '枫林', '港城', '海景', '金湾', '柳汀', '明州', '宁川'];
    for (const n of names) await newStation('streetOfficerB', d.orgs.streetB.id, `乙街道${n}联络站`);
    const b = await as('streetOfficerB');
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/stations?limit=5${cursor ? `&cursor=${cursor}` : ''}`;
      const page: PageOf<StationView> = (await b.get<PageOf<StationView>>(url)).body;
      seen.push(...page.items.map((s) => s.name));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    const mine = seen.filter((n) => n.startsWith('乙街道') && n.endsWith('联络站') && n.length > 6);
    expect(mine).toEqual(names.map((n) => `乙街道${n}联络站`));
    expect(new Set(seen).size).toBe(seen.length);
    const byInitials = await b.get<PageOf<StationView>>('/api/stations?q=yjdhjllz');
    expect(byInitials.body.items.map((s) => s.name)).toEqual(['乙街道海景联络站']);
    const byPinyin = await b.get<PageOf<StationView>>('/api/stations?q=yijiedaojinwan');
    expect(byPinyin.body.items.map((s) => s.name)).toEqual(['乙街道金湾联络站']);
    const summary = await b.get<{ total: number; withProblems: number }>('/api/stations/summary');
    expect(summary.body.total).toBe(seen.length);
    expect(summary.body.withProblems).toBe(seen.length);
    const bad = await b.get<Fields>('/api/stations?cursor=abc');
    expect(bad.body.error.fields[0]!.path).toBe('query.cursor');
  });
});

describe('photos', () => {
  const jpegWithGps = () =>
    sharp({ create: { width: 64, height: 48, channels: 3, background: '#c41d1d' } })
      .jpeg()
      .withExif({
        IFD0: { Make: 'LeakyCam', Copyright: 'someone' },
        IFD3: {
          GPSLatitudeRef: 'N',
          GPSLatitude: '29/1 53/1 0/1',
          GPSLongitudeRef: 'E',
          GPSLongitude: '121/1 50/1 0/1',
        },
      })
      .toBuffer();

  it('takes a photo by its content, strips EXIF (GPS too), serves it to readers only', async () => {
    const s = await newStation('streetOfficerA', d.orgs.streetA.id, '甲街道照片测试站');
    const officer = await as('streetOfficerA');
    const original = await jpegWithGps();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const res = await upload<StationView>(
      officer,
      'POST',
      `/api/stations/${s.id}/photos?caption=${encodeURIComponent('接待室')}`,
      original,
      'IMG_0001.JPG',
      'image/jpeg',
    );
    expect(res.status).toBe(200);
    expect(res.body.photos).toHaveLength(1);
    expect(res.body.photos[0]).toMatchObject({ caption: '接待室', width: 64, height: 48 });
    const served = await download(app, officer, res.body.photos[0]!.url);
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(served.bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(served.bytes.includes(Buffer.from('LeakyCam'))).toBe(false);

    // A PNG sent as "photo.jpg" is judged by its content.
    const png = await sharp({ create: { width: 10, height: 10, channels: 4, background: '#00f' } })
      .png()
      .toBuffer();
    const asPng = await upload<StationView>(
      officer,
      'POST',
      `/api/stations/${s.id}/photos`,
      png,
      'photo.jpg',
      'image/jpeg',
    );
    expect(asPng.status).toBe(200);
    const second = await download(app, officer, asPng.body.photos[1]!.url);
    expect(second.headers['content-type']).toBe('image/png');

    // Another street cannot see or change them.
    const b = await as('streetOfficerB');
    expect((await download(app, b, res.body.photos[0]!.url)).status).toBe(404);
    expect((await upload(b, 'POST', `/api/stations/${s.id}/photos`, png, 'x.png', 'image/png')).status).toBe(404);
    expect((await b.delete(`/api/stations/${s.id}/photos/${res.body.photos[0]!.id}`)).status).toBe(404);

    const removed = await officer.delete<StationView>(`/api/stations/${s.id}/photos/${res.body.photos[0]!.id}`);
    expect(removed.body.photos.map((ph) => ph.id)).toEqual([asPng.body.photos[1]!.id]);
  });

  it('refuses what is not an image, a damaged image and a file over the limit, naming body.file', async () => {
    const s = await newStation('streetOfficerA', d.orgs.streetA.id, '甲街道照片拒收站');
    const officer = await as('streetOfficerA');
    const text = await upload<Fields>(
      officer,
      'POST',
      `/api/stations/${s.id}/photos`,
      Buffer.from('<?php echo 1; ?>'),
      'evil.jpg',
      'image/jpeg',
    );
    expect(text.status).toBe(400);
    expect(text.body.error.fields).toEqual([{ path: 'body.file', message: '只接受 JPEG、PNG 或 WebP 格式的图片' }]);
    const jpeg = await jpegWithGps();
    const truncated = await upload<Fields>(
      officer,
      'POST',
      `/api/stations/${s.id}/photos`,
      jpeg.subarray(0, 200),
      'cut.jpg',
      'image/jpeg',
    );
    expect(truncated.status).toBe(400);
    expect(truncated.body.error.fields[0]!.path).toBe('body.file');
    const huge = Buffer.concat([jpeg, Buffer.alloc(9 * 1024 * 1024)]);
    const big = await upload<Fields>(officer, 'POST', `/api/stations/${s.id}/photos`, huge, 'big.jpg', 'image/jpeg');
    expect(big.status).toBe(400);
    expect(big.body.error.fields[0]).toEqual({ path: 'body.file', message: '文件不能超过 8 MB' });
    const json = await officer.post<Fields>(`/api/stations/${s.id}/photos`, { file: 'x' });
    expect(json.body.error.fields[0]!.path).toBe('body.file');
    expect((await officer.get<StationView>(`/api/stations/${s.id}`)).body.photos).toEqual([]);
  });

  it('a deputy has a photo too, cleaned the same way', async () => {
    const dep = await newDeputy(d.orgs.streetA.id, '照片代表');
    const officer = await as('streetOfficerA');
    const res = await upload<DeputyView>(
      officer,
      'PUT',
      `/api/deputies/${dep.id}/photo`,
      await jpegWithGps(),
      'me.jpg',
      'image/jpeg',
    );
    expect(res.status).toBe(200);
    expect(res.body.photoUrl).toMatch(new RegExp(`^/api/deputies/${dep.id}/photo`));
    const served = await download(app, officer, res.body.photoUrl!);
    expect((await sharp(served.bytes).metadata()).exif).toBeUndefined();
    expect((await download(app, await as('streetOfficerB'), res.body.photoUrl!)).status).toBe(404);
    expect((await officer.delete<DeputyView>(`/api/deputies/${dep.id}/photo`)).body.photoUrl).toBeNull();
  });
});

describe('informants (民情联络员)', () => {
  it('keeps phones encrypted and masked; a reveal is audited; other streets get 404', async () => {
    const s = await newStation('streetOfficerA', d.orgs.streetA.id, '甲街道民情测试站');
    const officer = await as('streetOfficerA');
    const created = await officer.post<InformantView>(`/api/stations/${s.id}/informants`, {
      name: '周志愿',
      phone: '13912345678',
      community: '海湾社区',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: '周志愿',
      phoneMasked: '139****5678',
      community: '海湾社区',
      active: true,
    });
    const raw = await superQuery(t.database.ownerUrl, 'SELECT phone_sealed FROM informant WHERE id = $1', [
      created.body.id,
    ]);
    expect(raw.rows[0].phone_sealed).toMatch(/^s1\./);
    const list = await officer.get<{ items: InformantView[] }>(`/api/stations/${s.id}/informants`);
    expect(JSON.stringify(list.body)).not.toContain('13912345678');
    const revealed = await officer.post<{ phone: string }>(
      `/api/stations/${s.id}/informants/${created.body.id}/reveal-contact`,
    );
    expect(revealed.body.phone).toBe('13912345678');
    const changed = await officer.request<InformantView>(
      'PATCH',
      `/api/stations/${s.id}/informants/${created.body.id}`,
      {
        active: false,
        phone: '13800000000',
      },
    );
    expect(changed.body).toMatchObject({ active: false, phoneMasked: '138****0000' });
    const trail = await t.platform.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('subject_type', '=', 'station')
      .where('subject_id', '=', String(s.id))
      .orderBy('id')
      .execute();
    expect(trail.map((a) => a.action)).toEqual([
      'station.create',
      'station.addInformant',
      'station.revealInformantPhone',
      'station.updateInformant',
    ]);
    expect(JSON.stringify(trail)).not.toContain('1391234');
    expect(JSON.stringify(trail)).not.toContain('13800000000');

    const b = await as('streetOfficerB');
    expect((await b.get(`/api/stations/${s.id}/informants`)).status).toBe(404);
    expect((await b.post(`/api/stations/${s.id}/informants`, { name: 'x' })).status).toBe(404);
    expect(
      (await b.request('PATCH', `/api/stations/${s.id}/informants/${created.body.id}`, { name: 'x' })).status,
    ).toBe(404);
    expect((await b.post(`/api/stations/${s.id}/informants/${created.body.id}/reveal-contact`)).status).toBe(404);
    // Another station's informant id under this station is not found either.
    const other = await newStation('streetOfficerA', d.orgs.streetA.id, '甲街道民情测试站二');
    expect(
      (await officer.request('PATCH', `/api/stations/${other.id}/informants/${created.body.id}`, { name: 'x' })).status,
    ).toBe(404);
    const bad = await officer.post<Fields>(`/api/stations/${s.id}/informants`, { name: '', phone: '12' });
    expect(bad.body.error.fields.map((f) => f.path).sort()).toEqual(['body.name', 'body.phone']);
  });
});

describe('station history', () => {
  it('shows who changed what, with before and after, to those who manage the station', async () => {
    const s = await newStation('streetOfficerA', d.orgs.streetA.id, '甲街道历史测试站');
    const officer = await as('streetOfficerA');
    await officer.request('PATCH', `/api/stations/${s.id}`, { address: '某路 1 号', openingHours: '工作日' });
    await officer.request('PATCH', `/api/stations/${s.id}`, { address: '某路 2 号' });
    const history = await officer.get<PageOf<StationChange>>(`/api/stations/${s.id}/history`);
    expect(history.status).toBe(200);
    expect(history.body.items.map((h) => h.action)).toEqual(['station.update', 'station.update', 'station.create']);
    expect(history.body.items[0]).toMatchObject({
      actorName: expect.stringContaining('测试'),
      summary: { before: { address: '某路 1 号' }, after: { address: '某路 2 号' } },
    });
    const first = await officer.get<PageOf<StationChange>>(`/api/stations/${s.id}/history?limit=1`);
    const next = await officer.get<PageOf<StationChange>>(
      `/api/stations/${s.id}/history?limit=1&cursor=${first.body.nextCursor}`,
    );
    expect(next.body.items[0]!.id).toBe(history.body.items[1]!.id);
    expect((await (await as('streetOfficerB')).get(`/api/stations/${s.id}/history`)).status).toBe(404);
    expect((await (await as('districtOfficer')).get(`/api/stations/${s.id}/history`)).status).toBe(200);
  });
});

describe('station import and export', () => {
  const post = async (rows: string[][], orgId = d.orgs.streetA.id) =>
    (await as('streetOfficerA')).request<{
      total: number;
      created: number;
      updated: number;
      unchanged: number;
      error?: { code: string; details: { rows: ImportProblem[] } };
    }>('POST', `/api/stations/import?orgId=${orgId}`, undefined, {
      raw: (await writeTable(rows)) as unknown as string,
      headers: { 'content-type': 'application/octet-stream' },
    });

  function file(n: number) {
    const rows: string[][] = [[...stationColumnsInFile]];
    for (let i = 1; i <= n; i++) {
      rows.push([
        `IMP${String(i).padStart(3, '0')}`,
        `甲街道导入站${i}`,
        i % 2 ? '代表联络室' : '代表工作站',
        '',
        '',
        `某路 ${i} 号`,
        '121.8',
        '29.9',
        '工作日 8:30–17:00',
        i % 4 ? '每月第一个周三上午' : '每月农历十六',
        i % 5 ? '' : '遇雨改在社区活动室',
        '工作制度',
        '工作流程',
        '是',
        i % 3 ? '330206001001' : '海湾居委会、海韵居委会',
        '启用',
      ]);
    }
    return rows;
  }

  it('applies all rows or none, naming every bad row; re-imports update by code', async () => {
    const bad = file(30);
    bad[3]![2] = '联络点'; // row 4
    bad[7]![6] = '200'; // row 8: longitude
    bad[11]![14] = '不存在社区'; // row 12
    bad[15]![9] = '看情况'; // row 16: no rule in it
    bad[20]![0] = 'IMP001'; // row 21 repeats row 2
    const refused = await post(bad);
    expect(refused.status).toBe(422);
    expect(refused.body.error!.details.rows.map((r) => [r.row, r.column])).toEqual([
      [4, '类型'],
      [8, '经度'],
      [12, '覆盖区域'],
      [16, '接待日规则'],
      [21, '编号'],
    ]);
    const officer = await as('streetOfficerA');
    expect(
      (await officer.get<PageOf<StationView>>(`/api/stations?q=${encodeURIComponent('导入站')}`)).body.items,
    ).toEqual([]);

    const good = file(30);
    expect((await post(good)).body).toEqual({ total: 30, created: 30, updated: 0, unchanged: 0 });
    expect((await post(good)).body).toEqual({ total: 30, created: 0, updated: 0, unchanged: 30 });
    good[5]![5] = '新地址 6 号';
    expect((await post(good)).body).toEqual({ total: 30, created: 0, updated: 1, unchanged: 29 });
    const one = (await officer.get<PageOf<StationView>>('/api/stations?q=IMP005')).body.items[0]!;
    expect(one).toMatchObject({ name: '甲街道导入站5', address: '新地址 6 号', parentId: d.orgs.streetA.id });
    const three = (await officer.get<PageOf<StationView>>('/api/stations?q=IMP003')).body.items[0]!;
    expect(three.regions.map((g) => g.name)).toEqual(['海湾居委会', '海韵居委会']);
    expect(three.receptionSchedule).toEqual({ kind: 'monthlyNthWeekday', nth: 1, weekday: 3 });
    const four = (await officer.get<PageOf<StationView>>('/api/stations?q=IMP004')).body.items[0]!;
    expect(four.receptionSchedule).toEqual({ kind: 'lunarMonthlyDay', lunarDay: 16 });
    expect(four.nextReceptions).toHaveLength(3);
    const history = await officer.get<PageOf<StationChange>>(`/api/stations/${one.id}/history`);
    expect(history.body.items[0]).toMatchObject({
      action: 'station.update',
      summary: { via: 'import', before: { address: '某路 5 号' }, after: { address: '新地址 6 号' } },
    });
  });

  it('exports the list as filtered in the import columns; the export imports back unchanged', async () => {
    const officer = await as('streetOfficerA');
    const exp = await download(app, officer, `/api/stations/export?q=${encodeURIComponent('导入站')}&kind=liaisonRoom`);
    expect(exp.status).toBe(200);
    const table = await readTable(exp.bytes);
    expect(table[0]!.slice(0, stationColumnsInFile.length)).toEqual([...stationColumnsInFile]);
    expect(table).toHaveLength(16);
    expect(table.slice(1).every((r) => r[2] === '代表联络室')).toBe(true);
    expect((await post(table)).body).toEqual({ total: 15, created: 0, updated: 0, unchanged: 15 });
    const tpl = await download(app, officer, '/api/stations/import-template');
    expect((await readTable(tpl.bytes))[0]).toEqual([...stationColumnsInFile]);
  });

  it("refuses an import into another street's committee", async () => {
    expect((await post(file(1), d.orgs.streetB.id)).status).toBe(404);
  });
});
