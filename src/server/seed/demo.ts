import { sql } from 'kysely';
import type { Role } from '../../contracts/roles.js';
import { inTransaction, type Tx } from '../db/database.js';
import type { RequestContext } from '../platform/audit/audit.js';
import { hashPassword } from '../platform/auth/passwords.js';
import { maskPhone } from '../platform/text/personal-data.js';
import { pinyinKeys } from '../platform/text/pinyin.js';
import type { ReceptionRule } from '../../contracts/reception-rule.js';
import { modules } from '../modules/index.js';
import { importRegions, loadRegionFile } from '../modules/regions/service.js';
import type { Platform } from '../platform/context.js';

/**
 * The demo district: 宁波市北仑区 with its real streets and communities (NBS division codes, from
 * the shipped region file), and fictional people.
 */
export const DEMO_PASSWORD = 'Liaison@2026';

/** The demo's streets by name (their NBS codes come from the shipped region file). */
const streets = [
  ['新碶街道', 'xinqi'],
  ['小港街道', 'xiaogang'],
  ['大碶街道', 'daqi'],
  ['霞浦街道', 'xiapu'],
  ['柴桥街道', 'chaiqiao'],
  ['戚家山街道', 'qijiashan'],
  ['春晓街道', 'chunxiao'],
  ['梅山街道', 'meishan'],
  ['郭巨街道', 'guoju'],
  ['白峰街道', 'baifeng'],
  ['大榭街道', 'daxie'],
] as const;

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  orgName: string;
}

