import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordStatements, type Statement } from '../../../../bench/same-sql.js';
import { createTestPlatform } from '../../../../test/support/db.js';
import { createDeputy, createDistrict, PASSWORD } from '../../../../test/support/factories.js';
import { createApp, signedIn } from '../../../../test/support/http.js';
import { poolOf } from '../../db/database.js';
import { AuditTrail } from '../../platform/audit/audit.js';
import { OUTBOX_CHANNEL } from '../../platform/notify/outbox.js';

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

const body = (i: number, over: Record<string, unknown> = {}) => ({
  orgId: d.orgs.stationA.id,
  channel: 'reception',
  content: `大港新村3号楼前的路灯坏了三个月，晚上老人出行不安全，希望尽快修好。${i}`,
  location: '大港新村3号楼',
  constituent: { anonymous: false, name: '王秀英', phone: '13812345678' },
  ...over,
});

/** The statements of a registration's transaction, named by their first words. */
function transaction(seen: Statement[]) {
  const words = seen.map((s) => s.sql.replace(/\s+/g, ' ').trim().slice(0, 40));
  return words.slice(words.indexOf('begin'), words.indexOf('commit') + 1);
}

describe('the write path of registration', () => {
  it('takes four statements from begin to commit: the station with the audit chain’s lock, then every row at once', async () => {
    const c = await as('liaisonOfficerA');
    const seen = await recordStatements(poolOf(t.platform.db)!, async () => {
      expect((await c.post('/api/opinions', body(1))).status).toBe(201);
    });
    expect(transaction(seen)).toEqual([
      'begin',
      expect.stringMatching(/^select "id", "path"/),
      expect.stringMatching(/^with "r0" as \(insert into "opinion"/),
      'commit',
    ]);
    const [station, rows] = seen.filter((s) => /^select "id", "path"|^with "r0"/.test(s.sql.trim()));
    expect(station!.sql).toContain('audit_chain_next');
    expect(rows!.sql).toMatch(/as \(insert into "audit_log"/);
    // A key adds its lock and its look-up, once each.
    const keyed = await recordStatements(poolOf(t.platform.db)!, async () => {
      expect((await c.post('/api/opinions', body(2, { idempotencyKey: 'write-path-key-1' }))).status).toBe(201);
    });
    expect(transaction(keyed)).toHaveLength(6);
  });

  it('still wakes the outbox on commit, and writes the event, the receipt message and the audit row', async () => {
    const listener = new pg.Client({ connectionString: t.database.appUrl });
    await listener.connect();
    try {
      const woken = new Promise<string>((resolve) => listener.on('notification', (n) => resolve(n.channel)));
      await listener.query(`LISTEN ${OUTBOX_CHANNEL}`);
      const c = await as('liaisonOfficerA');
      const deputy = await createDeputy(t.platform, d);
      const res = await c.post<{ id: number }>('/api/opinions', body(3, { deputyIds: [deputy.id] }));
      expect(res.status).toBe(201);
      expect(await woken).toBe(OUTBOX_CHANNEL);
      const db = t.platform.db;
      const id = res.body.id;
      expect(await db.selectFrom('opinion_event').select('action').where('opinion_id', '=', id).execute()).toEqual([
        { action: 'register' },
      ]);
      expect(await db.selectFrom('opinion_deputy').select('deputy_id').where('opinion_id', '=', id).execute()).toEqual([
        { deputy_id: deputy.id },
      ]);
      expect(
        await db
          .selectFrom('notify_message')
          .select('type')
          .where('dedupe_key', '=', `opinion.receipt:${id}`)
          .execute(),
      ).toEqual([{ type: 'opinion.receipt' }]);
      expect(
        await db
          .selectFrom('audit_log')
          .select('action')
          .where('subject_type', '=', 'opinion')
          .where('subject_id', '=', String(id))
          .execute(),
      ).toEqual([{ action: 'opinion.register' }]);
      expect(await t.platform.audit.verify(db)).toMatchObject({ ok: true });
    } finally {
      await listener.end();
    }
  });

  // Ten registrations at once, in rounds, taking turns between one audit chain and several: all
  // stored, the trail verifies. It also prints how long each waited for its chain (figures depend on
  // the machine: read them, never assert them; LIAISON_AUDIT_ROUNDS=12 for a steadier median).
  it('ten registrations at once, with one audit chain and with eight: all stored, the trail verifies', async () => {
    const c = await as('liaisonOfficerA');
    const own = t.platform.audit;
    const one = new AuditTrail(t.platform.keys.audit, undefined, 1);
    const figures = new Map<string, { wait: number[]; hold: number[]; tx: number[]; wall: number[] }>();
    const rounds = Number(process.env.LIAISON_AUDIT_ROUNDS ?? 4);
    for (let round = 0; round < rounds; round++) {
      const label = round % 2 ? 'one chain' : 'eight chains';
      (t.platform as { audit: AuditTrail }).audit = round % 2 ? one : own;
      const f = figures.get(label) ?? { wait: [], hold: [], tx: [], wall: [] };
      figures.set(label, f);
      const t0 = process.hrtime.bigint();
      const seen = await recordStatements(poolOf(t.platform.db)!, async () => {
        const res = await Promise.all(
          Array.from({ length: 10 }, (_, i) => c.post('/api/opinions', body(100 * round + i))),
        );
        expect(res.map((r) => r.status)).toEqual(Array(10).fill(201));
      });
      if (round >= 2) f.wall.push(Number(process.hrtime.bigint() - t0) / 1e6 - 50);
      const byClient = new Map<number, Statement[]>();
      for (const s of seen) byClient.set(s.client!, [...(byClient.get(s.client!) ?? []), s]);
      for (const list of byClient.values()) {
        list.sort((a, b) => (a.start < b.start ? -1 : 1));
        let begin: bigint | null = null;
        let locked: bigint | null = null;
        for (const s of list) {
          if (s.sql === 'begin') begin = s.start;
          if (s.sql.includes('audit_chain_next')) {
            f.wait.push(Number(s.end - s.start) / 1e6);
            locked = s.end;
          }
          if (s.sql === 'commit' && begin !== null && locked !== null && round >= 2) {
            f.hold.push(Number(s.end - locked) / 1e6);
            f.tx.push(Number(s.end - begin) / 1e6);
            begin = locked = null;
          }
        }
      }
    }
    (t.platform as { audit: AuditTrail }).audit = own;
    const med = (x: number[]) => [...x].sort((a, b) => a - b)[Math.floor(x.length / 2)]!.toFixed(1);
    for (const [label, f] of figures)
      console.log(
        `${label}: lock wait (with the head's read) median ${med(f.wait)} ms, held to commit median ${med(f.hold)} ms, ` +
          `transaction median ${med(f.tx)} ms, 10 registrations at once in ${med(f.wall)} ms (median of ${f.wall.length} rounds)`,
      );
    expect(await t.platform.audit.verify(t.platform.db)).toMatchObject({ ok: true });
  });
});
