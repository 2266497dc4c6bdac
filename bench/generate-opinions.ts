import pg from 'pg';
import { rebuild } from '../src/server/modules/statistics/rollup.js';
import type { Platform } from '../src/server/platform/context.js';
import { maskName, maskPhone } from '../src/server/platform/text/personal-data.js';
import { pinyinKeys } from '../src/server/platform/text/pinyin.js';
import { searchDocument } from '../src/server/platform/text/segment.js';

/**
 * Fills the database with a province's shape at the size `count` opinions imply (5 M ≈ a province's
 * two and a half years): synthetic districts with their streets, street offices, stations, deputies
 * and receptions next to the demo district, and `count` opinions of realistic Chinese text with
 * their lifecycle events (≈ 9 per opinion) and lead assignments, then the statistics rollups.
 *
 * Everything is generated inside PostgreSQL (`INSERT … SELECT generate_series`), with the opinion
 * tables' secondary indexes and foreign keys dropped during the load and re-created afterwards
 * from their own definitions (so the foreign keys are validated over every row). Personal fields
 * are sealed by the platform's own field crypto, a few distinct values reused (see README).
 */
const places = [
  '大港新村',
  '明州路',
  '新大路菜场',
  '华山小区',
  '太河路口',
  '岷山路',
  '长江路',
  '泰山路公交站',
  '小港老街',
  '戚家山公园',
  '霞浦社区',
  '柴桥中学门口',
  '春晓老年活动中心',
  '白峰码头',
  '梅山大道',
  '红联村',
  '东岙村',
  '嵩山路',
  '富春江路',
  '黄山路小学',
];
const problems = [
  '路灯坏了很久，晚上出行不安全',
  '路面坑洼积水，电动车容易摔倒',
  '垃圾清运不及时，夏天气味很大',
  '夜间施工噪音扰民，影响休息',
  '停车位太少，车辆乱停堵住消防通道',
  '公交班次太少，老人看病不方便',
  '河道发臭，有污水直排',
  '餐馆油烟直排居民楼',
  '老旧小区想加装电梯，不知道怎么申请',
  '物业服务差，收费不透明',
  '学校门口接送时段拥堵',
  '菜市场卫生状况差',
  '养老服务中心助餐点太远',
  '医保报销手续复杂，希望简化',
  '农田灌溉水渠堵塞',
  '邻居装修漏水多次协商无果',
  '小区监控坏了，电动车被盗',
  '人行道被占用摆摊',
  '红绿灯时间太短，老人过马路危险',
  '工地拖欠农民工工资',
  '社区卫生服务站配药品种少',
  '幼儿园学位紧张',
  '违章搭建影响采光',
  '绿化带树木遮挡路灯',
  '预付卡商家跑路无法退款',
];
const details = [
  '希望尽快处理。',
  '已经反映过两次，还没解决。',
  '附近居民意见很大。',
  '请代表帮忙协调。',
  '建议相关部门实地查看。',
  '特别是雨天更严重。',
  '老人和孩子最受影响。',
  '希望给个答复。',
];
const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高'.split('');
const givenNames = '秀英 建国 晓梅 志强 海燕 国庆 丽华 文杰 春生 玉兰 明辉 小红 永福 金凤 立新 桂芳'.split(' ');
const channels = ['reception', 'online', 'qrCode', 'phone', 'visit', 'letter', 'informant'];
/** Of 20: 12 closed, the rest spread over the open states. */
const stateCycle = [
  ...Array<string>(12).fill('closed'),
  'registered',
  'triaged',
  'assigned',
  'assigned',
  'inProgress',
  'responded',
  'fedBack',
  'rated',
];
/**
 * The loop's steps as events: [action, from, to, actor kind, the state rank the opinion must have
 * reached, days after registration]. A closed opinion has all 11; the average over the state mix
 * is about 8.7.
 */
