import { type Kysely, sql } from 'kysely';

/** The standard category tree the documents' offices use; admins edit it afterwards. */
const standardCategories: [
  code: string,
  zh: string,
  en: string,
  keywords: string,
  children: [string, string, string, string][],
][] = [
  [
    'urban',
    '城乡建设',
    'Urban and rural construction',
    '建设 小区 房屋 道路',
    [
      ['roads', '道路桥梁', 'Roads and bridges', '道路 路面 坑洼 桥梁 人行道 破损'],
      ['lighting', '路灯照明', 'Street lighting', '路灯 照明 灯 不亮 黑'],
      ['oldEstates', '老旧小区改造', 'Old estate renewal', '老旧小区 改造 加装 电梯 外墙'],
      ['property', '物业管理', 'Property management', '物业 物业费 业委会 保安'],
      ['illegalBuilding', '违章建筑', 'Illegal construction', '违章 违建 搭建 私搭'],
    ],
  ],
  [
    'transport',
    '交通出行',
    'Transport',
    '交通 出行',
    [
      ['bus', '公交线路', 'Bus routes', '公交 公交车 站点 班次 线路'],
      ['parking', '停车管理', 'Parking', '停车 车位 停车场 乱停'],
      ['trafficSafety', '交通安全', 'Traffic safety', '红绿灯 斑马线 超速 安全 路口'],
      ['congestion', '道路拥堵', 'Congestion', '拥堵 堵车 早高峰'],
    ],
  ],
  [
    'environment',
    '环境保护',
    'Environment',
    '环境 污染',
    [
      ['waste', '垃圾分类', 'Waste sorting', '垃圾 分类 垃圾桶 清运'],
      ['noise', '噪声扰民', 'Noise', '噪声 噪音 扰民 施工 夜间'],
      ['water', '水体污染', 'Water pollution', '河道 水体 污水 发臭 排放'],
      ['air', '大气污染', 'Air pollution', '油烟 废气 粉尘 异味 烟尘'],
      ['greening', '绿化养护', 'Greenery', '绿化 树木 草坪 修剪'],
    ],
  ],
  [
    'welfare',
    '社会保障',
    'Social security',
    '保障 补贴',
    [
      ['elderly', '养老服务', 'Elderly care', '养老 老人 老年 助餐 居家养老'],
      ['insurance', '医疗保险', 'Medical insurance', '医保 社保 报销 参保'],
      ['assistance', '社会救助', 'Social assistance', '低保 救助 困难 补助'],
      ['disability', '残疾人服务', 'Disability services', '残疾 无障碍 轮椅'],
    ],
  ],
  [
    'health',
    '医疗卫生',
    'Health',
    '医疗 卫生 医院',
    [
      ['community', '社区医疗', 'Community clinics', '卫生院 社区医院 看病 配药'],
      ['publicHealth', '公共卫生', 'Public health', '防疫 疫苗 卫生'],
      ['disputes', '医患纠纷', 'Medical disputes', '医患 纠纷 医疗事故'],
    ],
  ],
  [
    'education',
    '教育',
    'Education',
    '教育 学校 学生',
    [
      ['enrolment', '入学就学', 'School places', '入学 学位 上学 招生'],
      ['schoolArea', '校园周边', 'Around schools', '校园 周边 接送 学校门口'],
      ['childcare', '托育服务', 'Childcare', '托育 托儿所 幼儿园'],
    ],
  ],
  [
    'employment',
    '劳动就业',
    'Work and employment',
    '就业 工作',
    [
      ['jobs', '就业创业', 'Jobs and start-ups', '就业 创业 招聘 失业'],
      ['labourDisputes', '劳动纠纷', 'Labour disputes', '欠薪 工资 拖欠 劳动合同 讨薪'],
      ['training', '技能培训', 'Skills training', '培训 技能 职业'],
    ],
  ],
  [
    'market',
    '市场监管',
    'Market regulation',
    '市场 商家',
    [
      ['food', '食品安全', 'Food safety', '食品 过期 餐馆 卫生 食物'],
      ['prices', '价格投诉', 'Prices', '价格 收费 乱收费 涨价'],
      ['consumers', '消费维权', 'Consumer rights', '消费 退款 维权 商家 预付卡'],
    ],
  ],
  [
    'rural',
    '农业农村',
    'Agriculture and villages',
    '农业 农村 农民',
    [
      ['irrigation', '农田水利', 'Farmland and irrigation', '农田 水利 灌溉 沟渠'],
      ['villageRoads', '农村道路', 'Village roads', '村道 机耕路 农村道路'],
      ['revitalisation', '乡村振兴', 'Rural revitalisation', '乡村振兴 产业 集体经济'],
    ],
  ],
  [
    'governance',
    '社会治理',
    'Community governance',
    '治理 社区',
    [
      ['neighbours', '邻里纠纷', 'Neighbour disputes', '邻居 邻里 纠纷 漏水 矛盾'],
      ['security', '治安防范', 'Public security', '治安 盗窃 监控 诈骗'],
      ['grassroots', '基层治理', 'Grassroots governance', '村委 居委 网格 基层'],
    ],
  ],
  [
    'policy',
    '政策咨询',
    'Policy questions',
    '政策 咨询',
    [
      ['explain', '政策解读', 'Policy explanation', '政策 解读 规定 标准'],
      ['procedures', '办事指南', 'How to apply', '办理 手续 材料 流程 怎么办'],
    ],
  ],
  ['other', '其他', 'Other', '', [['misc', '其他事项', 'Other matters', '']]],
];

