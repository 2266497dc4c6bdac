import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, superQuery } from '../../../../test/support/db.js';
import { createDistrict, PASSWORD } from '../../../../test/support/factories.js';
import { createApp, signedIn, TestClient } from '../../../../test/support/http.js';
import { inTransaction } from '../../db/database.js';
import type { Channels } from './channels/index.js';
import type { EmailMessage, SmsMessage } from './channels/types.js';
import { attemptDelivery, expandPending, wipeStatement } from './delivery.js';
import { sweep } from './jobs.js';
import { stopToken } from './links.js';
import { readOtpToken, sendOtp, verifyOtp } from './otp.js';
import { enqueue, type OutboxMessage } from './outbox.js';
import { checkTemplates } from './templates.js';
import { tamper } from '../../../../test/support/tamper.js';

let t: Awaited<ReturnType<typeof createTestPlatform>>;
let app: FastifyInstance;
let d: Awaited<ReturnType<typeof createDistrict>>;
const as = signedIn(
  () => app,
  () => d.users,
  PASSWORD,
);

// A channel that keeps what it is given, for reading the texts that would go out.
const sms: SmsMessage[] = [];
const mail: EmailMessage[] = [];
const channels: Channels = {
  sms: { kind: 'sms', provider: 'capture', send: async (m) => (sms.push(m), { providerRef: `cap-${sms.length}` }) },
  email: { kind: 'email', provider: 'capture', send: async (m) => (mail.push(m), { providerRef: 'cap' }) },
  close: () => undefined,
};

