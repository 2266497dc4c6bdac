import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { percentile, profiled, type LoadStats, type Run, type Scenario } from '../harness.js';
import { poolOf } from '../../src/server/db/database.js';
import { printSlowest, recordStatements } from '../same-sql.js';
import { session } from './opinions.js';

/** Rows per imported register (BENCH_IMPORT_ROWS, default 2,000: a county's whole register). */
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 2000);
/**
 * The tables a register import writes rows of (the audit trail apart: one row per import), each
 * with the column that ties its rows to the imported deputies.
 */
const TABLES = [
  ['deputy', 'id'],
  ['deputy_level', 'deputy_id'],
  ['station_member', 'deputy_id'],
] as const;

const HEADER =
  '编号,姓名,性别,民族,出生年月,党派,工作单位及职务,代表层级,选举方式,选区,届次,联系电话,公开联系方式,所属联络站';

/** A register of `ROWS` deputies nobody has imported yet, as the CSV a county office uploads. */
function register(round: number, stations: string[]): string {
  const lines = [HEADER];
  for (let i = 0; i < ROWS; i++) {
    const n = round * ROWS + i;
    lines.push(
      [
        `BENCH-${round}-${i}`,
        `基准代表${n}`,
        i % 2 ? '男' : '女',
        '汉族',
        `19${60 + (i % 35)}.${String(1 + (i % 12)).padStart(2, '0')}`,
        i % 3 ? '中共党员' : '群众',
        `某社区第${i % 50}网格党支部书记`,
        '区（县）',
        '直接选举',
        `第${1 + (i % 40)}选区`,
        '第十届',
        `139${String(n % 100_000_000).padStart(8, '0')}`,
        '请通过联络站联系',
        stations[i % stations.length]!,
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

function stats(rows: number, durationsMs: number[]): LoadStats {
  const seconds = durationsMs.reduce((a, b) => a + b, 0) / 1000;
  const sorted = Float64Array.from(durationsMs).sort();
  return {
    ok: rows,
    warmupOk: 0,
    rps: rows / seconds,
    seconds,
    windows: durationsMs.length,
    latencyMs: { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) },
    non2xx: 0,
    errors: 0,
    timeouts: 0,
    statusCodes: { '200': durationsMs.length },
  };
}

/**
 * A county's deputy register imported through the console's route (parse the CSV, check every row,
 * resolve stations, seal the phones, name keys for search, insert in batches, one audit row)
 * against PostgreSQL's own bulk load, COPY, of the very rows that import wrote (deputies, their
 * levels, their stations), into tables shaped like ours (`LIKE … INCLUDING ALL`: the same
 * columns, defaults, checks and indexes; and the same foreign keys, added). Rounds alternate: an
 * import, then the COPY of its rows.
 */
export const deputyImport: Scenario = {
  name: 'deputy-import',
  title: `POST /api/deputies/import: a register of ${ROWS} new deputies (CSV) vs COPY of the rows it wrote`,
  async run({ liaison, settings }) {
    const owner = new pg.Client({ connectionString: liaison.ownerUrl });
    await owner.connect();
    try {
      const root = await owner.query<{ id: number }>(`SELECT id FROM organization WHERE name = '北仑区人大常委会'`);
      const stations = (
        await owner.query<{ name: string }>(
          `SELECT o.name FROM organization o JOIN station s ON s.org_id = o.id
            WHERE o.path <@ (SELECT path FROM organization WHERE id = $1) ORDER BY o.id LIMIT 10`,
          [root.rows[0]!.id],
        )
      ).rows.map((r) => r.name);
      for (const [t] of TABLES)
        await owner.query(
          `DROP TABLE IF EXISTS bench_copy_${t} CASCADE; CREATE TABLE bench_copy_${t} (LIKE ${t} INCLUDING ALL)`,
        );
      // LIKE copies no foreign keys; ours are checked row by row, so COPY checks the same ones.
      await owner.query(`
        ALTER TABLE bench_copy_deputy ADD FOREIGN KEY (org_id) REFERENCES organization(id);
        ALTER TABLE bench_copy_deputy_level ADD FOREIGN KEY (deputy_id) REFERENCES bench_copy_deputy(id);
        ALTER TABLE bench_copy_station_member ADD FOREIGN KEY (station_id) REFERENCES station(org_id),
          ADD FOREIGN KEY (deputy_id) REFERENCES bench_copy_deputy(id)`);
      const headers = await session(liaison.url, 'district');
      const rounds = Math.max(2, settings.rounds * 2);
      const ours: number[] = [];
      const copies: number[] = [];
      // One import first, unmeasured: the route's code paths and PostgreSQL's caches warm.
      for (let round = 0; round <= rounds; round++) {
        const body = register(round, stations);
        const t0 = performance.now();
        const res = await profiled(`deputy-import-${round}`, () =>
          fetch(`${liaison.url}/api/deputies/import?orgId=${root.rows[0]!.id}`, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'text/csv' },
            body,
          }),
        );
        const took = performance.now() - t0;
        const result = (await res.json()) as { created?: number };
        if (res.status !== 200 || result.created !== ROWS)
          throw new Error(
            `deputy-import: round ${round} answered ${res.status} ${JSON.stringify(result).slice(0, 300)}`,
          );
        // The rows it wrote, as COPY text, then loaded by COPY (timed: the load alone).
        const ids = `(SELECT id FROM deputy WHERE import_key LIKE 'BENCH-${round}-%')`;
        const dumped: Buffer[] = [];
        for (const [t, column] of TABLES) {
          const chunks: Buffer[] = [];
          for await (const c of owner.query(copyTo(`COPY (SELECT * FROM ${t} WHERE ${column} IN ${ids}) TO STDOUT`)))
            chunks.push(c as Buffer);
          dumped.push(Buffer.concat(chunks));
        }
        const c0 = performance.now();
        await owner.query('BEGIN');
        for (const [i, [t]] of TABLES.entries())
          await pipeline(Readable.from([dumped[i]!]), owner.query(copyFrom(`COPY bench_copy_${t} FROM STDIN`)));
        await owner.query('COMMIT');
        const copied = performance.now() - c0;
        if (round === 0) continue;
        ours.push(took);
        copies.push(copied);
        console.error(`  round ${round}/${rounds}: import ${took.toFixed(0)} ms, COPY ${copied.toFixed(0)} ms`);
      }
      if (process.env.BENCH_PROFILE) {
        // One more import, its statements timed: where the database's share of an import goes.
        const seen = await recordStatements(poolOf(liaison.platform.db)!, async () => {
          await fetch(`${liaison.url}/api/deputies/import?orgId=${root.rows[0]!.id}`, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'text/csv' },
            body: register(rounds + 1, stations),
          });
        });
        printSlowest('one import', seen);
      }
      const runs: Run[] = [
        { label: 'Liaison', kind: 'ours', stats: stats(ROWS * ours.length, ours) },
        { label: 'COPY of the same rows', kind: 'baseline', stats: stats(ROWS * copies.length, copies) },
      ];
      return {
        name: 'deputy-import',
        title: deputyImport.title,
        runs,
        notes: [
          `req/s here is rows per second and the latency one whole import of ${ROWS} rows (${rounds} rounds after one to warm up). ` +
            'Each deputy also gets a level row and a station row; the COPY loads the same three tables.',
        ],
        checks: { imports: ours.length, rowsPerImport: ROWS },
      };
    } finally {
      for (const [t] of [...TABLES].reverse())
        await owner.query(`DROP TABLE IF EXISTS bench_copy_${t}`).catch(() => undefined);
      await owner.end();
    }
  },
};
