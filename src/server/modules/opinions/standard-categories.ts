import type { Db, Tx } from '../../db/database.js';

/** The standard category tree the documents' offices use; admins edit it afterwards. */
export const standardCategories: [
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

/**
 * Loads the standard tree into an empty category table (reference data, like the calendar: at
 * `serve`, `migrate` and the demo seed, never in a migration, so a restore still finds an empty
 * database). Returns how many categories it added.
 */
export async function ensureStandardCategories(db: Db | Tx): Promise<number> {
  const any = await db.selectFrom('opinion_category').select('id').limit(1).executeTakeFirst();
  if (any) return 0;
  let sort = 0;
  for (const [code, zh, en, keywords, children] of standardCategories) {
    const { id } = await db
      .insertInto('opinion_category')
      .values({ code, name: zh, name_en: en, keywords: keywords.split(' ').filter(Boolean), sort: sort++ })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [childCode, childZh, childEn, childKeywords] of children)
      await db
        .insertInto('opinion_category')
        .values({
          parent_id: id,
          code: `${code}.${childCode}`,
          name: childZh,
          name_en: childEn,
          keywords: childKeywords.split(' ').filter(Boolean),
          sort: sort++,
        })
        .execute();
  }
  return sort;
}