beforeAll(async () => {
  t = await createTestPlatform({
    LIAISON_SMS_SIGN_NAME: '北仑区人大',
    LIAISON_OTP_DAILY_PHONE: '3',
    LIAISON_OTP_DAILY_IP: '5',
    LIAISON_NOTIFY_QUIET_HOURS: '21:00-08:00',
  });
  app = await createApp(t.platform);
  d = await createDistrict(t.platform);
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const send = (m: OutboxMessage) => inTransaction(t.platform.db, (trx) => enqueue(trx, m));

/** A moment in the future outside the quiet hours: tomorrow 12:00 Beijing time. */
function midday() {
  const at = new Date(Date.now() + 86_400_000);
  at.setUTCHours(4, 0, 0, 0);
  return at;
}

/** Expands the outbox and returns the deliveries of the message with this dedupe key. */
async function deliveries(key: string) {
  await expandPending(t.platform);
  return t.platform.db
    .selectFrom('notify_delivery as d')
    .innerJoin('notify_message as m', 'm.id', 'd.message_id')
    .select(['d.id', 'd.channel', 'd.user_id', 'd.status', 'd.status_reason', 'd.address_masked'])
    .where('m.dedupe_key', '=', key)
    .orderBy('d.id')
    .execute();
}

const assigned = (key: string, orgId: number): OutboxMessage => ({
  type: 'opinion.assigned',
  to: { orgId },
  vars: { receiptCode: 'BL-2026-0001', title: '海景路路灯不亮', deadline: '2026-12-15' },
  dedupeKey: key,
});

describe('staff messages: recipients, preferences, the bell', () => {
  it('reaches everyone holding a role on the organisation: in-app always, SMS where a phone is on file', async () => {
    const staff = await as('unitStaffA');
    const set = await staff.request('PATCH', '/api/notify/contact', { phone: '13700000001', lang: 'zh-CN' });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ contact: { phone: '137****0001', email: null } });

    await send(assigned('staff-1', d.orgs.officeA.id));
    const rows = await deliveries('staff-1');
    const byUser = (id: number) => rows.filter((r) => r.user_id === id).map((r) => `${r.channel}:${r.status}`);
    expect(byUser(d.users.unitStaffA.id).sort()).toEqual(['inApp:sent', 'sms:pending']);
    expect(byUser(d.users.consultantA.id)).toEqual(['inApp:sent']);
    expect(rows.every((r) => r.user_id !== d.users.liaisonOfficerB.id)).toBe(true);

    const unread = await staff.get<{ unread: number }>('/api/notify/inbox/unread');
    expect(unread.body.unread).toBe(1);
    const list = await staff.get<{ items: { id: number; title: string; body: string }[] }>('/api/notify/inbox');
    expect(list.body.items[0]).toMatchObject({ title: '新交办意见：海景路路灯不亮' });
    expect(list.body.items[0]!.body).toContain('2026-12-15');
    const read = await staff.post<{ unread: number }>(`/api/notify/inbox/${list.body.items[0]!.id}/read`);
    expect(read.body.unread).toBe(0);
    // Someone else's message does not exist for me.
    const other = await (await as('consultantA')).post(`/api/notify/inbox/${list.body.items[0]!.id}/read`);
    expect(other.status).toBe(404);
  });

  it('honours the channels a user chose; the in-app copy cannot be turned off', async () => {
    const staff = await as('unitStaffA');
    await staff.request('PATCH', '/api/notify/contact', { email: 'unit.a@example.cn' });
    const res = await staff.request<{ items: { type: string; channels: string[] }[] }>(
      'POST',
      '/api/notify/preferences',
      {
        type: 'opinion.assigned',
        channels: ['email'],
      },
    );
    expect(res.status).toBe(200);
    expect(res.body.items.find((i) => i.type === 'opinion.assigned')?.channels.sort()).toEqual(['email', 'inApp']);
    await send(assigned('staff-2', d.orgs.officeA.id));
    const mine = (await deliveries('staff-2')).filter((r) => r.user_id === d.users.unitStaffA.id);
    expect(mine.map((r) => r.channel).sort()).toEqual(['email', 'inApp']);
    expect(mine.find((r) => r.channel === 'email')?.address_masked).toBe('u***@example.cn');

    const bad = await staff.request<{ error: { fields: { path: string; message: string }[] } }>(
      'POST',
      '/api/notify/preferences',
      { type: 'opinion.receipt', channels: ['sms'] },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0]).toMatchObject({ path: 'body.type' });
  });

  it('refuses a bad phone naming the field, in Chinese and English, and changes nothing', async () => {
    const zh = await (
      await as('unitStaffA')
    ).request<{ error: { code: string; fields: { path: string; message: string }[] } }>(
      'PATCH',
      '/api/notify/contact',
      {
        phone: '12345',
      },
    );
    expect(zh.status).toBe(400);
    expect(zh.body.error.fields).toEqual([{ path: 'body.phone', message: '应为 11 位手机号' }]);
    const en = new TestClient(app, { lang: 'en' });
    await en.login(d.users.unitStaffA.username, PASSWORD);
    const enRes = await en.request<{ error: { fields: { message: string }[] } }>('PATCH', '/api/notify/contact', {
      phone: '12345',
    });
    expect(enRes.body.error.fields[0]?.message).toBe('Expected an 11-digit mobile number');
    const prefs = await (await as('unitStaffA')).get<{ contact: { phone: string } }>('/api/notify/preferences');
    expect(prefs.body.contact.phone).toBe('137****0001');
  });
});

