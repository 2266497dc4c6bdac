import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, superQuery, type TestDatabase } from '../../../test/support/db.js';
import { MigrationError, connect, inTransactionWithCopy, migrateToLatest, unnestRows } from './database.js';
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

describe('rows as one array per column (unnestRows)', () => {
  it('inserts every row as given: awkward text, arrays, nulls, more rows than a statement has parameters', async () => {
    const pool = connect(db.ownerUrl, 1);
    try {
      await sql`CREATE TABLE unnest_probe (n bigint, k integer, t text, b boolean, a text[])`.execute(pool);
      const awkward = ['a,b', '{x}', 'quote " here', 'back\\slash', 'tab\there', 'line\nbreak', 'NULL', '', ' 空格 '];
      const rows = Array.from({ length: 70_000 }, (_, i) => ({
        n: i,
        k: i % 7 === 0 ? null : i % 1000,
        t: i % 5 === 0 ? null : awkward[i % awkward.length]!,
        b: i % 3 === 0,
        a: i % 11 === 0 ? null : i % 13 === 0 ? [] : [awkward[i % awkward.length]!, `第${i}届`],
      }));
      const cols = [
        ['n', 'bigint'],
        ['k', 'integer'],
        ['t', 'text'],
        ['b', 'boolean'],
        ['a', 'text[]'],
      ] as const;
      await sql`INSERT INTO unnest_probe (n, k, t, b, a) ${unnestRows(cols, rows)}`.execute(pool);
      const back = await sql<(typeof rows)[number]>`SELECT n, k, t, b, a FROM unnest_probe ORDER BY n`.execute(pool);
      expect(back.rows).toEqual(rows);

      // The same rows by COPY, inside a transaction that also runs statements of its own.
      await sql`CREATE TABLE copy_probe (n bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, k integer, t text, b boolean, a text[])`.execute(
        pool,
      );
      const copied = await inTransactionWithCopy(pool, async (trx, copy) => {
        await copy('copy_probe', cols, rows);
        return (await sql<{ count: number }>`SELECT count(*)::int AS count FROM copy_probe`.execute(trx)).rows[0]!
          .count;
      });
      expect(copied).toBe(rows.length);
      const copiedBack = await sql<(typeof rows)[number]>`SELECT n, k, t, b, a FROM copy_probe ORDER BY n`.execute(
        pool,
      );
      expect(copiedBack.rows).toEqual(rows);

      // A failing COPY (a duplicate key) takes the whole transaction back, and the pool goes on.
      const failed = await inTransactionWithCopy(pool, async (trx, copy) => {
        await sql`INSERT INTO copy_probe (k) VALUES (1)`.execute(trx);
        await copy('copy_probe', cols, rows.slice(0, 2));
      }).catch((e: unknown) => e);
      expect((failed as { code?: string }).code).toBe('23505');
      expect(
        (await sql<{ count: number }>`SELECT count(*)::int AS count FROM copy_probe`.execute(pool)).rows[0]!.count,
      ).toBe(rows.length);
    } finally {
      await pool.destroy();
    }
  });
});