/** Loads the demo district into an empty database; returns its accounts (nothing when already there). */
export async function seedDemo(p: Platform): Promise<DemoAccount[]> {
  const ctx: RequestContext = { actor: null, requestId: 'seed-demo', ip: null, userAgent: 'liaison seed --demo' };
  const exists = await p.db.selectFrom('region').select('code').where('code', '=', '330206').executeTakeFirst();
  if (exists) return [];
  const hash = await hashPassword(DEMO_PASSWORD);
  return inTransaction(p.db, async (trx) => {
    const regions = loadRegionFile('330206');
    await importRegions(p, trx, ctx, regions);
    const codeOf = (name: string) => regions.find((r) => r[1] === name && r[3] === '330206')![0];
    const org = async (name: string, kind: string, parent: { id: number; path: string } | null, regionCode: string) => {
      const keys = pinyinKeys(name);
      const { id } = await trx
        .insertInto('organization')
        .values({
          name,
          kind,
          parent_id: parent?.id ?? null,
          region_code: regionCode,
          name_initials: keys.initials,
          name_sort: keys.sort,
          path: sql<string>`'0'::ltree`,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const path = parent ? `${parent.path}.${id}` : String(id);
      await trx.updateTable('organization').set({ path }).where('id', '=', id).execute();
      return { id, path, name };
    };
    const root = await org('北仑区人大常委会', 'standingCommittee', null, '330206');
    const daw = await org('北仑区人大常委会代表工作委员会', 'deputyAffairsCommittee', root, '330206');
    const housing = await org('北仑区住房和城乡建设局', 'department', root, '330206');
    await contact(trx, housing.id, '冯住建', '0574-86780001');
    const byStreet = new Map<string, DemoStreet>();
    for (const [i, [name, key]] of streets.entries()) {
      const code = codeOf(name);
      const committee = await org(`${name}人大工委`, 'streetWorkingCommittee', root, code);
      const office = await org(`${name}办事处`, 'streetOffice', committee, code);
      await contact(trx, office.id, `${name.slice(0, 2)}办公室`, `0574-8610${String(i).padStart(4, '0')}`);
      const station = await org(`${name}人大代表联络站`, 'station', committee, code);
      const communities = regions.filter((r) => r[3] === code).map((r) => r[0]);
      byStreet.set(key, { committee, office, station, communities });
    }
    const xinqi = byStreet.get('xinqi')!;
    const daqi = byStreet.get('daqi')!;

    const accounts: (DemoAccount & { orgId: number; roleOrgId: number })[] = [];
    const person = (username: string, displayName: string, role: Role, home: typeof root, roleOrg = home) =>
      accounts.push({ username, displayName, role, orgName: roleOrg.name, orgId: home.id, roleOrgId: roleOrg.id });
    person('admin', '林系统', 'admin', root);
    person('security', '陈安全', 'securityAdmin', root);
    person('auditor', '周审计', 'auditor', root);
    person('district', '王代表工委', 'districtOfficer', daw, root);
    person('xinqi.officer', '李新碶', 'streetOfficer', xinqi.committee);
    person('daqi.officer', '赵大碶', 'streetOfficer', daqi.committee);
    // The street office head signs assignments (签字交办) over the whole street.
    person('xinqi.director', '林主任', 'streetHead', xinqi.office, xinqi.committee);
    person('xinqi.head', '张站长', 'stationHead', xinqi.station);
    person('xinqi.liaison', '孙联络', 'liaisonOfficer', xinqi.station);
    person('deputy.wu', '吴代表', 'deputy', xinqi.station);
    person('xinqi.office', '郑承办', 'handlingUnitStaff', xinqi.office);
    person('housing.staff', '冯住建', 'handlingUnitStaff', housing);
    person('xinqi.consultant', '何咨询', 'consultant', xinqi.office);

    const userIds = new Map<string, number>();
    for (const a of accounts) {
      const { id } = await trx
        .insertInto('app_user')
        .values({
          username: a.username,
          display_name: a.displayName,
          org_id: a.orgId,
          password_hash: hash,
          must_change_password: false,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('user_role').values({ user_id: id, role: a.role, org_id: a.roleOrgId }).execute();
      userIds.set(a.username, id);
    }
    await seedStationsAndDeputies(p, trx, byStreet);
    // 吴代表 signs in as deputy.wu: the home page shows their duty ("我的履职").
    await trx
      .updateTable('deputy')
      .set({ user_id: userIds.get('deputy.wu')! })
      .where('org_id', '=', xinqi.committee.id)
      .where('name', '=', '吴代表')
      .execute();
    for (const m of modules) await m.seedDemo?.(p, trx, ctx);
    await recordSeed(p, trx, ctx, accounts.length);
    return accounts.map(({ username, displayName, role, orgName }) => ({ username, displayName, role, orgName }));
  });
}

/** Fictional deputies (names, occupations and numbers invented), per street. */
const demoDeputies: Record<string, [string, string, string, 'male' | 'female', number][]> = {
  xinqi: [
    ['吴代表', '新碶街道某社区党委书记', '13800000001', 'male', 1975],
    ['陈晓梅', '区人民医院护士长', '13800000002', 'female', 1982],
    ['黄建国', '某机械有限公司技术员', '13800000003', 'male', 1979],
  ],
  daqi: [['周丽华', '大碶中学教师', '13800000011', 'female', 1985]],
  xiaogang: [
    ['蒋海波', '小港某村村委会主任', '13800000021', 'male', 1970],
    ['沈佳怡', '个体工商户', '13800000022', 'female', 1990],
  ],
};

/**
 * Station details for every street's station and a few deputies: 新碶 meets every composition
 * rule; the others show the check at work (too few deputies, no head, wall not filled in).
 */
async function seedStationsAndDeputies(p: Platform, trx: Tx, byStreet: Map<string, DemoStreet>) {
  for (const [key, { station, communities }] of byStreet) {
    const complete = key === 'xinqi';
    const rule: ReceptionRule | null = complete
      ? { kind: 'monthlyNthWeekday', nth: 1, weekday: 3, time: { start: '09:00', end: '11:30' }, skipHolidays: 'next' }
      : key === 'daqi'
        ? { kind: 'lunarMonthlyDay', lunarDay: 16 }
        : null;
    await trx
      .insertInto('station')
      .values({
        org_id: station.id,
        kind: 'workstation',
        address: complete ? '北仑区新碶街道某路 1 号（演示地址）' : null,
        opening_hours: complete ? '工作日 8:30–17:00' : null,
        reception_schedule: rule ? JSON.stringify(rule) : null,
        reception_rule: complete ? '其他时间可电话预约' : null,
        latitude: demoStationPlaces[key]?.lat ?? null,
        longitude: demoStationPlaces[key]?.lng ?? null,
        published_rules: complete ? '人大代表联络站工作制度：定期接待、登记、交办、反馈、测评。' : null,
        published_workflow: complete ? '群众反映 → 登记 → 梳理研判 → 交办 → 办理 → 反馈 → 满意度测评' : null,
      })
      .execute();
    await trx
      .updateTable('organization')
      .set({ code: `BL-${key.toUpperCase()}`, contact_phone: demoStationPlaces[key]?.phone ?? null })
      .where('id', '=', station.id)
      .execute();
    if (communities.length) {
      await trx
        .insertInto('station_region')
        .values(communities.slice(0, 4).map((region_code) => ({ station_id: station.id, region_code })))
        .execute();
    }
  }
  const xinqi = byStreet.get('xinqi')!;
  for (const [name, phone, community] of demoInformants) {
    await trx
      .insertInto('informant')
      .values({
        station_id: xinqi.station.id,
        name,
        name_sort: pinyinKeys(name).sort,
        community,
        phone_sealed: p.fields.encrypt(phone),
        phone_masked: maskPhone(phone),
        phone_digest: p.fields.blindIndex(phone),
      })
      .execute();
  }
  const deputyIds: number[] = [];
  for (const [key, list] of Object.entries(demoDeputies)) {
    const street = byStreet.get(key)!;
    for (const [i, [name, occupation, phone, sex, birthYear]] of list.entries()) {
      const keys = pinyinKeys(name);
      const { id } = await trx
        .insertInto('deputy')
        .values({
          org_id: street.committee.id,
          name,
          name_initials: keys.initials,
          name_sort: keys.sort,
          sex,
          birth_year: birthYear,
          ethnicity: '汉族',
          occupation,
          election: 'direct',
          constituency: `北仑区第${i + 1}选区（演示）`,
          terms: ['第十七届', '第十八届'],
          public_contact: '请通过联络站联系',
          private_phone_sealed: p.fields.encrypt(phone),
          private_phone_masked: maskPhone(phone),
          private_phone_digest: p.fields.blindIndex(phone),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('deputy_level').values({ deputy_id: id, level: 'county' }).execute();
      if (key === 'xinqi') deputyIds.push(id);
      await trx
        .insertInto('station_member')
        .values({ station_id: street.station.id, deputy_id: id, is_head: i === 0 && key === 'xinqi' })
        .execute();
    }
  }
  const { id: group } = await trx
    .insertInto('deputy_group')
    .values({
      org_id: xinqi.committee.id,
      name: '新碶街道第一代表小组',
      name_sort: pinyinKeys('新碶街道第一代表小组').sort,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('deputy_group_member')
    .values(deputyIds.map((deputy_id, i) => ({ group_id: group, deputy_id, is_leader: i === 0 })))
    .execute();
}

/**
 * Where the demo's stations are (near each street's centre, to about a kilometre) and their
 * fictional phones, so that the portal's "nearest station" and "call the station" work in a demo.
 */
const demoStationPlaces: Record<string, { lat: number; lng: number; phone: string }> = {
  xinqi: { lat: 29.889, lng: 121.848, phone: '0574-86860001' },
  xiaogang: { lat: 29.965, lng: 121.705, phone: '0574-86860002' },
  daqi: { lat: 29.873, lng: 121.935, phone: '0574-86860003' },
  xiapu: { lat: 29.852, lng: 121.997, phone: '0574-86860004' },
  chaiqiao: { lat: 29.878, lng: 122.052, phone: '0574-86860005' },
  qijiashan: { lat: 29.937, lng: 121.786, phone: '0574-86860006' },
  chunxiao: { lat: 29.812, lng: 121.962, phone: '0574-86860007' },
  meishan: { lat: 29.787, lng: 121.985, phone: '0574-86860008' },
  guoju: { lat: 29.846, lng: 122.125, phone: '0574-86860009' },
  baifeng: { lat: 29.908, lng: 122.103, phone: '0574-86860010' },
  daxie: { lat: 29.927, lng: 121.951, phone: '0574-86860011' },
};

/** Fictional informants (民情联络员) of the 新碶 station: name, phone, community. */
const demoInformants: [string, string, string][] = [
  ['马秀英', '13800000101', '海景社区'],
  ['罗志强', '13800000102', '明州社区'],
];

interface DemoOrg {
  id: number;
  path: string;
  name: string;
}

interface DemoStreet {
  committee: DemoOrg;
  office: DemoOrg;
  station: DemoOrg;
  /** Region codes of the street's communities. */
  communities: string[];
}

/** A handling unit's contact person and office phone (fictional). */
async function contact(trx: Tx, id: number, person: string, phone: string) {
  await trx
    .updateTable('organization')
    .set({ contact_person: person, contact_phone: phone })
    .where('id', '=', id)
    .execute();
}

async function recordSeed(p: Platform, trx: Tx, ctx: RequestContext, users: number) {
  await p.audit.record(trx, ctx, { action: 'seed.demo', summary: { district: '北仑区', users } });
}
