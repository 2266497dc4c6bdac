import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, superQuery, type TestDatabase } from '../../../../test/support/db.js';
import { migrateToLatest } from '../../db/database.js';
import { migrations } from '../../db/migrations/index.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase({ empty: true });
});
afterAll(async () => db.drop());

describe('the stations-more migration on a database with data', () => {
  it('turns reception texts that parse into rules (keeping the text), fills pinyin keys and carries terms over', async () => {
    const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '20261124T0130'));
    await migrateToLatest(db.ownerUrl, before);
    const q = (text: string, values: unknown[] = []) => superQuery(db.ownerUrl, text, values);
    await q(`INSERT INTO organization (id, name, kind, path) OVERRIDING SYSTEM VALUE VALUES
               (1, '测试区人大常委会', 'standingCommittee', '1'),
               (2, '海景社区代表联络室', 'station', '1.2'),
               (3, '白峰代表之家', 'station', '1.3')`);
    await q(`INSERT INTO station (org_id, kind, reception_rule) VALUES
               (2, 'liaisonRoom', '每月农历十六上午9:00-11:30，遇节假日顺延'),
               (3, 'home', '视情况而定，请电话联系')`);
    await q(`INSERT INTO deputy (org_id, name, name_initials, name_sort, election, term)
               VALUES (1, '连任代表', 'lrdb', 'lianrendaibiao', 'direct', '第十八届')`);

    await migrateToLatest(db.ownerUrl);

    const stations = await q('SELECT org_id, reception_rule, reception_schedule FROM station ORDER BY org_id');
    expect(stations.rows).toEqual([
      {
        org_id: 2,
        reception_rule: '每月农历十六上午9:00-11:30，遇节假日顺延',
        reception_schedule: {
          kind: 'lunarMonthlyDay',
          lunarDay: 16,
          time: { start: '09:00', end: '11:30' },
          skipHolidays: 'next',
        },
      },
      { org_id: 3, reception_rule: '视情况而定，请电话联系', reception_schedule: null },
    ]);
    const orgs = await q('SELECT name_initials, name_sort FROM organization WHERE id = 2');
    expect(orgs.rows[0]).toEqual({ name_initials: 'hjsqdblls', name_sort: 'haijingshequdaibiaolianluoshi' });
    const deputy = await q('SELECT terms FROM deputy');
    expect(deputy.rows[0].terms).toEqual(['第十八届']);
  });
});