const lifecycle: [string, string | null, string, string, number, number][] = [
  ['register', null, 'registered', 'staff', 0, 0],
  ['triage', 'registered', 'triaged', 'staff', 1, 0.1],
  ['assign', 'triaged', 'assigned', 'staff', 2, 1],
  ['supervise', 'assigned', 'assigned', 'staff', 3, 1.5],
  ['accept', 'assigned', 'inProgress', 'staff', 3, 2],
  ['supervise', 'inProgress', 'inProgress', 'staff', 4, 4],
  ['supervise', 'inProgress', 'inProgress', 'staff', 4, 6],
  ['respond', 'inProgress', 'responded', 'staff', 4, 8],
  ['feedback', 'responded', 'fedBack', 'staff', 5, 9],
  ['rate', 'fedBack', 'rated', 'constituent', 6, 10],
  ['close', 'rated', 'closed', 'staff', 7, 11],
];

/** The province around the demo district: districts × streets × stations, deputies per station. */
export function provinceShape(count: number) {
  // A province (DESIGN.md): ~90 districts, ~1,300 streets, ~7,000 stations, ~100,000 deputies
  // for 2 M opinions a year; smaller loads get a proportionally smaller province.
  const districts = Math.max(2, Math.min(90, Math.round((90 * count) / 5_000_000)));
  return { districts, streetsPerDistrict: 15, stationsPerStreet: 5, deputiesPerStation: 15, receptionEveryDays: 14 };
}

export interface GenerationReport {
  opinions: number;
  events: number;
  assignments: number;
  stations: number;
  deputies: number;
  receptions: number;
  /** Seconds per phase, in order. */
  phases: Record<string, number>;
  seconds: number;
}

export interface GenerateOptions {
  count: number;
  /** Of the opinions, the share that goes to the demo district's stations (the bench's users). */
  homeShare: number;
  log?: (s: string) => void;
}

