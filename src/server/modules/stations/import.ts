import type { ImportResult } from '../../../contracts/imports.js';
import { describeRule, normalizeRule, parseRuleText, ReceptionRule } from '../../../contracts/reception-rule.js';
import type { StationPatch, StationView } from '../../../contracts/stations.js';
import { inTransaction } from '../../db/database.js';
import type { Actor } from '../../platform/access/policy.js';
import type { AuditEntry, RequestContext } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import type { Table } from '../../platform/files/table-file.js';
import { listCell, readRows, refuseUnlessClean, yesNo } from '../../platform/files/table-import.js';
import {
  importTarget,
  matchExisting,
  moveOrganization,
  noCycles,
  parentsByName,
  readActive,
  readCode,
  type ParentRef,
} from '../org/import.js';
import { insertOrganizations, patchOrganization } from '../org/service.js';
import { setStationRegions, stationColumns } from './service.js';

export const stationColumnsInFile = [
  '编号',
  '名称',
  '类型',
  '专业领域',
  '上级机构',
  '地址',
  '经度',
  '纬度',
  '开放时间',
  '接待日规则',
  '接待安排说明',
  '工作制度',
  '工作流程',
  '网上联络站',
  '覆盖区域',
  '状态',
] as const;

export const kindLabel = {
  home: '代表之家',
  workstation: '代表工作站',
  liaisonRoom: '代表联络室',
  professional: '专业代表工作站',
} as const;
const kindOf = new Map<string, keyof typeof kindLabel>(
  Object.entries(kindLabel).map(([k, v]) => [v, k as keyof typeof kindLabel]),
);

export const stationTemplate: string[][] = [
  [...stationColumnsInFile],
  [
    'S001',
    '某街道某社区代表联络室',
    '代表联络室',
    '',
    '某街道人大工委',
    '某路 1 号',
    '121.8',
    '29.9',
    '工作日 8:30–17:00',
    '每月第一个周三 09:00–11:30',
    '遇法定节假日顺延；其他时间可预约',
    '定期接待、登记、交办、反馈、测评。',
    '反映 → 登记 → 交办 → 办理 → 反馈 → 测评',
    '是',
    '330206001001、330206001002',
    '启用',
  ],
];

/** A station as one row of the file (the export writes these columns, the import reads them). */
export function stationRow(s: StationView): string[] {
  return [
    s.code ?? '',
    s.name,
    kindLabel[s.kind],
    s.domain ?? '',
    s.parentName ?? '',
    s.address ?? '',
    s.longitude === null ? '' : String(s.longitude),
    s.latitude === null ? '' : String(s.latitude),
    s.openingHours ?? '',
    s.receptionSchedule ? describeRule(s.receptionSchedule) : '',
    s.receptionRule ?? '',
    s.publishedRules ?? '',
    s.publishedWorkflow ?? '',
    s.onlineEnabled ? '是' : '否',
    s.regions.map((g) => g.code).join('、'),
    s.active ? '启用' : '停用',
  ];
}

/** A rule in a form that compares equal for rules that mean the same (for "unchanged"). */
const ruleKey = (rule: unknown) => (rule ? describeRule(normalizeRule(ReceptionRule.parse(rule))) : null);

interface StationRow {
  line: number;
  code: string | null;
  name: string;
  parent: string;
  regions: string[];
  active: boolean | null;
  fields: Required<Omit<StationPatch, 'name' | 'code' | 'active' | 'regionCodes'>>;
}

const coordinate = (text: string, min: number, max: number) => {
  if (!text) return null;
  const n = Number(text);
  return Number.isFinite(n) && n >= min && n <= max ? n : undefined;
};

