import { beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/server/db/database.js';
import type { Channels } from '../../src/server/platform/notify/channels/index.js';
import { ChannelError } from '../../src/server/platform/notify/channels/types.js';
import { attemptDelivery, expandPending } from '../../src/server/platform/notify/delivery.js';
import { enqueue } from '../../src/server/platform/notify/outbox.js';
import { DEMO_PASSWORD } from '../../src/server/seed/demo.js';
import { popupOpened } from './dialogs.js';
import { shot, signIn, useBrowserSuite } from './support.js';

const s = useBrowserSuite();

/** A provider that is down: every send fails and may be retried. */
const down: Channels = {
  sms: {
    kind: 'sms',
    provider: 'aliyun',
    send: async () => {
      throw new ChannelError('aliyun ServiceUnavailable: The request has failed due to a temporary failure', true);
    },
  },
  email: {
    kind: 'email',
    provider: 'smtp',
    send: async () => {
      throw new ChannelError('smtp 451 try later', true);
    },
  },
  close: () => undefined,
};

/** Noon Beijing time, `days` ahead: outside the quiet hours, after any back-off. */
const noonIn = (days: number) => {
  const at = new Date(Date.now() + days * 86_400_000);
  at.setUTCHours(4, 0, 0, 0);
  return at;
};

let deadId: number;

beforeAll(async () => {
  const p = s.server.platform;
  const district = await p.db
    .selectFrom('app_user')
    .select(['id', 'org_id'])
    .where('username', '=', 'district')
    .executeTakeFirstOrThrow();
  await inTransaction(p.db, async (trx) => {
    await enqueue(trx, {
      type: 'opinion.receipt',
      to: { phoneSealed: p.fields.encrypt('13812345678') },
      vars: { receiptCode: 'BL-20261124-0042', followUrl: 'https://liaison.example/f/1' },
      dedupeKey: 'e2e-dead',
      scopeOrgId: district.org_id,
    });
    await enqueue(trx, {
      type: 'opinion.supervision',
      to: { userId: district.id },
      vars: { receiptCode: 'BL-20261120-0003', title: '海景路路灯不亮', level: 'supervision' },
      dedupeKey: 'e2e-bell',
    });
  });
  await expandPending(p);
  const delivery = await p.db
    .selectFrom('notify_delivery as d')
    .innerJoin('notify_message as m', 'm.id', 'd.message_id')
    .select('d.id')
    .where('m.dedupe_key', '=', 'e2e-dead')
    .executeTakeFirstOrThrow();
  deadId = delivery.id;
  // The provider is down for every attempt: the delivery ends in the dead letters.
  for (let day = 1; day <= 10; day++) {
    const outcome = await attemptDelivery(p, down, deadId, noonIn(day));
    if (outcome.status === 'dead') break;
  }
});

describe('notifications', () => {
  it('a district officer sees the bell and a dead message, and sends it again', async () => {
    const { page, server } = s;
    await signIn(page, server.baseUrl, 'district', DEMO_PASSWORD);
    await expect.poll(() => page.getByTestId('bell-count').innerText(), { timeout: 15_000 }).toContain('1');

    await page.getByTestId('nav-notifications').click();
    const row = page.locator(`tr[data-row-key="${deadId}"]`);
    await row.waitFor();
    await expect.poll(() => row.innerText()).toContain('138****5678');
    expect(await row.innerText()).toContain('发送失败');
    expect(await row.innerText()).toContain('6 / 6');
    expect(await page.content()).not.toContain('13812345678');

    await page.getByTestId('bell').click();
    await page.getByTestId('bell-panel').waitFor();
    // The panel opens at once; its list arrives with its own request.
    await expect.poll(() => page.getByTestId('bell-panel').innerText()).toContain('督办：海景路路灯不亮');
    await shot(page, 'notifications-outbox-dead');
    await page.keyboard.press('Escape');

    await page.getByTestId(`retry-${deadId}`).click();
    await popupOpened(page);
    await page.getByTestId('confirm-retry').click();
    await row.waitFor({ state: 'detached' });
    await page.getByTestId('tab-pending').click();
    await page.locator(`tr[data-row-key="${deadId}"]`).getByTestId('status-pending').waitFor();

    const after = await server.platform.db
      .selectFrom('notify_delivery')
      .select(['status', 'status_reason'])
      .where('id', '=', deadId)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ status: 'pending', status_reason: 'manualRetry' });
  });

  it('previews a template in both languages, and a staff member sets a phone for SMS', async () => {
    const { page, server } = s;
    await signIn(page, server.baseUrl, 'district', DEMO_PASSWORD);
    await page.getByTestId('nav-notifications').click();
    await page.getByTestId('link-templates').click();
    const sms = page.getByTestId('tpl-sms');
    await expect.poll(() => sms.innerText()).toContain('受理编号BL-20261124-0007');
    await page.getByTestId('tpl-var-receiptCode').fill('BL-TEST-1');
    await expect.poll(() => sms.innerText()).toContain('受理编号BL-TEST-1');
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('Message templates');
    await shot(page, 'notifications-templates-en');
    await page.getByTestId('lang-switch').click();

    await page.getByTestId('bell').click();
    await popupOpened(page);
    await page.getByTestId('bell-settings').click();
    await page.locator('#contact_phone').fill('12345');
    await page.getByTestId('contact-save').click();
    await page.getByText('应为 11 位手机号').waitFor();
    await page.locator('#contact_phone').fill('13912345678');
    await page.getByTestId('contact-save').click();
    await expect.poll(() => page.getByTestId('contact-phone').innerText()).toContain('139****5678');
    expect(await page.content()).not.toContain('13912345678');
  });
});
