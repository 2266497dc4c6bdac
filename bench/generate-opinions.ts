import { sql } from 'kysely';
import pg from 'pg';
import type { Platform } from '../src/server/platform/context.js';
import { searchDocument } from '../src/server/platform/text/segment.js';

/**
 * Fills the database with `count` opinions of realistic Chinese text spread over the demo
 * district's stations, states, categories and two years: what the work queue and the search
 * read at scale. Texts are combined from places, problems and details (a few thousand distinct
 * ones), segmented by jieba once each, and inserted by PostgreSQL in batches.
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

export async function generateOpinions(
  p: Platform,
  ownerUrl: string,
  count: number,
  log: (s: string) => void = () => {},
) {
  const texts: string[] = [];
  for (const place of places)
    for (const [i, problem] of problems.entries())
      texts.push(`${place}${problem}，${details[(i + place.length) % details.length]}`);
  const docs = texts.map((t) => searchDocument(t));
  const stations = await p.db
    .selectFrom('organization')
    .select(['id', 'path', 'parent_id'])
    .where('kind', '=', 'station')
    .orderBy('id')
    .execute();
  const units = await p.db
    .selectFrom('organization')
    .select(['id', 'path'])
    .where('kind', 'in', ['streetOffice', 'department'])
    .orderBy('id')
    .execute();
  const categories = await p.db
    .selectFrom('opinion_category')
    .select('id')
    .where('parent_id', 'is not', null)
    .orderBy('id')
    .execute();
  if (!stations.length || !units.length)
    throw new Error('generateOpinions: the demo district has no stations or units');
  // One sealed name for every row: the bench measures reads, not decryption.
  const sealedName = p.fields.encrypt('王秀英');
  const batch = 50_000;
  const started = Date.now();
  for (let from = 0; from < count; from += batch) {
    const to = Math.min(count, from + batch) - 1;
    await sql`
      WITH g AS (SELECT i FROM generate_series(${from}::int, ${to}::int) AS i),
      rows AS (
        SELECT i,
          (${sql.val(stations.map((s) => s.id))}::bigint[])[1 + i % ${stations.length}] AS org_id,
          (${sql.val(stations.map((s) => s.path))}::text[])[1 + i % ${stations.length}]::ltree AS org_path,
          (${sql.val(stations.map((s) => s.parent_id))}::bigint[])[1 + i % ${stations.length}] AS committee_id,
          (${sql.val(units.map((u) => u.id))}::bigint[])[1 + (i / 7) % ${units.length}] AS unit_id,
          (${sql.val(units.map((u) => u.path))}::text[])[1 + (i / 7) % ${units.length}]::ltree AS unit_path,
          (${sql.val(stateCycle)}::text[])[1 + i % 20] AS state,
          (1 + (i::bigint * 7919) % ${texts.length})::int AS t
        FROM g)
      INSERT INTO opinion (receipt_code, org_id, org_path, committee_id, channel, state, category_id, tier, urgency, content,
        anonymous, constituent_name_sealed, constituent_name_masked, contactable, lead_unit_id, lead_unit_path, unit_paths, deadline,
        overdue, search, created_at, updated_at)
      SELECT 'B' || lpad(upper(to_hex(i)), 9, '0'), org_id, org_path, committee_id,
        (${sql.val(channels)}::text[])[1 + i % ${channels.length}],
        state,
        CASE WHEN state = 'registered' THEN NULL
             ELSE (${sql.val(categories.map((c) => c.id))}::bigint[])[1 + i % ${categories.length}] END,
        CASE WHEN state = 'registered' THEN NULL ELSE 'street' END,
        CASE WHEN i % 17 = 0 THEN 'urgent' ELSE 'normal' END,
        (${sql.val(texts)}::text[])[t],
        i % 9 = 0, CASE WHEN i % 9 = 0 THEN NULL ELSE ${sealedName} END, CASE WHEN i % 9 = 0 THEN NULL ELSE '王**' END,
        i % 9 <> 0,
        CASE WHEN state IN ('registered', 'triaged') THEN NULL ELSE unit_id END,
        CASE WHEN state IN ('registered', 'triaged') THEN NULL ELSE unit_path END,
        CASE WHEN state IN ('registered', 'triaged') THEN '{}'::ltree[] ELSE ARRAY[unit_path] END,
        CASE WHEN state IN ('assigned', 'inProgress') THEN current_date + CASE WHEN (i / 20) % 4 = 0 THEN -3 ELSE 10 END END,
        state IN ('assigned', 'inProgress') AND (i / 20) % 4 = 0,
        to_tsvector('simple', (${sql.val(docs)}::text[])[t]),
        now() - make_interval(mins => (${count}::int - i) % (730 * 24 * 60)),
        now()
      FROM rows`.execute(p.db);
    log(`  ${to + 1} opinions (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  await sql`
    INSERT INTO opinion_event (opinion_id, action, from_state, to_state, actor_kind, at)
    SELECT id, 'register', NULL, 'registered', 'staff', created_at FROM opinion WHERE receipt_code LIKE 'B%'`.execute(
    p.db,
  );
  // Only the owner may ANALYZE (the application role would be skipped with a mere warning), and
  // without statistics the planner takes a street's 10 000 rows for 4.
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    await owner.query('ANALYZE opinion');
    await owner.query('ANALYZE opinion_event');
  } finally {
    await owner.end();
  }
  log(`  generated ${count} opinions in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
