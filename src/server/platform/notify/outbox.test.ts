import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform } from '../../../../test/support/db.js';
import { createDistrict } from '../../../../test/support/factories.js';
import { inTransaction } from '../../db/database.js';
import { enqueue, OutboxMessageError } from './outbox.js';

let t: Awaited<ReturnType<typeof createTestPlatform>>;
let d: Awaited<ReturnType<typeof createDistrict>>;

beforeAll(async () => {
  t = await createTestPlatform();
  d = await createDistrict(t.platform);
});
afterAll(async () => {
  await t.close();
});

const count = async (dedupeKey: string) =>
  (await t.platform.db.selectFrom('notify_message').select('id').where('dedupe_key', '=', dedupeKey).execute()).length;

describe('enqueue', () => {
  it('writes the message in the caller transaction: a rollback leaves no message', async () => {
    const fail = new Error('use case failed');
    await expect(
      inTransaction(t.platform.db, async (trx) => {
        await enqueue(trx, {
          type: 'opinion.receipt',
          to: { phoneSealed: t.platform.fields.encrypt('13800138000') },
          vars: { receiptCode: 'R-ROLLBACK', followUrl: 'https://liaison.example/f/1' },
          dedupeKey: 'seam-rollback',
        });
        throw fail;
      }),
    ).rejects.toBe(fail);
    expect(await count('seam-rollback')).toBe(0);
  });

  it('keeps one message per dedupe key and scopes it to the organisation', async () => {
    for (let i = 0; i < 2; i++)
      await inTransaction(t.platform.db, (trx) =>
        enqueue(trx, {
          type: 'opinion.assigned',
          to: { orgId: d.orgs.officeA.id },
          vars: { receiptCode: 'R-1', title: '路灯不亮', deadline: '2026-12-01' },
          dedupeKey: 'seam-dedupe',
        }),
      );
    const rows = await t.platform.db
      .selectFrom('notify_message')
      .select(['org_path', 'state'])
      .where('dedupe_key', '=', 'seam-dedupe')
      .execute();
    expect(rows).toEqual([{ org_path: d.orgs.officeA.path, state: 'pending' }]);
  });

  it('refuses an unknown type, missing variables and a phone in clear', async () => {
    const db = t.platform.db;
    await expect(enqueue(db, { type: 'no.such', to: { userId: d.users.admin.id }, vars: {} })).rejects.toThrow(
      OutboxMessageError,
    );
    await expect(
      enqueue(db, { type: 'opinion.assigned', to: { userId: d.users.admin.id }, vars: { receiptCode: 'x' } }),
    ).rejects.toThrow(/missing variables title, deadline/);
    await expect(
      enqueue(db, {
        type: 'opinion.receipt',
        to: { phoneSealed: '13800138000' },
        vars: { receiptCode: 'x', followUrl: 'https://liaison.example/f/1' },
      }),
    ).rejects.toThrow(/sealed/);
  });
});
