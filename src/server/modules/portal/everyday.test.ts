import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform } from '../../../../test/support/db.js';
import { createDistrict, createReception, createStation } from '../../../../test/support/factories.js';
import { createApp, TestClient } from '../../../../test/support/http.js';
import { otpToken } from '../../../../test/support/otp.js';

let t: Awaited<ReturnType<typeof createTestPlatform>>;
let app: Awaited<ReturnType<typeof createApp>>;
let d: Awaited<ReturnType<typeof createDistrict>>;

beforeAll(async () => {
  t = await createTestPlatform();
  app = await createApp(t.platform);
  d = await createDistrict(t.platform);
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('the portal in everyday use (issue 17, item 10)', () => {
  it('gives a station’s phone and says whether it has published anything', async () => {
    const full = await createStation(t.platform, d);
    await t.platform.db
      .updateTable('organization')
      .set({ contact_phone: '0574-86880000' })
      .where('id', '=', full.id)
      .execute();
    await t.platform.db.insertInto('station').values({ org_id: d.orgs.stationB.id, kind: 'liaisonRoom' }).execute();
    const c = new TestClient(app);
    const page = await c.get<{ phone: string | null; published: boolean }>(`/api/public/stations/${full.id}`);
    expect(page.body).toMatchObject({ phone: '0574-86880000', published: true });
    const empty = await c.get<{ phone: string | null; published: boolean }>(
      `/api/public/stations/${d.orgs.stationB.id}`,
    );
    expect(empty.body).toMatchObject({ phone: null, published: false });
    const found = await c.get<{ items: { id: number; published: boolean; onlineEnabled: boolean }[] }>(
      '/api/public/stations?limit=100',
    );
    expect(found.body.items.find((s) => s.id === full.id)).toMatchObject({ published: true, onlineEnabled: true });
    expect(found.body.items.find((s) => s.id === d.orgs.stationB.id)).toMatchObject({ published: false });
  });

  it('names the appointment a cancel link stands for, and nothing personal', async () => {
    const station = await createStation(t.platform, d);
    const reception = await createReception(t.platform, station, 'published');
    const c = new TestClient(app);
    const slots = await c.get<{ slots: { id: number; start: string; end: string }[]; day: string }>(
      `/api/public/receptions/${reception.id}`,
    );
    const slot = slots.body.slots[0]!;
    const phone = '13911112222';
    const booked = await c.post<{ cancelToken: string }>(`/api/public/receptions/${reception.id}/appointments`, {
      slotId: slot.id,
      name: '钱阿姨',
      phone,
      otpToken: await otpToken(t.platform, phone),
      topic: '加装电梯',
    });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    const token = booked.body.cancelToken;
    const seen = await c.post<Record<string, unknown>>('/api/public/appointments/by-token', { token });
    expect(seen.status).toBe(200);
    const names = await t.platform.db
      .selectFrom('deputy')
      .select('name')
      .where(
        'id',
        'in',
        station.members.map((m) => m.id),
      )
      .orderBy('name_sort')
      .execute();
    expect(seen.body).toMatchObject({
      stationName: station.org.name,
      day: slots.body.day,
      start: slot.start,
      end: slot.end,
      status: 'booked',
    });
    expect([...(seen.body.deputies as string[])].sort()).toEqual(names.map((n) => n.name).sort());
    const text = JSON.stringify(seen.body);
    expect(text).not.toContain('钱阿姨');
    expect(text).not.toContain(phone.slice(-4));
    expect(text).not.toContain('电梯');
    // Cancelled: the page says so.
    expect((await c.post('/api/public/receptions/appointments/cancel', { token })).status).toBe(200);
    expect((await c.post<{ status: string }>('/api/public/appointments/by-token', { token })).body.status).toBe(
      'cancelled',
    );
    // A token that matches nothing, and one too short, are told apart from a server fault.
    expect((await c.post('/api/public/appointments/by-token', { token: 'y'.repeat(32) })).status).toBe(404);
    const short = await c.post<{ error: { fields: { path: string }[] } }>('/api/public/appointments/by-token', {
      token: 'short',
    });
    expect(short.status).toBe(400);
    expect(short.body.error.fields[0]!.path).toBe('body.token');
  });
});
