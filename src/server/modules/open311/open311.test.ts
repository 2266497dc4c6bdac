import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform } from '../../../../test/support/db.js';
import { createDistrict, PASSWORD } from '../../../../test/support/factories.js';
import { createApp, signedIn } from '../../../../test/support/http.js';
import { recordStatements } from '../../../../bench/same-sql.js';
import { poolOf } from '../../db/database.js';
import { ensureDemoKey } from './service.js';

let t: Awaited<ReturnType<typeof createTestPlatform>>;
let app: FastifyInstance;
let d: Awaited<ReturnType<typeof createDistrict>>;
let apiKey: string;

const as = signedIn(
  () => app,
  () => d.users,
  PASSWORD,
);

/** A GeoReport v2 client: plain HTTP, form-encoded POST bodies, no cookies. */
const client = {
  get: (path: string) => app.inject({ method: 'GET', url: `/open311/v2/${path}` }),
  post: (path: string, form: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url: `/open311/v2/${path}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(form).toString(),
    }),
};

beforeAll(async () => {
  t = await createTestPlatform();
  app = await createApp(t.platform);
  d = await createDistrict(t.platform);
  await t.platform.db
    .insertInto('station')
    .values([
      { org_id: d.orgs.stationA.id, kind: 'workstation', latitude: 29.89, longitude: 121.84 },
      { org_id: d.orgs.stationB.id, kind: 'workstation', latitude: 29.6, longitude: 121.5 },
    ])
    .execute();
  const issued = await (
    await as('admin')
  ).post<{ key: string }>('/api/open311/keys', {
    name: '12345 热线对接',
    orgId: d.orgs.root.id,
  });
  expect(issued.status).toBe(201);
  apiKey = issued.body.key;
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('Open311 GeoReport v2', () => {
  it('a POSTed request takes ten statements: the key, the service, the nearest station, then a transaction of six', async () => {
    const seen = await recordStatements(poolOf(t.platform.db)!, async () => {
      const res = await client.post('requests.json', {
        api_key: apiKey,
        service_code: 'urban.lighting',
        lat: '29.8901',
        long: '121.8402',
        description: '路灯闪烁，晚上忽明忽暗',
        phone: '13812340009',
      });
      expect(res.statusCode).toBe(201);
    });
    expect(seen.map((s) => s.sql.replace(/\s+/g, ' ').trim().slice(0, 60))).toEqual([
      expect.stringMatching(/^INSERT INTO rate_counter/),
      expect.stringMatching(/^select "k"."id", "o"."path" from "open311_key"/),
      expect.stringMatching(/^select "id", "code" from "opinion_category"/),
      expect.stringMatching(/^select "o"."id" from "station"/),
      'begin',
      expect.stringMatching(/^select "id", "path", "active"/),
      expect.stringMatching(/^select "id" from "opinion_category"/),
      expect.stringMatching(/^with "r0" as \(insert into "opinion"/),
      expect.stringMatching(/^insert into "open311_request"/),
      'commit',
    ]);
  });

  it('goes through the documented calls: services, definition, POST request, token, request, filters, XML', async () => {
    const discovery = await client.get('discovery.json');
    expect(discovery.json().endpoints[0].specification).toBe('http://wiki.open311.org/GeoReport_v2');

    const services = await client.get('services.json');
    expect(services.statusCode).toBe(200);
    const list = services.json() as {
      service_code: string;
      service_name: string;
      metadata: boolean;
      type: string;
      group: string;
    }[];
    const lighting = list.find((s) => s.service_code === 'urban.lighting')!;
    expect(lighting).toMatchObject({ service_name: '路灯照明', metadata: false, type: 'realtime', group: '城乡建设' });
    const xml = await client.get('services.xml');
    expect(xml.headers['content-type']).toContain('text/xml');
    expect(xml.body).toContain('<services><service><service_code>');

    const def = await client.get('services/urban.lighting.json');
    expect(def.json()).toEqual({ service_code: 'urban.lighting', attributes: [] });

    const created = await client.post('requests.json', {
      api_key: apiKey,
      service_code: 'urban.lighting',
      lat: '29.8901',
      long: '121.8402',
      address_string: '明州路 88 号',
      description: '路灯不亮已经一周了',
      first_name: '三',
      last_name: '张',
      phone: '13812340001',
      device_id: 'app-1',
    });
    expect(created.statusCode).toBe(201);
    const [receipt] = created.json() as { service_request_id: string; token: string; service_notice: string }[];
    expect(receipt!.service_request_id).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);

    // It went to the nearest station and into the closed loop with its category.
    const opinion = await t.platform.db
      .selectFrom('opinion')
      .select(['id', 'org_id', 'state', 'channel', 'constituent_phone_masked'])
      .where('receipt_code', '=', receipt!.service_request_id.replace('-', ''))
      .executeTakeFirstOrThrow();
    expect(opinion).toMatchObject({ org_id: d.orgs.stationA.id, state: 'registered', channel: 'online' });
    expect(opinion.constituent_phone_masked).toBe('138****0001');

    const byToken = await client.get(`tokens/${receipt!.token}.json`);
    expect(byToken.json()).toEqual([{ service_request_id: receipt!.service_request_id, token: receipt!.token }]);

    const one = await client.get(`requests/${receipt!.service_request_id}.json`);
    const [req] = one.json() as Record<string, unknown>[];
    expect(req).toMatchObject({
      service_request_id: receipt!.service_request_id,
      status: 'open',
      service_code: 'urban.lighting',
      description: '路灯不亮已经一周了',
      lat: 29.8901,
      long: 121.8402,
    });
    // No personal data goes out.
    expect(JSON.stringify(req)).not.toContain('1381234');

    const open = await client.get('requests.json?status=open&service_code=urban.lighting');
    expect((open.json() as { service_request_id: string }[]).map((r) => r.service_request_id)).toContain(
      receipt!.service_request_id,
    );
    const asXml = await client.get(`requests/${receipt!.service_request_id}.xml`);
    expect(asXml.body).toContain(`<service_requests><request><service_request_id>${receipt!.service_request_id}`);

    // Staff close it (rejected as a duplicate of a hotline case): the status becomes closed, with the note.
    const officer = await as('streetOfficerA');
    const rejected = await officer.post(`/api/opinions/${opinion.id}/actions`, {
      action: 'reject',
      reason: '已由12345热线受理，请关注热线回复',
      tellConstituent: true,
    });
    expect(rejected.status).toBe(200);
    const closed = await client.get(`requests.json?service_request_id=${receipt!.service_request_id}`);
    expect(closed.json()).toEqual([
      expect.objectContaining({ status: 'closed', status_notes: '已由12345热线受理，请关注热线回复' }),
    ]);
    const onlyOpen = await client.get('requests.json?status=open');
    expect((onlyOpen.json() as { service_request_id: string }[]).map((r) => r.service_request_id)).not.toContain(
      receipt!.service_request_id,
    );
  });

  it('takes a request with an address only (no coordinates)', async () => {
    const res = await client.post('requests.json', {
      api_key: apiKey,
      service_code: 'urban.roads',
      address_string: '明州路人行道',
      description: '地砖松动',
    });
    expect(res.statusCode).toBe(201);
  });

  it('answers errors as the spec’s error array, in JSON and XML, and changes nothing', async () => {
    const badKey = await client.post('requests.json', {
      api_key: 'nope',
      service_code: 'urban.lighting',
      lat: '1',
      long: '1',
      description: 'x',
    });
    expect(badKey.statusCode).toBe(403);
    expect(badKey.json()).toEqual([{ code: 403, description: 'api_key is missing or invalid' }]);
    const noCode = await client.post('requests.xml', { api_key: apiKey, lat: '29.9', long: '121.8', description: 'x' });
    expect(noCode.statusCode).toBe(400);
    expect(noCode.body).toContain(
      '<errors><error><code>400</code><description>service_code is required</description></error></errors>',
    );
    const noPlace = await client.post('requests.json', {
      api_key: apiKey,
      service_code: 'urban.lighting',
      description: 'x',
    });
    expect(noPlace.statusCode).toBe(400);
    const unknown = await client.get('services/nothing.here.json');
    expect(unknown.statusCode).toBe(404);
    expect((unknown.json() as { code: number }[])[0]!.code).toBe(404);
    const badStatus = await client.get('requests.json?status=pending');
    expect(badStatus.statusCode).toBe(400);
    // A revoked key stops working.
    const keys = await (await as('admin')).get<{ items: { id: number; name: string }[] }>('/api/open311/keys');
    const id = keys.body.items.find((k) => k.name === '12345 热线对接')!.id;
    expect((await (await as('admin')).post(`/api/open311/keys/${id}/revoke`)).status).toBe(200);
    const after = await client.post('requests.json', {
      api_key: apiKey,
      service_code: 'urban.lighting',
      lat: '29.9',
      long: '121.8',
      description: '再报一次',
    });
    expect(after.statusCode).toBe(403);
  });

  it('the demo key is stable across starts, and only admins issue keys', async () => {
    const first = await ensureDemoKey(t.platform);
    expect(first).toMatch(/^o311_demo_/);
    expect(await ensureDemoKey(t.platform)).toBe(first);
    expect(
      (await (await as('liaisonOfficerA')).post('/api/open311/keys', { name: 'x', orgId: d.orgs.stationA.id })).status,
    ).toBe(403);
  });
});
