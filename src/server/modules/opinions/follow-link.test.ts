import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicOpinion } from '../../../contracts/opinions.js';
import { createTestPlatform } from '../../../../test/support/db.js';
import { createDistrict, createOpinion, PASSWORD } from '../../../../test/support/factories.js';
import { createApp, signedIn, TestClient } from '../../../../test/support/http.js';
import { followToken, readFollowToken, smsExcerpt } from './follow-link.js';

// Messages that lead somewhere (issue 17, item 5): the constituent's SMS carries a short signed link
// that opens the opinion, and the result SMS carries the answer.
let t: Awaited<ReturnType<typeof createTestPlatform>>;
let app: FastifyInstance;
let d: Awaited<ReturnType<typeof createDistrict>>;
const as = signedIn(
  () => app,
  () => d.users,
  PASSWORD,
);

beforeAll(async () => {
  t = await createTestPlatform();
  app = await createApp(t.platform);
  d = await createDistrict(t.platform);
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const varsOf = async (dedupeKey: string) =>
  (
    await t.platform.db
      .selectFrom('notify_message')
      .select('vars')
      .where('dedupe_key', '=', dedupeKey)
      .executeTakeFirstOrThrow()
  ).vars as Record<string, string>;

describe('the link in the constituent’s SMS', () => {
  it('the receipt and the result carry the link; it opens the opinion without the code or the phone', async () => {
    const o = await createOpinion(t.platform, d, 'responded');
    const receipt = await varsOf(`opinion.receipt:${o.id}`);
    const url = new URL(receipt.followUrl!);
    expect(url.pathname).toMatch(/^\/f\/[0-9a-z]+\.[0-9a-z]+\.[A-Za-z0-9_-]{16}$/);
    expect(receipt.followUrl!.length).toBeLessThan(t.platform.config.publicUrl.length + 40);

    const answer =
      '经现场核查，路面破损已于本周修复，积水点已加装排水篦子，后续将由街道城管科每月巡查一次，如再发现问题请随时反映。' +
      '同时已联系物业在雨季前疏通小区内全部雨水井，并在路口设置了提示牌。';
    const fb = await (
      await as('liaisonOfficerA')
    ).post(`/api/opinions/${o.id}/actions`, { action: 'feedback', channel: 'sms', content: answer });
    expect(fb.status).toBe(200);
    const feedback = await varsOf(`opinion.feedback:${o.id}:0`);
    expect(feedback.answer).toBe(smsExcerpt(answer));
    expect(feedback.answer!.length).toBeLessThanOrEqual(60);
    expect(feedback.answer!.endsWith('…')).toBe(true);

    const anyone = new TestClient(app);
    const token = url.pathname.slice(3);
    const opened = await anyone.post<PublicOpinion>('/api/public/opinions/follow', { followToken: token });
    expect(opened.status).toBe(200);
    expect(opened.body.receiptCode).toBe(o.receiptCode);
    expect([opened.body.state, opened.body.canRate]).toEqual(['fedBack', true]);
    // And rates with it.
    const rated = await anyone.post<PublicOpinion>('/api/public/opinions/rate', {
      followToken: token,
      level: 'satisfied',
    });
    expect(rated.status).toBe(200);
    expect(rated.body.rating).toBe('satisfied');
    // The portal page behind the link is served.
    const page = await app.inject({ method: 'GET', url: `/f/${token}` });
    expect([200, 404]).toContain(page.statusCode); // 404 only when the portal is not built
  });

  it('a changed, foreign or expired link opens nothing; neither does a request with no code at all', async () => {
    const o = await createOpinion(t.platform, d, 'registered');
    const good = followToken(t.platform, o.id);
    const [id, until, mac] = good.split('.');
    const other = (Number.parseInt(id!, 36) + 1).toString(36);
    const anyone = new TestClient(app);
    for (const bad of [`${other}.${until}.${mac}`, `${id}.${until}.${'A'.repeat(16)}`, 'nonsense'])
      expect((await anyone.post('/api/public/opinions/follow', { followToken: bad })).status).toBe(404);
    const old = followToken(t.platform, o.id, Date.now() - 200 * 86_400_000);
    expect(readFollowToken(t.platform, old)).toBeNull();
    expect((await anyone.post('/api/public/opinions/follow', { followToken: old })).status).toBe(404);
    const none = await anyone.post('/api/public/opinions/follow', {});
    expect(none.status).toBe(400);
    expect(JSON.stringify(none.body)).toContain('receiptCode');
  });
});