describe('the outbox screen: scope and actions', () => {
  let streetA: number;
  let unscoped: number;
  beforeAll(async () => {
    await send({
      type: 'opinion.receipt',
      to: { phoneSealed: t.platform.fields.encrypt('13600000001') },
      vars: { receiptCode: 'BL-A', followUrl: 'https://liaison.example/f/1' },
      dedupeKey: 'scope-a',
      scopeOrgId: d.orgs.stationA.id,
    });
    await send({
      type: 'opinion.receipt',
      to: { phoneSealed: t.platform.fields.encrypt('13600000002') },
      vars: { receiptCode: 'BL-NONE', followUrl: 'https://liaison.example/f/1' },
      dedupeKey: 'scope-none',
    });
    streetA = (await deliveries('scope-a'))[0]!.id;
    unscoped = (await deliveries('scope-none'))[0]!.id;
  });

  it.each([
    ['districtOfficer', true, true],
    ['streetOfficerA', true, false],
    ['streetOfficerB', false, false],
    ['admin', true, true],
  ] as const)('%s sees street A: %s, unscoped: %s', async (who, seesA, seesNone) => {
    const c = await as(who);
    expect((await c.get(`/api/notify/deliveries/${streetA}`)).status).toBe(seesA ? 200 : 404);
    expect((await c.get(`/api/notify/deliveries/${unscoped}`)).status).toBe(seesNone ? 200 : 404);
    const list = await c.get<{ items: { id: number }[] }>('/api/notify/deliveries?limit=100');
    const ids = list.body.items.map((i) => i.id);
    expect(ids.includes(streetA)).toBe(seesA);
    expect(ids.includes(unscoped)).toBe(seesNone);
  });

  it('counts what needs attention in scope, not the history', async () => {
    const counts = async (who: 'districtOfficer' | 'streetOfficerB') =>
      (await (await as(who)).get<Record<string, number>>('/api/notify/deliveries/counts')).body;
    const district = await counts('districtOfficer');
    expect(Object.keys(district).sort()).toEqual(['dead', 'pending', 'retrying', 'sending']);
    expect(district.pending).toBeGreaterThanOrEqual(2); // street A's and the unscoped receipt
    expect((await counts('streetOfficerB')).pending).toBe(0);
  });

  it.each(['liaisonOfficerA', 'auditor', 'unitStaffA'] as const)('%s may not open the outbox', async (who) => {
    const res = await (await as(who)).get('/api/notify/deliveries');
    expect(res.status).toBe(403);
  });

  it('shows phones masked and cancels a waiting delivery, audited; a sent one cannot be cancelled or retried', async () => {
    const c = await as('streetOfficerA');
    const detail = await c.get<{ recipient: string; preview: { text: string } }>(`/api/notify/deliveries/${streetA}`);
    expect(detail.body.recipient).toBe('136****0001');
    expect(detail.body.preview.text).toMatch(/^【北仑区人大】您反映的意见已受理，受理编号BL-A/);
    expect(JSON.stringify(detail.body)).not.toContain('13600000001');

    expect((await (await as('streetOfficerB')).post(`/api/notify/deliveries/${streetA}/cancel`)).status).toBe(404);
    const cancelled = await c.post<{ status: string }>(`/api/notify/deliveries/${streetA}/cancel`);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await attemptDelivery(t.platform, channels, streetA)).status).toBe('skipped');

    const retried = await c.post<{ status: string }>(`/api/notify/deliveries/${streetA}/retry`);
    expect(retried.body.status).toBe('pending');
    expect((await attemptDelivery(t.platform, channels, streetA, midday())).status).toBe('sent');
    const again = await c.post<{ error: { code: string } }>(`/api/notify/deliveries/${streetA}/retry`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('NOTIFY_NOT_RETRYABLE');
    expect((await c.post(`/api/notify/deliveries/${streetA}/cancel`)).status).toBe(409);
    const audit = await t.platform.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_type', '=', 'notifyDelivery')
      .where('subject_id', '=', String(streetA))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['notify.cancel', 'notify.retry']);
  });

  it('names a bad filter', async () => {
    const res = await (
      await as('districtOfficer')
    ).get<{ error: { fields: { path: string }[] } }>('/api/notify/deliveries?status=lost');
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0]?.path).toBe('query.status');
  });
});

