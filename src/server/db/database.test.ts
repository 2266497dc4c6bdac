import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, superQuery, type TestDatabase } from '../../../test/support/db.js';
import { MigrationError, connect, migrateToLatest } from './database.js';
import { migrations } from './migrations/index.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ empty: true });
});
afterAll(async () => db.drop());

describe('migrations', () => {
  it('a failing migration is reported by name and leaves nothing half-applied', async () => {
    const broken = {
      ...migrations,
      '29990101T0000-broken': {
        up: async (k: Parameters<NonNullable<(typeof migrations)[string]>['up']>[0]) => {
          await sql`CREATE TABLE half_done (id int)`.execute(k);
          await sql`SELECT no_such_function()`.execute(k);
        },
      },
    };
    const err = await migrateToLatest(db.ownerUrl, broken).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MigrationError);
    expect((err as MigrationError).migration).toBe('29990101T0000-broken');
    const tables = await superQuery(db.ownerUrl, `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
    // One transaction for the whole run: not even the good migrations before it stayed.
    expect(tables.rows.map((r) => r.tablename)).not.toContain('half_done');
    expect(tables.rows.map((r) => r.tablename)).not.toContain('app_user');
  });

  it('applies cleanly afterwards, and a second run has nothing to do', async () => {
    expect(await migrateToLatest(db.ownerUrl)).toEqual(Object.keys(migrations));
    expect(await migrateToLatest(db.ownerUrl)).toEqual([]);
  });
});

describe('a connection cut while it is lent out', () => {
  it('fails the transaction using it, not the process', async () => {
    const pool = connect(db.ownerUrl, 2);
    try {
      const outcome = await pool
        .transaction()
        .execute(async (trx) => {
          const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(trx);
          // Cut between two statements, as when the database is killed under a running server:
          // the client is checked out and has no query running when the connection ends.
          await superQuery(db.ownerUrl, 'SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
          await new Promise((r) => setTimeout(r, 200));
          await sql`SELECT 1`.execute(trx);
          return 'went on';
        })
        .catch((e: unknown) => e);
      expect(outcome).toBeInstanceOf(Error);
      // The pool gives a fresh connection afterwards.
      expect((await sql<{ one: number }>`SELECT 1 AS one`.execute(pool)).rows).toEqual([{ one: 1 }]);
    } finally {
      await pool.destroy();
    }
  });
});
