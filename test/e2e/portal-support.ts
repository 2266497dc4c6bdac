import { expect } from 'vitest';
import { normaliseReceiptCode } from '../../src/server/modules/opinions/receipt.js';
import { createApp, TestClient } from '../support/http.js';
import { lastOtpCode as lastOtp } from '../support/otp.js';
import type { startServer } from './support.js';

type Server = Awaited<ReturnType<typeof startServer>>;
const PASSWORD = 'Liaison@2026';

/** The last one-time code sent, as the SMS would carry it (sealed in the outbox). */
export const lastOtpCode = (server: Server) => lastOtp(server.platform);

/**
 * Staff of 新碶 take an opinion to "fed back" through the staff API, as they would in the console:
 * sorted, assigned to the street office, accepted, answered with `response`, fed back with `feedback`.
 */
export async function feedBackAsStaff(
  server: Server,
  receiptCode: string,
  words: { response: string; feedback: string },
): Promise<number> {
  const db = server.platform.db;
  const app = await createApp(server.platform);
  try {
    const { id } = await db
      .selectFrom('opinion')
      .select('id')
      .where('receipt_code', '=', normaliseReceiptCode(receiptCode)!)
      .executeTakeFirstOrThrow();
    const categoryId = (
      await db
        .selectFrom('opinion_category')
        .select('id')
        .where('code', '=', 'urban.lighting')
        .executeTakeFirstOrThrow()
    ).id;
    const officeId = (
      await db.selectFrom('app_user').select('org_id').where('username', '=', 'xinqi.office').executeTakeFirstOrThrow()
    ).org_id!;
    const as = async (username: string) => {
      const c = new TestClient(app);
      expect((await c.login(username, PASSWORD)).status).toBe(200);
      return c;
    };
    const act = async (c: TestClient, body: Record<string, unknown>) => {
      const r = await c.post(`/api/opinions/${id}/actions`, body);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    };
    const officer = await as('xinqi.officer');
    await act(officer, { action: 'triage', categoryId, tier: 'street' });
    await act(officer, { action: 'assign', leadUnitId: officeId, signedBy: '李主任', deadlineDays: 10 });
    const unit = await as('xinqi.office');
    await act(unit, { action: 'accept' });
    await act(unit, { action: 'respond', response: words.response, resultType: 'solved', fileIds: [] });
    await act(await as('xinqi.liaison'), { action: 'feedback', channel: 'online', content: words.feedback });
    return id;
  } finally {
    await app.close();
  }
}