describe('constituents by e-mail, and a message that cannot be expanded', () => {
  it('seals the address, wipes it from the outbox and sends with a one-click stop link', async () => {
    await send({
      type: 'opinion.feedback',
      to: { email: 'Resident@Example.cn' },
      vars: { receiptCode: 'E-1', answer: '已修复', followUrl: 'https://liaison.example/f/1' },
      dedupeKey: 'mail-1',
    });
    const [delivery] = await deliveries('mail-1');
    expect(delivery).toMatchObject({ channel: 'email', status: 'pending', address_masked: 'R***@Example.cn' });
    const message = await t.platform.db
      .selectFrom('notify_message')
      .select('to_email')
      .where('dedupe_key', '=', 'mail-1')
      .executeTakeFirstOrThrow();
    expect(message.to_email).toBeNull();
    expect((await attemptDelivery(t.platform, channels, delivery!.id, midday())).status).toBe('sent');
    expect(mail.at(-1)).toMatchObject({ to: 'Resident@Example.cn', subject: '意见办理结果' });
    expect(mail.at(-1)!.unsubscribeUrl).toBe(`http://localhost:3000/u/${stopToken(t.platform.keys, delivery!.id)}`);
    expect(mail.at(-1)!.text).toContain(mail.at(-1)!.unsubscribeUrl);
  });

  it('cancels and reports a message whose expansion fails, and expands the others', async () => {
    // A database that refuses one delivery stands for any fault in expanding one message.
    await superQuery(
      t.database.ownerUrl,
      `CREATE FUNCTION refuse_one() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN IF NEW.address_masked = '131****0666' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$;
       CREATE TRIGGER refuse_one BEFORE INSERT ON notify_delivery FOR EACH ROW EXECUTE FUNCTION refuse_one();`,
    );
    try {
      await send({
        type: 'opinion.receipt',
        to: { phoneSealed: t.platform.fields.encrypt('13100000666') },
        vars: { receiptCode: 'P-1', followUrl: 'https://liaison.example/f/1' },
        dedupeKey: 'poison',
      });
      await send({
        type: 'opinion.receipt',
        to: { phoneSealed: t.platform.fields.encrypt('13100000667') },
        vars: { receiptCode: 'P-2', followUrl: 'https://liaison.example/f/1' },
        dedupeKey: 'after-poison',
      });
      const failed: number[] = [];
      await expandPending(t.platform, 100, (id) => failed.push(id));
      const states = await t.platform.db
        .selectFrom('notify_message')
        .select(['id', 'dedupe_key', 'state'])
        .where('dedupe_key', 'in', ['poison', 'after-poison'])
        .orderBy('id')
        .execute();
      expect(states.map((m) => [m.dedupe_key, m.state])).toEqual([
        ['poison', 'cancelled'],
        ['after-poison', 'expanded'],
      ]);
      expect(failed).toEqual([states[0]!.id]);
    } finally {
      await superQuery(t.database.ownerUrl, 'DROP TRIGGER refuse_one ON notify_delivery; DROP FUNCTION refuse_one();');
    }
  });
});

describe('quiet hours', () => {
  it('holds a non-urgent SMS until 08:00 Beijing time without using an attempt; urgent ones go', async () => {
    const phone = t.platform.fields.encrypt('13500000001');
    await send({
      type: 'opinion.feedback',
      to: { phoneSealed: phone },
      vars: { receiptCode: 'Q-1', answer: '已修复', followUrl: 'https://liaison.example/f/1' },
      dedupeKey: 'quiet-1',
    });
    await send({
      type: 'opinion.feedback',
      to: { phoneSealed: phone },
      vars: { receiptCode: 'Q-2', answer: '已修复', followUrl: 'https://liaison.example/f/1' },
      dedupeKey: 'quiet-2',
      urgent: true,
    });
    const [quiet] = await deliveries('quiet-1');
    const [urgent] = await deliveries('quiet-2');
    const night = new Date(Date.now() + 86_400_000);
    night.setUTCHours(14, 30, 0, 0); // 22:30 Beijing
    const held = await attemptDelivery(t.platform, channels, quiet!.id, night);
    expect(held).toEqual({ status: 'deferred', nextAt: new Date(night.getTime() + 9.5 * 3600_000) });
    const row = await t.platform.db
      .selectFrom('notify_delivery')
      .select(['attempts', 'status'])
      .where('id', '=', quiet!.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ attempts: 0, status: 'pending' });
    expect((await attemptDelivery(t.platform, channels, urgent!.id, night)).status).toBe('sent');
  });
});

