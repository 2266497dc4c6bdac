import crypto from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { DEMO_PASSWORD } from '../../src/server/seed/demo.js';
import { searchQuery } from '../../src/server/platform/text/segment.js';
import { listenFastify, OPINIONS, profileOurs, type Liaison, type Run, type Scenario } from '../harness.js';
import type { LoadRequest } from '../protocol.js';
import { newReceiptCode } from '../../src/server/modules/opinions/receipt.js';
import { AUDIT_CHAINS } from '../../src/server/platform/audit/audit.js';
import { capturePlans, describePlans, listenSameSql, Placed, type Fresh } from '../same-sql.js';

/** The baseline running the very statements our route ran for the same request (bench/same-sql.ts). */
export const SAME_SQL = 'same SQL, bare node:http + pg';

const COUNT = OPINIONS;

/** The scenarios at scale need the generated opinions (made by `startLiaison`, see `needsOpinions`). */
export function ensureOpinions(liaison: Liaison) {
  if (!liaison.generation) throw new Error('no opinions were generated: the scenario must set needsOpinions');
  return liaison.generation;
}

/** Signs a demo account in the way a browser does; returns the headers its requests carry. */
export async function session(url: string, username: string): Promise<Record<string, string>> {
  const first = await fetch(`${url}/api/auth/session`);
  const { csrfToken } = (await first.json()) as { csrfToken: string };
  const csrfCookie = `liaison_csrf=${encodeURIComponent(csrfToken)}`;
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: csrfCookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status}`);
  const cookies = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .filter((c) => !c.endsWith('='));
  const csrf = cookies.find((c) => c.startsWith('liaison_csrf='));
  const token = csrf ? decodeURIComponent(csrf.slice('liaison_csrf='.length)) : csrfToken;
  const jar = [...cookies.filter((c) => !c.startsWith('liaison_csrf=')), `liaison_csrf=${encodeURIComponent(token)}`];
  return { cookie: jar.join('; '), 'x-csrf-token': token };
}

async function stationOf(liaison: Liaison, name: string) {
  const s = await liaison.platform.db
    .selectFrom('organization')
    .select(['id', 'path'])
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return s;
}

/** What the bench's liaison officer registers, cycled. */
export const contents = [
  '大港新村3号楼前路灯坏了一个多月，晚上老人出门不安全，希望尽快修好。',
  '明州路菜场门口早上乱停车，公交车经常过不去，建议增加停车位并加强管理。',
  '华山小区是老旧小区，居民想加装电梯，不清楚申请流程和补贴政策。',
  '太河路口红绿灯时间太短，老人过马路很危险，建议延长行人绿灯。',
  '岷山路夜间施工噪音很大，已经连续一周影响休息。',
];

/**
 * What registration makes afresh on each request, for the same-SQL replay: a new receipt code (it
 * is unique), the receipt message's dedupe key, which names the new opinion's id, and the audit
 * chain it appends to (picked at random, as ours does, and the same in both of its places).
 */
const freshRegistration: Fresh = (value, learnt, at, scratch) => {
  const chain = chainParams(at.sql);
  if (at.index === chain.reserve || at.index === chain.row)
    return new Placed((scratch.chain ??= crypto.randomInt(AUDIT_CHAINS)));
  // The number of ids reserved: as captured, whatever a chain was mapped to.
  if (at.index === chain.count) return new Placed(value);
  if (typeof value !== 'string') return value;
  if (/^[2-9A-HJKMNP-Z]{10}$/.test(value)) return newReceiptCode();
  const dedupe = /^opinion\.receipt:(\d+)$/.exec(value);
  return dedupe ? `opinion.receipt:${String(learnt.get(dedupe[1]!) ?? dedupe[1])}` : value;
};

const chainParamsOf = new Map<string, { reserve: number; count: number; row: number }>();

/**
 * Where a statement's audit chain parameters are (0-based, -1 when it has none): the chain and the
 * count given to `audit_chain_next`, and the `chain` column of its insert into the audit trail.
 */
function chainParams(text: string) {
  let found = chainParamsOf.get(text);
  if (!found) {
    const reserve = /audit_chain_next\(\$(\d+)::smallint, \$(\d+)\)/.exec(text);
    const insert = /insert into "audit_log" \(([^)]*)\) values \(([^)]*)\)/.exec(text);
    const columns = insert?.[1]!.split(',').map((c) => c.trim()) ?? [];
    const row = /^\$(\d+)$/.exec(insert?.[2]!.split(',')[columns.indexOf('"chain"')]?.trim() ?? '');
    found = {
      reserve: reserve ? Number(reserve[1]) - 1 : -1,
      count: reserve ? Number(reserve[2]) - 1 : -1,
      row: row ? Number(row[1]) - 1 : -1,
    };
    chainParamsOf.set(text, found);
  }
  return found;
}

/**
 * A liaison officer registering an opinion: validate, segment (jieba), insert opinion + event +
 * outbox message + audit row in one transaction. Baselines: the same statements replayed (each
 * with a new receipt code and the ids the replay's own rows got), and one bare INSERT of the row.
 */
export const opinionRegister: Scenario = {
  name: 'opinion-register',
  needsOpinions: true,
  title: `POST /api/opinions: registration write path (${COUNT} opinions already there)`,
  async run(ctx) {
    const { liaison, cleanup, compare } = ctx;
    ensureOpinions(liaison);
    const station = await stationOf(liaison, '新碶街道人大代表联络站');
    const headers = { ...(await session(liaison.url, 'xinqi.liaison')), 'content-type': 'application/json' };
    const requests: LoadRequest[] = contents.map((content, i) => ({
      method: 'POST',
      path: '/api/opinions',
      headers,
      body: JSON.stringify({
        orgId: station.id,
        channel: 'reception',
        content,
        location: '新碶街道',
        constituent: { anonymous: false, name: `居民${i}`, phone: `1381234${String(5670 + i).padStart(4, '0')}` },
      }),
    }));
    const before = await count(liaison);
    const auditBefore = await liaison.platform.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirstOrThrow();
    const sealed = liaison.platform.fields.encrypt('居民');
    const pool = new pg.Pool({ connectionString: liaison.appUrl, max: 20 });
    const bare: FastifyInstance = Fastify({ logger: false });
    bare.addHook('onClose', () => pool.end());
    bare.post<{ Body: { orgId: number; content: string; channel: string } }>('/api/opinions', async (req, reply) => {
      const { rows } = await pool.query<{ id: number }>(
        `INSERT INTO opinion (receipt_code, org_id, org_path, channel, state, content, contactable, search,
           constituent_name_sealed)
         VALUES ($1, $2, $3, $4, 'registered', $5, true, to_tsvector('simple', $5), $6) RETURNING id`,
        [
          crypto.randomBytes(8).toString('hex'),
          req.body.orgId,
          station.path,
          req.body.channel,
          req.body.content,
          sealed,
        ],
      );
      return reply.status(201).send({ id: rows[0]!.id });
    });
    const baseline = await listenFastify(cleanup, 'bare INSERT baseline', bare);
    const plans = await capturePlans(liaison, requests);
    const same = await listenSameSql(cleanup, liaison, plans, { fresh: freshRegistration });
    let runs: Run[];
    try {
      runs = await compare(
        [
          { label: 'Liaison', kind: 'ours', url: liaison.url },
          { label: SAME_SQL, kind: 'baseline', url: same.url },
          { label: 'bare single INSERT', kind: 'baseline', url: baseline.url },
        ],
        requests,
      );
      await profileOurs('opinion-register', ctx, requests);
    } finally {
      await baseline.close();
      await same.close();
    }
    const events = await liaison.platform.db
      .selectFrom('opinion_event')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('action', '=', 'register')
      .where('actor_kind', '=', 'staff')
      .where('actor_id', 'is not', null)
      .executeTakeFirstOrThrow();
    return {
      name: 'opinion-register',
      title: this.title,
      runs,
      notes: [
        `ours also segments the text, encrypts name and phone, appends the event, the audit row (one of ${AUDIT_CHAINS} HMAC chains, ` +
          'each with its own lock to the commit) and the receipt SMS in the outbox; the bare INSERT baseline inserts one row.',
        `${SAME_SQL}: ${describePlans(plans)}`,
      ],
      checks: {
        opinionsBefore: before,
        opinionsAfter: await count(liaison),
        registerEventsByStaff: Number(events.n),
        // Ours and the replay spread their audit rows over the chains: how many chains got some.
        auditChainsUsed: Number(
          (
            await liaison.platform.db
              .selectFrom('audit_log')
              .select((eb) => eb.fn.count<string>('chain').distinct().as('n'))
              .where('action', '=', 'opinion.register')
              .where('id', '>', auditBefore.id ?? 0)
              .executeTakeFirstOrThrow()
          ).n,
        ),
      },
    };
  },
};

async function count(liaison: Liaison) {
  const r = await liaison.platform.db
    .selectFrom('opinion')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * A street officer paging the work queue: scoped to their street by ltree, filtered by state /
 * to-do / overdue, newest first, 20 per page. Baseline: a bare primary-key SELECT.
 */
export const opinionQueue: Scenario = {
  name: 'opinion-queue',
  needsOpinions: true,
  title: `GET /api/opinions: a scoped, filtered page of 20 over ${COUNT} opinions`,
  async run({ liaison, cleanup, compare }) {
    ensureOpinions(liaison);
    const headers = await session(liaison.url, 'xinqi.officer');
    const queries = [
      'state=assigned,inProgress',
      'todo=toAssign',
      'overdue=true',
      '',
      'state=closed',
      'todo=toFeedBack',
    ];
    const requests: LoadRequest[] = queries.map((q) => ({
      method: 'GET',
      path: `/api/opinions?limit=20&${q}`,
      headers,
    }));
    for (const r of requests) {
      const res = await fetch(`${liaison.url}${r.path}`, { headers });
      const body = (await res.json()) as { items?: unknown[] };
      if (res.status !== 200 || !body.items?.length) throw new Error(`queue check failed for ${r.path}: ${res.status}`);
    }
    const { n } = await liaison.platform.db
      .selectFrom('opinion')
      .select((eb) => eb.fn.max('id').as('n'))
      .executeTakeFirstOrThrow();
    const maxId = Number(n);
    const pool = new pg.Pool({ connectionString: liaison.appUrl, max: 20 });
    const bare: FastifyInstance = Fastify({ logger: false });
    bare.addHook('onClose', () => pool.end());
    bare.get('/api/opinions', async () => {
      const { rows } = await pool.query('SELECT * FROM opinion WHERE id = $1', [1 + Math.floor(Math.random() * maxId)]);
      return { items: rows };
    });
    const baseline = await listenFastify(cleanup, 'bare primary-key SELECT baseline', bare);
    const plans = await capturePlans(liaison, requests);
    const same = await listenSameSql(cleanup, liaison, plans);
    let runs: Run[];
    try {
      runs = await compare(
        [
          { label: 'Liaison', kind: 'ours', url: liaison.url },
          { label: SAME_SQL, kind: 'baseline', url: same.url },
          { label: 'bare primary-key SELECT', kind: 'baseline', url: baseline.url },
        ],
        requests,
      );
    } finally {
      await baseline.close();
      await same.close();
    }
    return {
      name: 'opinion-queue',
      title: this.title,
      runs,
      notes: [
        `queries cycled: ${queries.map((q) => q || '(no filter)').join('; ')} (target at 5 M: ≥ 0.6 of the same SQL, p95 ≤ 25 ms)`,
        `${SAME_SQL}: ${describePlans(plans)}`,
      ],
      checks: { opinions: await count(liaison) },
    };
  },
};

/**
 * A street officer searching the opinions by words: a frequent word, two rarer combinations, a
 * word nobody used. Baseline: the bare full-text statement over the stored tsvector (GIN), newest
 * 20, without the scope, the session or the names.
 */
export const opinionSearch: Scenario = {
  name: 'opinion-search',
  needsOpinions: true,
  title: `GET /api/opinions?q=…: full-text search over ${COUNT} opinions`,
  async run({ liaison, cleanup, compare }) {
    ensureOpinions(liaison);
    const headers = await session(liaison.url, 'xinqi.officer');
    const words = ['路灯', '华山小区 电梯', '白峰码头 油烟', '工资', '量子计算机'];
    const requests: LoadRequest[] = words.map((w) => ({
      method: 'GET',
      path: `/api/opinions?limit=20&q=${encodeURIComponent(w)}`,
      headers,
    }));
    for (const r of requests.slice(0, 4)) {
      const res = await fetch(`${liaison.url}${r.path}`, { headers });
      const body = (await res.json()) as { items?: unknown[] };
      if (res.status !== 200 || !body.items?.length)
        throw new Error(`search check failed for ${r.path}: ${res.status}`);
    }
    const pool = new pg.Pool({ connectionString: liaison.appUrl, max: 20 });
    const bare: FastifyInstance = Fastify({ logger: false });
    bare.addHook('onClose', () => pool.end());
    bare.get<{ Querystring: { q: string } }>('/api/opinions', async (req) => {
      const tsq = searchQuery(req.query.q);
      const { rows } = await pool.query(
        `SELECT id, receipt_code, left(content, 80) AS excerpt FROM opinion
          WHERE search @@ to_tsquery('simple', $1) ORDER BY id DESC LIMIT 21`,
        [tsq],
      );
      return { items: rows };
    });
    const baseline = await listenFastify(cleanup, 'bare full-text baseline', bare);
    const plans = await capturePlans(liaison, requests);
    const same = await listenSameSql(cleanup, liaison, plans);
    let runs: Run[];
    try {
      runs = await compare(
        [
          { label: 'Liaison', kind: 'ours', url: liaison.url },
          { label: SAME_SQL, kind: 'baseline', url: same.url },
          { label: 'bare full-text SELECT', kind: 'baseline', url: baseline.url },
        ],
        requests,
      );
    } finally {
      await baseline.close();
      await same.close();
    }
    return {
      name: 'opinion-search',
      title: this.title,
      runs,
      notes: [
        `words cycled: ${words.join('; ')} (target: p95 ≤ 200 ms, nothing over 2 s)`,
        `${SAME_SQL}: ${describePlans(plans)}`,
      ],
      checks: { opinions: await count(liaison) },
    };
  },
};