function parseStations(table: Table) {
  return readRows(table, stationColumnsInFile, ['名称', '类型'], (row): StationRow => {
    const { get, bad } = row;
    const name = get('名称');
    if (!name) bad('名称', '名称不能为空');
    row.maxLength('名称', 100);
    const kind = kindOf.get(get('类型'));
    if (!kind) bad('类型', '类型应为 代表之家、代表工作站、代表联络室 或 专业代表工作站');
    const domain = get('专业领域');
    if (kind === 'professional' && !domain) bad('专业领域', '专业代表工作站须填写专业领域');
    const code = readCode(row);
    const longitude = coordinate(get('经度'), -180, 180);
    if (longitude === undefined) bad('经度', '经度应为 -180 到 180 之间的数');
    const latitude = coordinate(get('纬度'), -90, 90);
    if (latitude === undefined) bad('纬度', '纬度应为 -90 到 90 之间的数');
    for (const [c, max] of [
      ['专业领域', 50],
      ['地址', 200],
      ['开放时间', 200],
      ['接待安排说明', 200],
      ['工作制度', 5000],
      ['工作流程', 5000],
    ] as const)
      row.maxLength(c, max);
    const ruleText = get('接待日规则');
    const schedule = ruleText ? parseRuleText(ruleText) : null;
    if (ruleText && !schedule) {
      bad(
        '接待日规则',
        `无法识别“${ruleText}”：请写成 每月第一个周三、每月农历十六、每周二、每月15日 等，其他说明写在“接待安排说明”中`,
      );
    }
    const online = get('网上联络站') ? yesNo(get('网上联络站')) : true;
    if (online === null) bad('网上联络站', '应为“是”或“否”');
    const regions = listCell(get('覆盖区域'), true);
    if (regions.length > 200) bad('覆盖区域', '覆盖区域最多 200 个');
    row.unique(code ?? `name:${name}`, code ? '编号' : '名称');
    return {
      line: row.line,
      code,
      name,
      parent: get('上级机构'),
      regions,
      active: readActive(row),
      fields: {
        kind: kind!,
        domain: kind === 'professional' ? domain : null,
        address: get('地址') || null,
        longitude: longitude ?? null,
        latitude: latitude ?? null,
        openingHours: get('开放时间') || null,
        receptionSchedule: schedule,
        receptionRule: get('接待安排说明') || null,
        publishedRules: get('工作制度') || null,
        publishedWorkflow: get('工作流程') || null,
        onlineEnabled: online ?? true,
      },
    };
  });
}

/**
 * Resolves the 覆盖区域 of every row: a code as it is, a name when exactly one region of that name
 * lies in the region of the row's parent (or anywhere, when the parent has none).
 */
async function resolveRegions(
  p: Platform,
  rows: StationRow[],
  parents: Map<number, ParentRef>,
  problems: { row: number; column: string; problem: string }[],
) {
  const words = [...new Set(rows.flatMap((r) => r.regions))];
  const found = words.length
    ? await p.db
        .selectFrom('region')
        .select(['code', 'name', 'path'])
        .where((eb) => eb.or([eb('code', 'in', words), eb('name', 'in', words)]))
        .execute()
    : [];
  const parentRegions = new Map(
    (
      await p.db
        .selectFrom('region')
        .select(['code', 'path'])
        .where('code', 'in', ['', ...[...parents.values()].flatMap((x) => (x.region_code ? [x.region_code] : []))])
        .execute()
    ).map((r) => [r.code, r.path]),
  );
  const codes = new Map<number, string[]>();
  for (const r of rows) {
    const parent = parents.get(r.line);
    const within = parent?.region_code ? parentRegions.get(parent.region_code) : undefined;
    const list: string[] = [];
    for (const word of r.regions) {
      const byCode = found.find((g) => g.code === word);
      const byName = found.filter(
        (g) => g.name === word && (!within || g.path.startsWith(`${within}.`) || g.path === within),
      );
      const hit = byCode ?? (byName.length === 1 ? byName[0] : undefined);
      if (hit) list.push(hit.code);
      else
        problems.push({
          row: r.line,
          column: '覆盖区域',
          problem: byName.length > 1 ? `有多个名为“${word}”的区划，请填写区划代码` : `行政区划“${word}”不存在`,
        });
    }
    codes.set(r.line, list);
  }
  return codes;
}

/**
 * Imports stations below `orgId` (or the 上级机构 each row names): all rows or none; rows are matched
 * by 编号, or by name among the stations in scope, so re-importing an export changes nothing.
 */