describe('the stop link of constituents', () => {
  it('shows what it stops, stops that type, then everything; the stopped messages are suppressed', async () => {
    const phone = t.platform.fields.encrypt('13400000001');
    await send({
      type: 'opinion.receipt',
      to: { phoneSealed: phone },
      vars: { receiptCode: 'S-1', followUrl: 'https://liaison.example/f/1' },
      dedupeKey: 'stop-1',
    });
    const [first] = await deliveries('stop-1');
    expect((await attemptDelivery(t.platform, channels, first!.id, midday())).status).toBe('sent');
    const token = stopToken(t.platform.keys, first!.id);
    const client = new TestClient(app);

    const page = await client.get<string>(`/u/${token}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('134****0001');
    expect(page.body).toContain('意见受理回执');
    expect(page.body).not.toContain('13400000001');
    // Fetching the page (as a link scanner would) stops nothing.
    await send({
      type: 'opinion.receipt',
      to: { phoneSealed: phone },
      vars: { receiptCode: 'S-2', followUrl: 'https://liaison.example/f/1' },
      dedupeKey: 'stop-2',
    });
    expect((await deliveries('stop-2'))[0]?.status).toBe('pending');

    const stop = await app.inject({
      method: 'POST',
      url: `/u/${token}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'scope=type',
    });
    expect(stop.statusCode).toBe(200);
    expect(stop.body).toContain('已退订');
    // The waiting one is suppressed too; a new one of that type is suppressed; another type still goes.
    expect((await deliveries('stop-2'))[0]).toMatchObject({ status: 'suppressed', status_reason: 'optedOut' });
    await send({
      type: 'opinion.receipt',
      to: { phoneSealed: phone },
      vars: { receiptCode: 'S-3', followUrl: 'https://liaison.example/f/1' },
      dedupeKey: 'stop-3',
    });
    expect((await deliveries('stop-3'))[0]).toMatchObject({ status: 'suppressed', status_reason: 'optedOut' });
    await send({
      type: 'opinion.feedback',
      to: { phoneSealed: phone },
      vars: { receiptCode: 'S-4', answer: '已修复', followUrl: 'https://liaison.example/f/1' },
      dedupeKey: 'stop-4',
    });
    expect((await deliveries('stop-4'))[0]?.status).toBe('pending');

    // One-click (RFC 8058) from a mail client stops the type; "all" stops everything.
    const oneClick = await app.inject({
      method: 'POST',
      url: `/u/${token}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.statusCode).toBe(200);
    const all = await app.inject({
      method: 'POST',
      url: `/u/${token}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'scope=all',
    });
    expect(all.statusCode).toBe(200);
    await send({
      type: 'opinion.feedback',
      to: { phoneSealed: phone },
      vars: { receiptCode: 'S-5', answer: '已修复', followUrl: 'https://liaison.example/f/1' },
      dedupeKey: 'stop-5',
    });
    expect((await deliveries('stop-5'))[0]?.status).toBe('suppressed');
    const audit = await t.platform.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('action', '=', 'notify.optout')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => (a.summary as { type: string }).type)).toEqual(['opinion.receipt', 'opinion.receipt', '*']);
  });

  it('answers a forged or tampered link with a plain "not valid" page', async () => {
    const [first] = await deliveries('stop-1');
    const token = stopToken(t.platform.keys, first!.id);
    const tampered = tamper(token);
    for (const bad of [tampered, 'nonsense', `${(first!.id + 1).toString(36)}.${token.split('.')[1]}`]) {
      const res = await new TestClient(app).get<string>(`/u/${bad}`);
      expect(res.status).toBe(404);
      expect(res.body).toContain('链接无效');
    }
  });
});