export async function generateOpinions(
  p: Platform,
  ownerUrl: string,
  { count, homeShare, log = () => {} }: GenerateOptions,
): Promise<GenerationReport> {
  const started = Date.now();
  const phases: Record<string, number> = {};
  let t = Date.now();
  const phase = (name: string) => {
    phases[name] = (Date.now() - t) / 1000;
    log(`  ${name}: ${phases[name]!.toFixed(1)} s`);
    t = Date.now();
  };
  const db = new pg.Client({ connectionString: ownerUrl });
  await db.connect();
  const q = (text: string, values?: unknown[]) => db.query(text, values);
  try {
    await q(`SET synchronous_commit = off; SET maintenance_work_mem = '512MB'; SET work_mem = '64MB'`);
    const shape = provinceShape(count);
    const { rows: demoStations } = await q(
      `SELECT s.id AS org_id, s.path::text AS org_path, s.parent_id AS committee_id, u.id AS unit_id, u.path::text AS unit_path
         FROM organization s JOIN organization u ON u.parent_id = s.parent_id AND u.kind = 'streetOffice'
        WHERE s.kind = 'station' ORDER BY s.id`,
    );
    if (!demoStations.length)
      throw new Error('generateOpinions: the demo district has no stations with a street office');
    const { rows: users } = await q(
      `SELECT id FROM app_user WHERE username IN ('district', 'xinqi.officer') ORDER BY id`,
    );
    const staffId = (users[0] as { id: string } | undefined)?.id ?? null;

    // ---- The province: organisations with ids computed up front (paths need them), one statement.
    const { rows: baseRows } = await q(`SELECT (coalesce(max(id), 0) / 1000 + 1) * 1000 AS base FROM organization`);
    const base = Number((baseRows[0] as { base: string }).base);
    const { districts, streetsPerDistrict: S, stationsPerStreet: K, deputiesPerStation } = shape;
    await q(
      `INSERT INTO organization (id, parent_id, name, kind, path)
       OVERRIDING SYSTEM VALUE
       SELECT id, parent_id, name, kind, path::ltree FROM (
         SELECT $1 + d * 1000 AS id, NULL::bigint AS parent_id, '合成' || d || '区人大常委会' AS name,
                'standingCommittee' AS kind, ($1 + d * 1000)::text AS path
           FROM generate_series(0, $2 - 1) d
         UNION ALL
         SELECT $1 + d * 1000 + 1, $1 + d * 1000, '合成' || d || '区住房和城乡建设局', 'department',
                ($1 + d * 1000) || '.' || ($1 + d * 1000 + 1)
           FROM generate_series(0, $2 - 1) d
         UNION ALL
         SELECT $1 + d * 1000 + 10 + s * 10, $1 + d * 1000, '合成' || d || '区第' || s || '街道人大工委', 'streetWorkingCommittee',
                ($1 + d * 1000) || '.' || ($1 + d * 1000 + 10 + s * 10)
           FROM generate_series(0, $2 - 1) d, generate_series(0, $3 - 1) s
         UNION ALL
         SELECT $1 + d * 1000 + 11 + s * 10, $1 + d * 1000 + 10 + s * 10, '合成' || d || '区第' || s || '街道办事处', 'streetOffice',
                ($1 + d * 1000) || '.' || ($1 + d * 1000 + 10 + s * 10) || '.' || ($1 + d * 1000 + 11 + s * 10)
           FROM generate_series(0, $2 - 1) d, generate_series(0, $3 - 1) s
         UNION ALL
         SELECT $1 + d * 1000 + 12 + s * 10 + k, $1 + d * 1000 + 10 + s * 10,
                '合成' || d || '区第' || s || '街道第' || k || '人大代表联络站', 'station',
                ($1 + d * 1000) || '.' || ($1 + d * 1000 + 10 + s * 10) || '.' || ($1 + d * 1000 + 12 + s * 10 + k)
           FROM generate_series(0, $2 - 1) d, generate_series(0, $3 - 1) s, generate_series(0, $4 - 1) k
       ) orgs ORDER BY id`,
      [base, districts, S, K],
    );
    await q(`SELECT setval(pg_get_serial_sequence('organization', 'id'), (SELECT max(id) FROM organization))`);
    await q(
      `INSERT INTO station (org_id, kind, address, opening_hours)
       SELECT id, 'home', name || '（合成地址）', '周一至周五 9:00-17:00' FROM organization
        WHERE kind = 'station' AND id >= $1`,
      [base],
    );
    // The stations opinions go to: the demo district's first (its share), then the province's.
    await q(`CREATE TEMP TABLE bench_station (n int PRIMARY KEY, org_id bigint, org_path ltree, committee_id bigint,
               unit_id bigint, unit_path ltree, first_deputy bigint)`);
    await q(
      `INSERT INTO bench_station (n, org_id, org_path, committee_id, unit_id, unit_path)
       SELECT row_number() OVER (ORDER BY x.home DESC, x.org_id) - 1, x.org_id, x.org_path::ltree, x.committee_id, x.unit_id, x.unit_path::ltree
         FROM (SELECT true AS home, * FROM jsonb_to_recordset($1::jsonb)
                 AS r(org_id bigint, org_path text, committee_id bigint, unit_id bigint, unit_path text)
               UNION ALL
               SELECT false, s.id, s.path::text, s.parent_id, u.id, u.path::text
                 FROM organization s JOIN organization u ON u.id = s.parent_id + 1
                WHERE s.kind = 'station' AND s.id >= $2) x`,
      [JSON.stringify(demoStations), base],
    );
    phase('organisations and stations');

    // ---- Deputies: 15 per province station, names from a few hundred pinyin-keyed ones, a few
    // distinct sealed phones reused (sealing 100,000 phones one by one would measure SM4).
    const names = surnames.flatMap((s) => givenNames.map((g) => s + g));
    const keys = names.map((n) => pinyinKeys(n));
    const phones = Array.from({ length: 16 }, (_, i) => `139${String(10000000 + i * 1234567).slice(0, 8)}`);
    await q(`CREATE TEMP TABLE bench_name (i int PRIMARY KEY, name text, initials text, sort text)`);
    await q(
      `INSERT INTO bench_name SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(i int, name text, initials text, sort text)`,
      [JSON.stringify(names.map((name, i) => ({ i, name, initials: keys[i]!.initials, sort: keys[i]!.sort })))],
    );
    await q(`CREATE TEMP TABLE bench_phone (i int PRIMARY KEY, sealed text, masked text, digest text)`);
    await q(
      `INSERT INTO bench_phone SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(i int, sealed text, masked text, digest text)`,
      [
        JSON.stringify(
          phones.map((ph, i) => ({
            i,
            sealed: p.fields.encrypt(ph),
            masked: maskPhone(ph),
            digest: p.fields.blindIndex(ph),
          })),
        ),
      ],
    );
    // import_key B<station>.<j> tells which station a deputy was made for (members below).
    await q(
      `INSERT INTO deputy (org_id, name, name_initials, name_sort, sex, birth_year, election, occupation,
                           private_phone_sealed, private_phone_masked, private_phone_digest, terms, import_key)
       SELECT b.committee_id, n.name, n.initials, n.sort, CASE WHEN j % 2 = 0 THEN 'male' ELSE 'female' END,
              1960 + (j * 7 + b.n) % 40, 'direct', '合成职业', ph.sealed, ph.masked, ph.digest, ARRAY['第十八届'],
              'B' || b.org_id || '.' || j
         FROM bench_station b CROSS JOIN generate_series(0, $1 - 1) j
         JOIN bench_name n ON n.i = (b.n * 31 + j) % $2
         JOIN bench_phone ph ON ph.i = (b.n + j) % $3
        WHERE b.org_id >= $4`,
      [deputiesPerStation, names.length, phones.length, base],
    );
    await q(
      `INSERT INTO station_member (station_id, deputy_id, is_head)
       SELECT b.org_id, d.id, d.import_key LIKE '%.0'
         FROM deputy d JOIN bench_station b ON b.org_id = split_part(substr(d.import_key, 2), '.', 1)::bigint
        WHERE d.import_key LIKE 'B%'`,
    );
    await q(
      `UPDATE bench_station b SET first_deputy = (SELECT min(deputy_id) FROM station_member m WHERE m.station_id = b.org_id)`,
    );
    phase('deputies');

    // ---- Receptions: every 14 days per province station over two years, closed with a duty sign-in.
    await q(
      `INSERT INTO reception (station_id, day, start_time, end_time, mode, theme, place, status, published_at,
                              visitors, summary, closed_at)
       SELECT b.org_id, d::date, '09:00', '11:00', 'regular', '每月接待日', '联络站', 'closed', d - interval '3 days',
              (b.n + w) % 9, '接待群众，记录意见。', d + interval '11 hours'
         FROM bench_station b
         CROSS JOIN generate_series(0, 51) w
         CROSS JOIN LATERAL (SELECT current_date - 1 - w * $1 - b.n % $1 AS d) x
        WHERE b.org_id >= $2`,
      [shape.receptionEveryDays, base],
    );
    await q(
      `INSERT INTO reception_duty (reception_id, deputy_id, signed_in_at, sign_in_method)
       SELECT r.id, b.first_deputy, r.day + interval '9 hours', 'qr'
         FROM reception r JOIN bench_station b ON b.org_id = r.station_id
        WHERE r.station_id >= $1 AND b.first_deputy IS NOT NULL`,
      [base],
    );
    phase('receptions');

    // ---- Texts: a few thousand distinct ones, each segmented by jieba once.
    const texts: string[] = [];
    for (const place of places)
      for (const [i, problem] of problems.entries())
        texts.push(`${place}${problem}，${details[(i + place.length) % details.length]}`);
    await q(`CREATE TEMP TABLE bench_text (t int PRIMARY KEY, content text, search tsvector)`);
    await q(
      `INSERT INTO bench_text SELECT r.t, r.content, to_tsvector('simple', r.doc)
         FROM jsonb_to_recordset($1::jsonb) AS r(t int, content text, doc text)`,
      [JSON.stringify(texts.map((content, t) => ({ t, content, doc: searchDocument(content) })))],
    );
    // Constituents: a few distinct sealed names and phones, reused.
    await q(`CREATE TEMP TABLE bench_person (k int PRIMARY KEY, name_sealed text, name_masked text,
               phone_sealed text, phone_masked text, phone_digest text)`);
    await q(
      `INSERT INTO bench_person SELECT * FROM jsonb_to_recordset($1::jsonb)
         AS r(k int, name_sealed text, name_masked text, phone_sealed text, phone_masked text, phone_digest text)`,
      [
        JSON.stringify(
          Array.from({ length: 32 }, (_, k) => {
            const name = names[(k * 37) % names.length]!;
            const phone = `138${String(20000000 + k * 2345671).slice(0, 8)}`;
            return {
              k,
              name_sealed: p.fields.encrypt(name),
              name_masked: maskName(name),
              phone_sealed: p.fields.encrypt(phone),
              phone_masked: maskPhone(phone),
              phone_digest: p.fields.blindIndex(phone),
            };
          }),
        ),
      ],
    );
    const { rows: cats } = await q(`SELECT id FROM opinion_category WHERE parent_id IS NOT NULL ORDER BY id`);
    const categoryIds = cats.map((c) => Number((c as { id: string }).id));
    if (!categoryIds.length) throw new Error('generateOpinions: no opinion categories');
    const { rows: counts } = await q(
      `SELECT count(*) FILTER (WHERE org_id < $1)::int AS home, count(*)::int AS all FROM bench_station`,
      [base],
    );
    const { home: homeStations, all: allStations } = counts[0] as { home: number; all: number };
    phase('texts and constituents');

    // ---- Drop the opinion tables' secondary indexes and foreign keys for the load.
    const tables = ['opinion', 'opinion_event', 'opinion_assignment'];
    const { rows: indexes } = await q(
      `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
         FROM pg_index i
        WHERE i.indrelid = ANY($1::regclass[])
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
      [tables],
    );
    const { rows: fks } = await q(
      `SELECT conrelid::regclass::text AS tbl, conname AS name, pg_get_constraintdef(oid) AS def
         FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY($1::regclass[])`,
      [tables],
    );
    for (const f of fks as { tbl: string; name: string }[]) await q(`ALTER TABLE ${f.tbl} DROP CONSTRAINT ${f.name}`);
    for (const i of indexes as { name: string }[]) await q(`DROP INDEX ${i.name}`);
    phase(`dropped ${indexes.length} indexes and ${fks.length} foreign keys`);

    // ---- Opinions, by batches of a million rows.
    const homePer1000 = Math.round(homeShare * 1000);
    const { rows: firstRows } = await q(`SELECT coalesce(max(id), 0) AS id FROM opinion`);
    const firstId = Number((firstRows[0] as { id: string }).id);
    const batch = 1_000_000;
    for (let from = 0; from < count; from += batch) {
      const to = Math.min(count, from + batch) - 1;
      await q(
        `WITH g AS (
           SELECT i,
             CASE WHEN i % 1000 < $3 THEN (i / 7) % $4 ELSE $4 + ((i::bigint * 7919) % ($5 - $4))::int END AS n,
             ($6::text[])[1 + i % 20] AS state,
             -- Mixed with i / 1000 too: the demo district takes only i % 1000 < share, which alone would
             -- leave it a fraction of the texts.
             ((i::bigint * 7919 + (i / 1000) * 104729) % $7)::int AS t,
             (i * 13) % 32 AS k
           FROM generate_series($1::int, $2::int) AS i),
         r AS (
           SELECT g.i, g.state, b.org_id, b.org_path, b.committee_id, b.unit_id, b.unit_path, x.content, x.search,
             c.name_sealed, c.name_masked, c.phone_sealed, c.phone_masked, c.phone_digest,
             now() - make_interval(mins => ($8::int - g.i) % (730 * 24 * 60)) AS created
           FROM g JOIN bench_station b USING (n) JOIN bench_text x USING (t) JOIN bench_person c USING (k))
         INSERT INTO opinion (receipt_code, org_id, org_path, committee_id, channel, state, category_id, tier, urgency,
           content, anonymous, constituent_name_sealed, constituent_name_masked, constituent_phone_sealed,
           constituent_phone_masked, constituent_phone_digest, contactable, lead_unit_id, lead_unit_path, unit_paths,
           deadline, accept_by, overdue, rating, outcome, search, created_by, created_at, updated_at)
         SELECT 'B' || lpad(upper(to_hex(i)), 9, '0'), org_id, org_path, committee_id,
           ($9::text[])[1 + i % 7], state,
           CASE WHEN state = 'registered' THEN NULL ELSE ($10::bigint[])[1 + i % cardinality($10::bigint[])] END,
           CASE WHEN state = 'registered' THEN NULL ELSE 'street' END,
           CASE WHEN i % 17 = 0 THEN 'urgent' ELSE 'normal' END,
           content, i % 9 = 0,
           CASE WHEN i % 9 = 0 THEN NULL ELSE name_sealed END, CASE WHEN i % 9 = 0 THEN NULL ELSE name_masked END,
           CASE WHEN i % 9 = 0 THEN NULL ELSE phone_sealed END, CASE WHEN i % 9 = 0 THEN NULL ELSE phone_masked END,
           CASE WHEN i % 9 = 0 THEN NULL ELSE phone_digest END,
           i % 9 <> 0,
           CASE WHEN state IN ('registered', 'triaged') THEN NULL ELSE unit_id END,
           CASE WHEN state IN ('registered', 'triaged') THEN NULL ELSE unit_path END,
           CASE WHEN state IN ('registered', 'triaged') THEN '{}'::ltree[] ELSE ARRAY[unit_path] END,
           CASE WHEN state IN ('assigned', 'inProgress') THEN current_date + CASE WHEN (i / 20) % 4 = 0 THEN -3 ELSE 10 END END,
           CASE WHEN state IN ('assigned', 'inProgress') THEN created::date + 2 END,
           state IN ('assigned', 'inProgress') AND (i / 20) % 4 = 0,
           CASE WHEN state IN ('rated', 'closed') THEN CASE WHEN i % 11 = 0 THEN 'dissatisfied' ELSE 'satisfied' END END,
           CASE WHEN state = 'closed' THEN CASE WHEN i % 11 = 0 THEN 'dissatisfiedAfterReview' ELSE 'satisfied' END END,
           search, $11::bigint, created, created
         FROM r`,
        [
          from,
          to,
          homePer1000,
          homeStations,
          allStations,
          stateCycle,
          texts.length,
          count,
          channels,
          categoryIds,
          staffId,
        ],
      );
      log(`  ${to + 1} opinions (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
    phase('opinions');

    // ---- Lead assignments of every opinion that reached 'assigned', and the events of the loop.
    await q(
      `INSERT INTO opinion_assignment (opinion_id, unit_id, is_lead, round, state, deadline, accept_by, signed_by,
         signed_at, assigned_by, assigned_at, accepted_at, response, result_type, responded_at, reminders_sent)
       SELECT o.id, o.lead_unit_id, true, 1,
         CASE o.state WHEN 'assigned' THEN 'assigned' WHEN 'inProgress' THEN 'accepted' ELSE 'responded' END,
         coalesce(o.deadline, o.created_at::date + 15), o.created_at::date + 2, '合成签发人',
         o.created_at + interval '1 day', $2::bigint, o.created_at + interval '1 day',
         CASE WHEN o.state <> 'assigned' THEN o.created_at + interval '2 days' END,
         CASE WHEN o.state NOT IN ('assigned', 'inProgress') THEN '已现场处理，问题已解决。' END,
         CASE WHEN o.state NOT IN ('assigned', 'inProgress') THEN 'solved' END,
         CASE WHEN o.state NOT IN ('assigned', 'inProgress') THEN o.created_at + interval '8 days' END,
         -- The reminders the deadline sweep has already sent, as on a live system (a bench must not start
         -- with the catch-up of every open opinion's reminders at once, 75,000 at 1 M).
         CASE WHEN o.state IN ('assigned', 'inProgress') THEN array_remove(ARRAY[
           CASE WHEN o.state = 'assigned' AND o.created_at::date + 2 < current_date THEN 'notAccepted' END,
           CASE WHEN o.deadline < current_date THEN 'dueSoon' END,
           CASE WHEN o.deadline < current_date THEN 'overdue' END], NULL) ELSE '{}' END
         FROM opinion o
        WHERE o.id > $1 AND o.lead_unit_id IS NOT NULL`,
      [firstId, staffId],
    );
    phase('assignments');
    await q(`CREATE TEMP TABLE bench_step (step int, action text, from_state text, to_state text, actor_kind text,
               need int, days float8)`);
    await q(
      `INSERT INTO bench_step SELECT * FROM jsonb_to_recordset($1::jsonb)
         AS r(step int, action text, from_state text, to_state text, actor_kind text, need int, days float8)`,
      [
        JSON.stringify(
          lifecycle.map(([action, from_state, to_state, actor_kind, need, days], step) => ({
            step,
            action,
            from_state,
            to_state,
            actor_kind,
            need,
            days,
          })),
        ),
      ],
    );
    const { rows: ids } = await q(`SELECT max(id) AS last FROM opinion`);
    const lastId = Number((ids[0] as { last: string }).last);
    // One statement per step and batch: each opinion's events get ids in the order of its steps,
    // without sorting tens of millions of rows.
    for (let from = firstId; from < lastId; from += batch) {
      const upto = Math.min(lastId, from + batch);
      for (let step = 0; step < lifecycle.length; step++) {
        await q(
          `INSERT INTO opinion_event (opinion_id, action, from_state, to_state, actor_kind, actor_id, unit_id, data, at)
           SELECT o.id, s.action, s.from_state, s.to_state, s.actor_kind,
             CASE WHEN s.actor_kind = 'staff' THEN $3::bigint END,
             CASE WHEN s.action IN ('assign', 'accept', 'respond') THEN o.lead_unit_id END,
             CASE s.action WHEN 'rate' THEN jsonb_build_object('level', o.rating)
                           WHEN 'supervise' THEN jsonb_build_object('level', 'reminder') ELSE '{}'::jsonb END,
             -- Spread over the days after registration, never in the future.
             o.created_at + least(make_interval(secs => s.days * 86400), (now() - o.created_at) * (s.step / 11.0))
           FROM bench_step s JOIN opinion o ON o.id > $1 AND o.id <= $2
            AND s.need <= CASE o.state WHEN 'registered' THEN 0 WHEN 'triaged' THEN 1 WHEN 'assigned' THEN 2
              WHEN 'inProgress' THEN 3 WHEN 'responded' THEN 4 WHEN 'fedBack' THEN 5 WHEN 'rated' THEN 6 ELSE 7 END
           WHERE s.step = $4`,
          [from, upto, staffId, step],
        );
      }
      log(`  events of opinions up to #${upto} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
    phase('events');

    // ---- Indexes and foreign keys back, from their own definitions (the keys validated over every row).
    await q(`SET max_parallel_maintenance_workers = 1`);
    for (const i of indexes as { def: string }[]) await q(i.def);
    phase('indexes re-created');
    for (const f of fks as { tbl: string; name: string; def: string }[])
      await q(`ALTER TABLE ${f.tbl} ADD CONSTRAINT ${f.name} ${f.def}`);
    phase('foreign keys re-added and validated');
    // Visibility map and statistics: the planner needs them (without, it takes a street's 10,000
    // rows for 4), and only the owner may ANALYZE.
    await q(`VACUUM (ANALYZE) opinion, opinion_event, opinion_assignment, reception, reception_duty, deputy,
               station_member, organization, station`);
    phase('vacuum and analyze');
    const r = await rebuild(p.db);
    phase(`statistics rollups rebuilt (${r.opinions} opinions)`);
    const { rows: statTables } = await q(
      `SELECT quote_ident(relname) AS name FROM pg_class WHERE relkind = 'r' AND relname LIKE 'stat\\_%' ORDER BY relname`,
    );
    await q(`ANALYZE ${statTables.map((t) => (t as { name: string }).name).join(', ')}`);
    phase('analyze the rollups');
    const { rows: totals } = await q(
      `SELECT (SELECT count(*) FROM opinion_event WHERE opinion_id > $1)::bigint AS events,
              (SELECT count(*) FROM opinion_assignment a WHERE a.opinion_id > $1)::bigint AS assignments,
              (SELECT count(*) FROM deputy)::bigint AS deputies,
              (SELECT count(*) FROM reception)::bigint AS receptions`,
      [firstId],
    );
    const tot = totals[0] as Record<string, string>;
    const seconds = (Date.now() - started) / 1000;
    log(`  generated ${count} opinions and ${tot.events} events in ${seconds.toFixed(0)} s`);
    return {
      opinions: count,
      events: Number(tot.events),
      assignments: Number(tot.assignments),
      stations: allStations,
      deputies: Number(tot.deputies),
      receptions: Number(tot.receptions),
      phases,
      seconds,
    };
  } finally {
    await db.end();
  }
}