/** The closed loop: opinions, their categories, assignments to handling units, and the event log. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE opinion_category (
      id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      parent_id             bigint REFERENCES opinion_category(id),
      code                  text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z][A-Za-z0-9.]{0,63}$'),
      name                  text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
      name_en               text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 80),
      keywords              text[] NOT NULL DEFAULT '{}',
      default_unit_id       bigint REFERENCES organization(id),
      default_deadline_days integer CHECK (default_deadline_days BETWEEN 1 AND 90),
      active                boolean NOT NULL DEFAULT true,
      sort                  integer NOT NULL DEFAULT 0
    )`.execute(db);
  let sort = 0;
  for (const [code, zh, en, keywords, children] of standardCategories) {
    const { rows } = await sql<{ id: number }>`
      INSERT INTO opinion_category (code, name, name_en, keywords, sort)
      VALUES (${code}, ${zh}, ${en}, ${keywords.split(' ').filter(Boolean)}, ${sort++}) RETURNING id`.execute(db);
    for (const [childCode, childZh, childEn, childKeywords] of children)
      await sql`
        INSERT INTO opinion_category (parent_id, code, name, name_en, keywords, sort)
        VALUES (${rows[0]!.id}, ${`${code}.${childCode}`}, ${childZh}, ${childEn},
                ${childKeywords.split(' ').filter(Boolean)}, ${sort++})`.execute(db);
  }

  await sql`
    CREATE TABLE opinion (
      id                         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      receipt_code               text NOT NULL UNIQUE,
      org_id                     bigint NOT NULL REFERENCES organization(id),
      org_path                   ltree NOT NULL,
      committee_id               bigint REFERENCES organization(id),
      channel                    text NOT NULL CHECK (channel IN
                                   ('reception','online','qrCode','phone','visit','letter','informant')),
      reception_id               bigint,
      state                      text NOT NULL CHECK (state IN ('registered','triaged','answered','assigned',
                                   'inProgress','responded','fedBack','rated','closed','merged','rejected','escalated')),
      category_id                bigint REFERENCES opinion_category(id),
      tier                       text CHECK (tier IN ('street','district','higher')),
      urgency                    text NOT NULL DEFAULT 'normal' CHECK (urgency IN ('normal','urgent')),
      tags                       text[] NOT NULL DEFAULT '{}',
      content                    text NOT NULL CHECK (length(content) BETWEEN 1 AND 5000),
      location                   text CHECK (length(location) <= 200),
      anonymous                  boolean NOT NULL DEFAULT false,
      constituent_name_sealed    text,
      constituent_name_masked    text,
      constituent_phone_sealed   text,
      constituent_phone_masked   text,
      constituent_phone_digest   text,
      constituent_address_sealed text,
      contactable                boolean NOT NULL,
      merged_into                bigint REFERENCES opinion(id),
      lead_unit_id               bigint REFERENCES organization(id),
      lead_unit_path             ltree,
      unit_paths                 ltree[] NOT NULL DEFAULT '{}',
      deadline                   date,
      accept_by                  date,
      overdue                    boolean NOT NULL DEFAULT false,
      supervision_level          text CHECK (supervision_level IN ('reminder','supervision','escalation')),
      return_count               integer NOT NULL DEFAULT 0,
      extension_count            integer NOT NULL DEFAULT 0,
      extension_pending          boolean NOT NULL DEFAULT false,
      reopen_count               integer NOT NULL DEFAULT 0,
      rating                     text CHECK (rating IN ('verySatisfied','satisfied','basicallySatisfied',
                                   'dissatisfied','veryDissatisfied')),
      outcome                    text CHECK (outcome IN ('satisfied','dissatisfiedAfterReview','unrated','noContact',
                                   'merged','rejected')),
      suggestion_ref             text CHECK (length(suggestion_ref) <= 100),
      search                     tsvector NOT NULL,
      idempotency_key            text UNIQUE,
      created_by                 bigint REFERENCES app_user(id),
      created_at                 timestamptz NOT NULL DEFAULT now(),
      updated_at                 timestamptz NOT NULL DEFAULT now(),
      CHECK (anonymous OR constituent_name_sealed IS NOT NULL OR constituent_phone_sealed IS NOT NULL)
    )`.execute(db);
  await sql`CREATE INDEX opinion_scope ON opinion USING gist (org_path)`.execute(db);
  await sql`CREATE INDEX opinion_state_id ON opinion (state, id DESC)`.execute(db);
  // Work queues are scoped to a station (org_id) or a working committee (committee_id, the
  // station's parent); these keep a page of 20 cheap at millions of rows. Wider scopes (district)
  // match most rows anyway and walk the primary key newest first.
  await sql`CREATE INDEX opinion_station_queue ON opinion (org_id, state, id DESC)`.execute(db);
  await sql`CREATE INDEX opinion_committee_queue ON opinion (committee_id, state, id DESC)`.execute(db);
  await sql`CREATE INDEX opinion_committee_recent ON opinion (committee_id, id DESC)`.execute(db);
  await sql`CREATE INDEX opinion_lead_unit ON opinion USING gist (lead_unit_path) WHERE lead_unit_path IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX opinion_units ON opinion USING gist (unit_paths)`.execute(db);
  await sql`CREATE INDEX opinion_search ON opinion USING gin (search)`.execute(db);
  await sql`CREATE INDEX opinion_due ON opinion (deadline) WHERE state IN ('assigned','inProgress')`.execute(db);
  await sql`CREATE INDEX opinion_phone ON opinion (constituent_phone_digest) WHERE constituent_phone_digest IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX opinion_merged ON opinion (merged_into) WHERE merged_into IS NOT NULL`.execute(db);

  await sql`
    CREATE TABLE opinion_deputy (
      opinion_id bigint NOT NULL REFERENCES opinion(id),
      deputy_id  bigint NOT NULL REFERENCES deputy(id),
      PRIMARY KEY (opinion_id, deputy_id)
    )`.execute(db);

  await sql`
    CREATE TABLE opinion_assignment (
      id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      opinion_id         bigint NOT NULL REFERENCES opinion(id),
      unit_id            bigint NOT NULL REFERENCES organization(id),
      is_lead            boolean NOT NULL,
      round              integer NOT NULL,
      state              text NOT NULL CHECK (state IN ('assigned','accepted','returned','responded','withdrawn')),
      deadline           date NOT NULL,
      accept_by          date NOT NULL,
      signed_by          text NOT NULL CHECK (length(signed_by) BETWEEN 1 AND 50),
      signed_at          timestamptz NOT NULL,
      assigned_by        bigint NOT NULL REFERENCES app_user(id),
      assigned_at        timestamptz NOT NULL DEFAULT now(),
      accepted_at        timestamptz,
      returned_reason    text,
      response           text,
      result_type        text CHECK (result_type IN ('solved','beingSolved','explained','cannotSolve')),
      responded_at       timestamptz,
      extension_days     integer,
      extension_reason   text,
      extension_state    text CHECK (extension_state IN ('requested','approved','refused')),
      reminders_sent     text[] NOT NULL DEFAULT '{}'
    )`.execute(db);
  await sql`CREATE INDEX opinion_assignment_opinion ON opinion_assignment (opinion_id)`.execute(db);
  await sql`CREATE INDEX opinion_assignment_unit ON opinion_assignment (unit_id, state)`.execute(db);

  await sql`
    CREATE TABLE opinion_event (
      id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      opinion_id  bigint NOT NULL REFERENCES opinion(id),
      action      text NOT NULL,
      from_state  text,
      to_state    text NOT NULL,
      actor_kind  text NOT NULL CHECK (actor_kind IN ('staff','constituent','system')),
      actor_id    bigint REFERENCES app_user(id),
      actor_name  text,
      unit_id     bigint REFERENCES organization(id),
      note        text,
      public_note text,
      data        jsonb NOT NULL DEFAULT '{}',
      at          timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX opinion_event_opinion ON opinion_event (opinion_id, id)`.execute(db);
  // Events are appended, never changed.
  await sql`
    CREATE FUNCTION opinion_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'opinion_event is append-only'; END $$`.execute(db);
  await sql`
    CREATE TRIGGER opinion_event_no_change BEFORE UPDATE OR DELETE ON opinion_event
    FOR EACH ROW EXECUTE FUNCTION opinion_event_append_only()`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('forward-only migration');
}