describe('one-time codes', () => {
  const ctx = (ip: string) => ({ actor: null, requestId: 'test', ip, userAgent: null });
  const noon = new Date('2026-11-20T04:00:00Z'); // 12:00 Beijing
  const later = (s: number) => new Date(noon.getTime() + s * 1000);

  /** Sends a code and reads it from the SMS that would go out (and checks what is stored). */
  async function codeFor(phone: string, at: Date, ip = '10.0.0.1') {
    await sendOtp(t.platform, ctx(ip), { phone, purpose: 'portal' }, at);
    const msg = await t.platform.db
      .selectFrom('notify_message')
      .select(['id', 'vars', 'urgent'])
      .where('type', '=', 'otp.code')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(msg.urgent).toBe(true);
    expect(String((msg.vars as { code: string }).code)).toMatch(/^s1\./); // sealed, never in clear
    await expandPending(t.platform);
    const delivery = await t.platform.db
      .selectFrom('notify_delivery')
      .select('id')
      .where('message_id', '=', msg.id)
      .executeTakeFirstOrThrow();
    expect((await attemptDelivery(t.platform, channels, delivery.id)).status).toBe('sent');
    const text = sms.at(-1)!.text;
    expect(text).toMatch(/^【北仑区人大】您的验证码为\d{6}，5分钟内有效。/);
    const code = /(\d{6})/.exec(text)![1]!;
    // Once sent, the code is wiped from the outbox; only its HMAC stays in otp_code.
    const after = await t.platform.db
      .selectFrom('notify_message')
      .select('vars')
      .where('id', '=', msg.id)
      .executeTakeFirstOrThrow();
    expect((after.vars as { code: string }).code).toBe('[wiped]');
    const stored = await t.platform.db
      .selectFrom('otp_code')
      .select('code_mac')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(stored.code_mac).not.toContain(code);
    return code;
  }

  it('verifies the right code once and proves the phone with a token', async () => {
    const code = await codeFor('13300000001', noon);
    const ok = await verifyOtp(
      t.platform,
      ctx('10.0.0.1'),
      { phone: '13300000001', purpose: 'portal', code },
      later(30),
    );
    expect(readOtpToken(t.platform, ok.token, 'portal', later(60))).toEqual({ phone: '13300000001' });
    expect(readOtpToken(t.platform, ok.token, 'portal', later(31 * 60))).toBeNull();
    expect(readOtpToken(t.platform, tamper(ok.token), 'portal', later(60))).toBeNull();
    await expect(
      verifyOtp(t.platform, ctx('10.0.0.1'), { phone: '13300000001', purpose: 'portal', code }, later(40)),
    ).rejects.toMatchObject({ code: 'OTP_INVALID' });
  });

  it('expires after 5 minutes', async () => {
    const code = await codeFor('13300000002', noon);
    await expect(
      verifyOtp(t.platform, ctx('10.0.0.1'), { phone: '13300000002', purpose: 'portal', code }, later(301)),
    ).rejects.toMatchObject({ code: 'OTP_INVALID' });
  });

  it('allows at most 5 tries per code: the right code after 5 wrong ones fails', async () => {
    const code = await codeFor('13300000003', noon);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++)
      await expect(
        verifyOtp(t.platform, ctx('10.0.0.1'), { phone: '13300000003', purpose: 'portal', code: wrong }, later(10 + i)),
      ).rejects.toMatchObject({ code: 'OTP_INVALID' });
    await expect(
      verifyOtp(t.platform, ctx('10.0.0.1'), { phone: '13300000003', purpose: 'portal', code }, later(20)),
    ).rejects.toMatchObject({ code: 'OTP_INVALID' });
    // A new code (after the 60 s) works, and replaces the old one.
    const fresh = await codeFor('13300000003', later(61));
    await expect(
      verifyOtp(t.platform, ctx('10.0.0.1'), { phone: '13300000003', purpose: 'portal', code: fresh }, later(70)),
    ).resolves.toMatchObject({ verified: true });
  });

  it('waits 60 s between codes and caps codes per phone and per address a day', async () => {
    await sendOtp(t.platform, ctx('10.0.0.9'), { phone: '13300000004', purpose: 'portal' }, noon);
    await expect(
      sendOtp(t.platform, ctx('10.0.0.9'), { phone: '13300000004', purpose: 'portal' }, later(59)),
    ).rejects.toMatchObject({ code: 'OTP_TOO_SOON', details: { retryAfterSeconds: 1 } });
    await sendOtp(t.platform, ctx('10.0.0.9'), { phone: '13300000004', purpose: 'portal' }, later(60));
    await sendOtp(t.platform, ctx('10.0.0.9'), { phone: '13300000004', purpose: 'portal' }, later(120));
    // The phone's cap is 3 a day (this platform's setting).
    await expect(
      sendOtp(t.platform, ctx('10.0.0.9'), { phone: '13300000004', purpose: 'portal' }, later(180)),
    ).rejects.toMatchObject({ code: 'OTP_DAILY_LIMIT' });
    // The next Beijing day starts afresh.
    await sendOtp(t.platform, ctx('10.0.0.8'), { phone: '13300000004', purpose: 'portal' }, later(12 * 3600 + 60));
    // The address's cap is 5 a day, whatever the phones.
    for (const n of [5, 6])
      await sendOtp(t.platform, ctx('10.0.0.9'), { phone: `1330000000${n}`, purpose: 'portal' }, later(200));
    await expect(
      sendOtp(t.platform, ctx('10.0.0.9'), { phone: '13300000007', purpose: 'portal' }, later(200)),
    ).rejects.toMatchObject({ code: 'OTP_DAILY_LIMIT' });
  });

  it('the minute sweep wipes a code nothing sent within 15 minutes and deletes codes older than two days', async () => {
    const now = new Date();
    const codeMessage = async () =>
      t.platform.db
        .selectFrom('notify_message')
        .select(['id', 'vars'])
        .where('type', '=', 'otp.code')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
    // Three days ago: its HMAC row is past keeping.
    await sendOtp(
      t.platform,
      ctx('10.0.1.1'),
      { phone: '13300000011', purpose: 'portal' },
      new Date(now.getTime() - 3 * 86_400_000),
    );
    const old = await superQuery(t.database.ownerUrl, 'SELECT max(id) AS id FROM otp_code');
    // Two codes not sent (the SMS gateway never took them): one queued 16 minutes ago, one just now.
    await sendOtp(t.platform, ctx('10.0.1.2'), { phone: '13300000012', purpose: 'portal' }, now);
    const stale = await codeMessage();
    await superQuery(
      t.database.ownerUrl,
      `UPDATE notify_message SET created_at = now() - interval '16 minutes' WHERE id = $1`,
      [stale.id],
    );
    await sendOtp(t.platform, ctx('10.0.1.3'), { phone: '13300000013', purpose: 'portal' }, now);
    const fresh = await codeMessage();
    const recent = await superQuery(t.database.ownerUrl, 'SELECT max(id) AS id FROM otp_code');

    await sweep(t.platform);

    const code = async (id: number) =>
      (await superQuery(t.database.ownerUrl, `SELECT vars->>'code' AS code FROM notify_message WHERE id = $1`, [id]))
        .rows[0].code as string;
    expect(await code(stale.id)).toBe('[wiped]');
    expect(await code(fresh.id)).toMatch(/^s1\./); // still sealed, still to be sent
    const kept = await superQuery(t.database.ownerUrl, 'SELECT id FROM otp_code WHERE id = ANY($1::bigint[])', [
      [old.rows[0].id, recent.rows[0].id],
    ]);
    expect(kept.rows.map((r: { id: string }) => String(r.id))).toEqual([String(recent.rows[0].id)]);
  });

  it('the sweep finds the codes not yet wiped by their own index, not by reading the whole outbox', async () => {
    // A year's outbox in miniature: 30,000 codes wiped long ago beside the few still sealed.
    await superQuery(
      t.database.ownerUrl,
      `INSERT INTO notify_message (type, to_phone_sealed, vars, state, created_at, expanded_at)
       SELECT 'otp.code', 'x', '{"code":"[wiped]"}', 'expanded', now() - interval '1 day', now() - interval '1 day'
         FROM generate_series(1, 30000)`,
    );
    await superQuery(t.database.ownerUrl, 'ANALYZE notify_message');
    const q = wipeStatement().compile(t.platform.db);
    const plan = await superQuery(t.database.ownerUrl, `EXPLAIN (FORMAT JSON) ${q.sql}`, [...q.parameters]);
    const text = JSON.stringify(plan.rows[0]['QUERY PLAN']);
    expect(text).toContain('"Index Name":"notify_message_secret"');
    expect(text).not.toMatch(
      /"Node Type":"Seq Scan","Parent Relationship":"Outer"[^}]*"Relation Name":"notify_message"/,
    );
  });

  it('speaks HTTP: public, CSRF-protected, errors in the request language, nothing revealed', async () => {
    const c = new TestClient(app, { ip: '10.0.1.1' });
    const sent = await c.post<{ sent: boolean; resendAfterSeconds: number }>('/api/otp/send', { phone: '13200000001' });
    expect(sent.status).toBe(200);
    expect(sent.body).toEqual({ sent: true, resendAfterSeconds: 60, expiresInSeconds: 300 });
    const tooSoon = await c.post<{ error: { code: string; message: string } }>('/api/otp/send', {
      phone: '13200000001',
    });
    expect(tooSoon.status).toBe(429);
    expect(tooSoon.body.error).toMatchObject({ code: 'OTP_TOO_SOON', message: '验证码发送过于频繁，请稍后再试' });
    const bad = await c.post<{ error: { fields: { path: string }[] } }>('/api/otp/send', { phone: '999' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0]?.path).toBe('body.phone');
    const wrong = await new TestClient(app, { lang: 'en' }).post<{ error: { message: string } }>('/api/otp/verify', {
      phone: '13200000001',
      code: '123456',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toBe('Wrong or expired code; ask for a new one');
    const noCsrf = await new TestClient(app).post('/api/otp/send', { phone: '13200000002' }, { csrf: false });
    expect(noCsrf.status).toBe(403);
  });
});