export async function importStations(p: Platform, ctx: RequestContext, actor: Actor, orgId: number, table: Table) {
  const target = await importTarget(p.db, actor, orgId, 'station.manage');
  const { rows, problems } = parseStations(table);
  const parentOf = await parentsByName(p.db, actor, 'station.manage', [
    ...new Set(rows.map((r) => r.parent).filter(Boolean)),
  ]);
  const parents = new Map<number, ParentRef>();
  for (const r of rows) {
    const parent = r.parent ? parentOf(r, r.parent, problems) : target;
    if (parent) parents.set(r.line, parent);
  }
  const regionCodes = await resolveRegions(p, rows, parents, problems);
  const matched = await matchExisting(p.db, actor, 'station.manage', ['station'], rows, problems);
  noCycles(rows, parents, matched, problems);
  refuseUnlessClean(problems, rows.length, { row: 1, column: '名称', problem: '文件中没有联络站数据' });

  const ids = [...matched.values()].map((m) => m.id);
  const current = new Map(
    (ids.length
      ? await p.db
          .selectFrom('station as s')
          .innerJoin('organization as o', 'o.id', 's.org_id')
          .select([
            's.org_id as id',
            'o.name',
            'o.code',
            'o.parent_id',
            'o.active',
            's.kind',
            's.domain',
            's.address',
            's.longitude',
            's.latitude',
            's.opening_hours',
            's.reception_rule',
            's.reception_schedule',
            's.published_rules',
            's.published_workflow',
            's.online_enabled',
          ])
          .where('s.org_id', 'in', ids)
          .execute()
      : []
    ).map((s) => [s.id, s]),
  );
  const covered = await p.db
    .selectFrom('station_region')
    .select(['station_id', 'region_code'])
    .where('station_id', 'in', [0, ...ids])
    .execute();

  return inTransaction(p.db, async (trx) => {
    const result: ImportResult = { total: rows.length, created: 0, updated: 0, unchanged: 0 };
    const audits: AuditEntry[] = [];
    // New stations go in together: a few statements for any number of rows.
    const fresh = rows.filter((r) => !matched.has(r.line));
    const freshIds = await insertOrganizations(
      trx,
      fresh.map((r) => {
        const parent = parents.get(r.line)!;
        return {
          parent,
          name: r.name,
          kind: 'station',
          code: r.code,
          regionCode: parent.region_code,
          active: r.active ?? true,
        };
      }),
    );
    const freshRegions = fresh.flatMap((r, i) =>
      [...new Set(regionCodes.get(r.line)!)].map((region_code) => ({ station_id: freshIds[i]!, region_code })),
    );
    for (let i = 0; i < fresh.length; i += 500)
      await trx
        .insertInto('station')
        .values(
          fresh.slice(i, i + 500).map((r, j) => ({ org_id: freshIds[i + j]!, ...stationColumns(r.fields) }) as never),
        )
        .execute();
    for (let i = 0; i < freshRegions.length; i += 1000)
      await trx
        .insertInto('station_region')
        .values(freshRegions.slice(i, i + 1000))
        .execute();
    fresh.forEach((r, i) =>
      audits.push({
        action: 'station.create',
        subjectType: 'station',
        subjectId: freshIds[i]!,
        summary: {
          via: 'import',
          after: { ...r.fields, name: r.name, code: r.code, regionCodes: regionCodes.get(r.line)! },
        },
      }),
    );
    result.created = fresh.length;
    for (const r of rows) {
      const parent = parents.get(r.line)!;
      const regions = regionCodes.get(r.line)!;
      const old = matched.get(r.line);
      if (!old) continue;
      const s = current.get(old.id)!;
      const f = r.fields;
      const before: Record<string, unknown> = {
        name: s.name,
        code: s.code,
        active: s.active,
        kind: s.kind,
        domain: s.domain,
        address: s.address,
        longitude: s.longitude,
        latitude: s.latitude,
        openingHours: s.opening_hours,
        receptionSchedule: ruleKey(s.reception_schedule),
        receptionRule: s.reception_rule,
        publishedRules: s.published_rules,
        publishedWorkflow: s.published_workflow,
        onlineEnabled: s.online_enabled,
        regionCodes: covered
          .filter((c) => c.station_id === s.id)
          .map((c) => c.region_code)
          .sort(),
        parentId: s.parent_id,
      };
      const after: Record<string, unknown> = {
        ...f,
        receptionSchedule: ruleKey(f.receptionSchedule),
        name: r.name,
        code: r.code ?? s.code,
        active: r.active ?? s.active,
        regionCodes: [...new Set(regions)].sort(),
        parentId: parent.id,
      };
      const changed = Object.keys(before).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
      if (!changed.length) {
        result.unchanged++;
        continue;
      }
      await patchOrganization(trx, s.id, { name: r.name, code: r.code ?? s.code, active: r.active ?? s.active });
      await trx
        .updateTable('station')
        .set({ ...stationColumns(f), updated_at: new Date() } as never)
        .where('org_id', '=', s.id)
        .execute();
      await setStationRegions(trx, s.id, regions);
      audits.push({
        action: 'station.update',
        subjectType: 'station',
        subjectId: s.id,
        summary: {
          via: 'import',
          before: Object.fromEntries(changed.map((k) => [k, before[k]])),
          after: Object.fromEntries(changed.map((k) => [k, after[k]])),
        },
      });
      if (before.parentId !== parent.id) await moveOrganization(trx, s.id, parent);
      result.updated++;
    }
    audits.push({ action: 'station.import', subjectType: 'organization', subjectId: orgId, summary: { ...result } });
    await p.audit.recordMany(trx, ctx, audits);
    return result;
  });
}
