import { solveChallenge } from 'altcha-lib/v1';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform } from '../../../../test/support/db.js';
import { createDistrict } from '../../../../test/support/factories.js';
import { createApp, TestClient } from '../../../../test/support/http.js';
import { recordStatements } from '../../../../bench/same-sql.js';
import { poolOf } from '../../db/database.js';

let t: Awaited<ReturnType<typeof createTestPlatform>>;
let app: FastifyInstance;
let d: Awaited<ReturnType<typeof createDistrict>>;
let serving: number;

beforeAll(async () => {
  t = await createTestPlatform({ LIAISON_PORTAL_SUBMIT_HOUR: '8' });
  app = await createApp(t.platform);
  d = await createDistrict(t.platform);
  const db = t.platform.db;
  await db
    .insertInto('station')
    .values({
      org_id: d.orgs.stationA.id,
      kind: 'workstation',
      address: '明州路 1 号',
      latitude: 29.89,
      longitude: 121.84,
      opening_hours: '工作日 9:00–17:00',
    })
    .execute();
  await db
    .insertInto('station')
    .values({ org_id: d.orgs.stationB.id, kind: 'liaisonRoom', latitude: 29.95, longitude: 121.9 })
    .execute();
  const dep = (name: string, status: string) =>
    db
      .insertInto('deputy')
      .values({
        org_id: d.orgs.streetA.id,
        name,
        name_initials: '',
        name_sort: name,
        election: 'direct',
        status,
        public_contact: '0574-1234',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  serving = (await dep('王代表', 'serving')).id;
  const ended = (await dep('李卸任', 'ended')).id;
  await db.insertInto('deputy_level').values({ deputy_id: serving, level: 'county' }).execute();
  await db
    .insertInto('station_member')
    .values([
      { station_id: d.orgs.stationA.id, deputy_id: serving, is_head: true },
      { station_id: d.orgs.stationA.id, deputy_id: ended },
    ])
    .execute();
});
afterAll(async () => {
  await app.close();
  await t.close();
});

/** What the portal's page does before sending: fetch a challenge and solve it (`answer`: to cheat). */
async function solved(c: TestClient, answer = (n: number) => n) {
  const ch = await c.get<{ algorithm: string; challenge: string; salt: string; signature: string; maxnumber: number }>(
    '/api/public/altcha',
  );
  const solution = await solveChallenge(ch.body.challenge, ch.body.salt, ch.body.algorithm, ch.body.maxnumber).promise;
  return Buffer.from(JSON.stringify({ ...ch.body, number: answer(solution!.number), took: solution!.took })).toString(
    'base64',
  );
}

const key = () => `k${Math.random().toString(36).slice(2, 12)}`;

async function submission(c: TestClient, over: Record<string, unknown> = {}) {
  return {
    stationId: d.orgs.stationA.id,
    content: '小区门口的路灯坏了，晚上看不清路。',
    anonymous: true,
    consent: true,
    altcha: await solved(c),
    idempotencyKey: key(),
    ...over,
  };
}

const count = async () =>
  (
    await t.platform.db
      .selectFrom('opinion')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow()
  ).n;

describe('the public portal API', () => {
  it('finds stations nearest first and shows a station with its serving deputies only', async () => {
    const c = new TestClient(app, { ip: '10.0.0.1' });
    const near = await c.get<{ items: { id: number; distanceKm: number }[] }>(
      '/api/public/stations?lat=29.9&lng=121.85',
    );
    const ids = near.body.items.map((s) => s.id);
    expect(ids.indexOf(d.orgs.stationA.id)).toBeLessThan(ids.indexOf(d.orgs.stationB.id));
    expect(near.body.items[0]!.distanceKm).toBeLessThan(2);
    const page = await c.get<{ deputies: { name: string; isHead: boolean }[]; openingHours: string }>(
      `/api/public/stations/${d.orgs.stationA.id}`,
    );
    expect(page.status).toBe(200);
    expect(page.body.deputies).toEqual([expect.objectContaining({ name: '王代表', isHead: true })]);
    expect(page.body.openingHours).toBe('工作日 9:00–17:00');
    const deputy = await c.get<{ stations: { id: number }[] }>(`/api/public/deputies/${serving}`);
    expect(deputy.body.stations.map((s) => s.id)).toEqual([d.orgs.stationA.id]);
  });

  it('takes an anonymous opinion, gives a receipt to follow it by, and a retry does not double it', async () => {
    const c = new TestClient(app, { ip: '10.0.0.2' });
    const body = await submission(c, { content: '<script>alert(1)</script> 公园长椅坏了' });
    const before = await count();
    const first = await c.post<{ receiptCode: string; id: number }>('/api/public/opinions', body);
    expect(first.status).toBe(201);
    const retry = await c.post<{ receiptCode: string }>('/api/public/opinions', body);
    expect(retry.status).toBe(201);
    expect(retry.body.receiptCode).toBe(first.body.receiptCode);
    expect(await count()).toBe(before + 1);
    const follow = await c.post<{ content: string; state: string }>('/api/public/opinions/follow', {
      receiptCode: first.body.receiptCode,
    });
    // Kept exactly as typed: it is text, shown as text everywhere.
    expect(follow.body.content).toBe('<script>alert(1)</script> 公园长椅坏了');
    const o = await t.platform.db
      .selectFrom('opinion')
      .select(['channel', 'state'])
      .where('id', '=', first.body.id)
      .executeTakeFirstOrThrow();
    expect(o).toEqual({ channel: 'online', state: 'registered' });
  });

  it('a submission takes eleven statements, one transaction of seven; its retry eight (no second proof, nothing stored)', async () => {
    const c = new TestClient(app, { ip: '10.0.0.12' });
    // The client fetches its CSRF token with its first POST: that one is not measured.
    expect((await c.post('/api/public/opinions', await submission(c))).status).toBe(201);
    const body = await submission(c);
    const words = async () =>
      (
        await recordStatements(poolOf(t.platform.db)!, async () => {
          expect((await c.post('/api/public/opinions', body)).status).toBe(201);
        })
      ).map((s) => s.sql.replace(/\s+/g, ' ').trim().slice(0, 60));
    const rates = expect.stringMatching(/^INSERT INTO rate_counter/);
    const station = expect.stringMatching(/^select "o"."id", "o"."active"/);
    const lock = expect.stringMatching(/^SELECT pg_advisory_xact_lock/);
    const lookup = expect.stringMatching(/^select "id", "receipt_code"/);
    const files = expect.stringMatching(/^select count\(\*\) as "n" from "opinion_file"/);
    // Both rate limits (the address's per minute, its submissions per hour and day) in two statements.
    expect(await words()).toEqual([
      rates,
      rates,
      station,
      'begin',
      lock,
      lookup,
      expect.stringMatching(/^insert into "pow_spent"/),
      expect.stringMatching(/^select "id", "path", "active"/),
      expect.stringMatching(/^with "r0" as \(insert into "opinion"/),
      'commit',
      files,
    ]);
    expect(await words()).toEqual([rates, rates, station, 'begin', lock, lookup, 'commit', files]);
  });

  it('a solved challenge works once', async () => {
    const c = new TestClient(app, { ip: '10.0.0.3' });
    const body = await submission(c);
    expect((await c.post('/api/public/opinions', body)).status).toBe(201);
    const replay = await c.post<{ error: { fields: { path: string }[] } }>('/api/public/opinions', {
      ...body,
      idempotencyKey: key(),
    });
    expect(replay.status).toBe(400);
    expect(replay.body.error.fields[0]!.path).toBe('body.altcha');
    const forged = await c.post('/api/public/opinions', {
      ...body,
      idempotencyKey: key(),
      altcha: 'bm90IGEgc29sdXRpb24=',
    });
    expect(forged.status).toBe(400);
    // The tests' puzzle is small, but it is checked: a near miss is refused.
    const wrong = await c.post('/api/public/opinions', {
      ...body,
      idempotencyKey: key(),
      altcha: await solved(c, (n) => n + 1),
    });
    expect(wrong.status).toBe(400);
  });

  it('a phone must be proved by an SMS code; the receipt goes to it', async () => {
    const c = new TestClient(app, { ip: '10.0.0.4' });
    const phone = '13912340000';
    const unproved = await c.post<{ error: { fields: { path: string }[] } }>(
      '/api/public/opinions',
      await submission(c, { anonymous: false, name: '赵女士', phone }),
    );
    expect(unproved.status).toBe(400);
    expect(unproved.body.error.fields[0]!.path).toBe('body.phoneToken');
    expect((await c.post('/api/otp/send', { phone, purpose: 'portal' })).status).toBe(200);
    const msg = await t.platform.db
      .selectFrom('notify_message')
      .select('vars')
      .where('type', '=', 'otp.code')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const code = t.platform.fields.decrypt((msg.vars as { code: string }).code);
    const verified = await c.post<{ token: string }>('/api/otp/verify', { phone, purpose: 'portal', code });
    expect(verified.status).toBe(200);
    // A token proves one phone, not another.
    const other = await c.post('/api/public/opinions', {
      ...(await submission(c, { anonymous: false, name: '赵女士', phone: '13912349999' })),
      phoneToken: verified.body.token,
    });
    expect(other.status).toBe(400);
    const ok = await c.post<{ id: number; receiptCode: string }>('/api/public/opinions', {
      ...(await submission(c, { anonymous: false, name: '赵女士', phone })),
      phoneToken: verified.body.token,
    });
    expect(ok.status).toBe(201);
    const receipt = await t.platform.db
      .selectFrom('notify_message')
      .select('vars')
      .where('dedupe_key', '=', `opinion.receipt:${ok.body.id}`)
      .executeTakeFirstOrThrow();
    expect(receipt.vars).toMatchObject({ receiptCode: ok.body.receiptCode });
    // Following needs the phone's last four digits; a wrong code and a wrong phone look alike.
    const wrong = await c.post<{ error: { code: string } }>('/api/public/opinions/follow', {
      receiptCode: ok.body.receiptCode,
      phoneLast4: '1111',
    });
    expect(wrong.status).toBe(404);
    expect(
      (await c.post('/api/public/opinions/follow', { receiptCode: ok.body.receiptCode, phoneLast4: '0000' })).status,
    ).toBe(200);
    // Or, instead of the digits, a fresh SMS code to the same phone.
    const byCode = await c.post('/api/public/opinions/follow', {
      receiptCode: ok.body.receiptCode,
      phoneToken: verified.body.token,
    });
    expect(byCode.status).toBe(200);
    const forged = await c.post('/api/public/opinions/follow', {
      receiptCode: ok.body.receiptCode,
      phoneToken: 'x.y.z',
    });
    expect(forged.status).toBe(404);
  });

  it('photos are checked by content and stripped of EXIF; bad input changes nothing', async () => {
    const c = new TestClient(app, { ip: '10.0.0.5' });
    await c.get('/api/auth/session');
    const jpeg = await sharp({ create: { width: 30, height: 20, channels: 3, background: '#abc' } })
      .jpeg()
      .withExif({ IFD0: { Make: 'LeakyCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '29/1 53/1 0/1' } })
      .toBuffer();
    const send = (data: object, files: { bytes: Buffer; name: string; type: string }[]) => {
      const boundary = `----t${Math.random().toString(16).slice(2)}`;
      const parts: Buffer[] = [
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="data"\r\n\r\n${JSON.stringify(data)}\r\n`),
      ];
      for (const f of files)
        parts.push(
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`,
          ),
          f.bytes,
          Buffer.from('\r\n'),
        );
      parts.push(Buffer.from(`--${boundary}--\r\n`));
      return c.request<{ id: number; photos: number; error?: { fields: { path: string }[] } }>(
        'POST',
        '/api/public/opinions',
        undefined,
        {
          raw: Buffer.concat(parts) as unknown as string,
          headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        },
      );
    };
    const before = await count();
    const fake = await send(await submission(c), [
      { bytes: Buffer.from('GIF89a not really'), name: 'x.jpg', type: 'image/jpeg' },
    ]);
    expect(fake.status).toBe(400);
    expect(fake.body.error!.fields[0]!.path).toBe('body.photo.0');
    const huge = await send(await submission(c), [
      { bytes: Buffer.alloc(9 * 1024 * 1024, 1), name: 'big.jpg', type: 'image/jpeg' },
    ]);
    expect(huge.status).toBe(400);
    const long = await c.post<{ error: { fields: { path: string }[] } }>(
      '/api/public/opinions',
      await submission(c, { content: '长'.repeat(20_000) }),
    );
    expect(long.status).toBe(400);
    expect(long.body.error.fields.map((f) => f.path)).toContain('body.content');
    expect(await count()).toBe(before);
    const ok = await send(await submission(c), [{ bytes: jpeg, name: 'IMG_1.JPG', type: 'image/jpeg' }]);
    expect(ok.status).toBe(201);
    expect(ok.body.photos).toBe(1);
    const stored = await t.platform.db
      .selectFrom('opinion_file as f')
      .innerJoin('stored_file as s', 's.id', 'f.file_id')
      .select(['s.sha256'])
      .where('f.opinion_id', '=', ok.body.id)
      .executeTakeFirstOrThrow();
    expect(stored.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the same submission sent five times at once (a double tap, a retry burst) gives one opinion to all', async () => {
    const c = new TestClient(app, { ip: '10.0.0.9' });
    const body = await submission(c, { content: '同一条意见连点了五次提交。' });
    const before = await count();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => c.post<{ receiptCode: string }>('/api/public/opinions', body)),
    );
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((r) => r.body.receiptCode)).size).toBe(1);
    expect(await count()).toBe(before + 1);
  });

  it('limits submissions per address', async () => {
    const c = new TestClient(app, { ip: '10.9.8.7' });
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) statuses.push((await c.post('/api/public/opinions', await submission(c))).status);
    expect(statuses.slice(0, 8).every((s) => s === 201)).toBe(true);
    expect(statuses[8]).toBe(429);
  });

  it('lists divisions for the finder: only those with a station below them', async () => {
    const db = t.platform.db;
    await db
      .insertInto('region')
      .values([
        { code: '990000', name: '测试省', level: 'province', parent_code: null, path: '990000' },
        { code: '990100', name: '有站市', level: 'city', parent_code: '990000', path: '990000.990100' },
        { code: '990101', name: '有站区', level: 'county', parent_code: '990100', path: '990000.990100.990101' },
        { code: '990200', name: '无站市', level: 'city', parent_code: '990000', path: '990000.990200' },
      ])
      .execute();
    await db.insertInto('station_region').values({ station_id: d.orgs.stationA.id, region_code: '990101' }).execute();
    const c = new TestClient(app, { ip: '10.0.0.9' });
    const top = await c.get<{ items: { code: string }[] }>('/api/public/regions');
    expect(top.status).toBe(200);
    expect(top.body.items.map((r) => r.code)).toContain('990000');
    const children = await c.get<{ items: { code: string; name: string }[] }>('/api/public/regions?parent=990000');
    expect(children.body.items).toEqual([{ code: '990100', name: '有站市', level: 'city' }]);
    const bad = await c.get('/api/public/regions?parent=abc');
    expect(bad.status).toBe(400);
  });
});