describe('templates', () => {
  it('are consistent with their variables, and a template-id provider needs an id for every type', () => {
    const base = {
      provider: 'console' as const,
      signName: undefined,
      templates: {},
      keyId: undefined,
      keySecret: undefined,
      appId: undefined,
      region: undefined,
      endpoint: undefined,
      aliyunSignature: 'v3' as const,
      govTemplate: undefined,
    };
    expect(checkTemplates(base)).toEqual([]);
    const problems = checkTemplates({
      ...base,
      provider: 'tencent',
      templates: { 'opinion.receipt': '1001', 'no.such': '9' },
    });
    expect(problems).toContain('LIAISON_SMS_TEMPLATES: no tencent template id for opinion.feedback');
    expect(problems).toContain('LIAISON_SMS_TEMPLATES: unknown message type no.such');
    expect(problems).toContain('LIAISON_SMS_SIGN_NAME: the approved SMS signature (签名) is required');
  });

  it('preview with sample values, listing what is missing', async () => {
    const c = await as('districtOfficer');
    const res = await c.post<{ sms: string; smsLength: number; missingVars: string[]; inApp: { title: string } }>(
      '/api/notify/templates/preview',
      { type: 'opinion.assigned', lang: 'zh-CN', vars: { title: '路灯', receiptCode: 'BL-1' } },
    );
    expect(res.status).toBe(200);
    expect(res.body.sms).toBe('【北仑区人大】您单位有新交办的群众意见“路灯”（编号BL-1），请于{deadline}前办理答复。');
    expect(res.body.missingVars).toEqual(['deadline']);
    expect(res.body.inApp.title).toBe('新交办意见：路灯');
    expect(
      (await (await as('deputyA')).post('/api/notify/templates/preview', { type: 'otp.code', lang: 'en', vars: {} }))
        .status,
    ).toBe(403);
  });
});
