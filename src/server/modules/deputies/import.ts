import type { z } from 'zod';
import type { DeputyLevel } from '../../../contracts/deputies.js';
import type { ImportProblem, ImportResult } from '../../../contracts/imports.js';
import { Phone } from '../../../contracts/common.js';
import { sql } from 'kysely';
import { anyOf, inTransactionWithCopy, unnestRows, type Db, type Tx, type UnnestColumn } from '../../db/database.js';
import { addMemberships, membershipsOf, stationsNamedInScope } from '../stations/members.js';
import { authorize, type Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { AppError } from '../../platform/errors/errors.js';
import type { Table } from '../../platform/files/table-file.js';
import { listCell, readRows, refuseUnlessClean } from '../../platform/files/table-import.js';
import { columns } from './service.js';

/** The columns a county office uses in its deputy register (代表名册). */
export const importColumns = [
  '编号',
  '姓名',
  '性别',
  '民族',
  '出生年月',
  '党派',
  '工作单位及职务',
  '代表层级',
  '选举方式',
  '选区',
  '届次',
  '联系电话',
  '公开联系方式',
  '所属联络站',
] as const;

export const templateRows: string[][] = [
  [...importColumns],
  [
    '',
    '张三丰',
    '男',
    '汉族',
    '1975.06',
    '中共党员',
    '某社区党委书记',
    '区（县）',
    '直接选举',
    '第一选区',
    '第十届',
    '13800000000',
    '请通过联络站联系',
    '某街道人大代表联络站',
  ],
];

const levelNames: Record<string, z.infer<typeof DeputyLevel>> = {
  全国: 'national',
  省: 'provincial',
  市: 'municipal',
  县: 'county',
  区: 'county',
  '区（县）': 'county',
  '县（区）': 'county',
  乡镇: 'township',
  乡: 'township',
  镇: 'township',
};

interface ParsedRow {
  line: number;
  key: string;
  name: string;
  sex: 'male' | 'female' | null;
  ethnicity: string | null;
  birthYear: number | null;
  party: string | null;
  occupation: string | null;
  levels: z.infer<typeof DeputyLevel>[];
  election: 'direct' | 'indirect';
  constituency: string | null;
  terms: string[];
  privatePhone: string | null;
  publicContact: string | null;
  stations: string[];
}

/** The columns a new deputy of a register gets (the rest take their defaults), with their types. */
const newDeputyColumns: UnnestColumn[] = [
  ['org_id', 'bigint'],
  ['name', 'text'],
  ['name_initials', 'text'],
  ['name_sort', 'text'],
  ['sex', 'text'],
  ['birth_year', 'integer'],
  ['ethnicity', 'text'],
  ['party', 'text'],
  ['occupation', 'text'],
  ['election', 'text'],
  ['constituency', 'text'],
  ['terms', 'text[]'],
  ['public_contact', 'text'],
  ['private_phone_sealed', 'text'],
  ['private_phone_masked', 'text'],
  ['private_phone_digest', 'text'],
  ['import_key', 'text'],
];

const levelColumns: UnnestColumn[] = [
  ['deputy_id', 'bigint'],
  ['level', 'text'],
];
const memberColumns: UnnestColumn[] = [
  ['station_id', 'bigint'],
  ['deputy_id', 'bigint'],
];

/** Checks every row; returns the rows, or every problem found (row, column, problem in Chinese). */
export function parseRegister(table: Table): { rows: ParsedRow[]; problems: ImportProblem[] } {
  return readRows(table, importColumns, ['姓名', '代表层级', '选举方式'], (row) => {
    const { get, bad } = row;
    const name = get('姓名');
    if (!name) bad('姓名', '姓名不能为空');
    else if (name.length > 50) bad('姓名', '姓名不能超过 50 个字');
    const sexText = get('性别');
    const sex = sexText === '男' ? 'male' : sexText === '女' ? 'female' : null;
    if (sexText && !sex) bad('性别', '性别应为“男”或“女”');
    const birth = get('出生年月');
    const m = /^(\d{4})(?:[.\-/年](\d{1,2})月?)?$/.exec(birth);
    if (birth && (!m || Number(m[1]) < 1900 || Number(m[1]) > 2100)) bad('出生年月', '出生年月格式应为 1975.06');
    const levels = listCell(get('代表层级'), true)
      .flatMap((l) => l.split(/\s+/))
      .map((l) => [l, levelNames[l.replace(/级$/, '').replace(/人大代表$/, '')]] as const);
    if (!levels.length) bad('代表层级', '代表层级不能为空');
    for (const [text, level] of levels)
      if (!level) bad('代表层级', `不认识的代表层级“${text}”（应为 全国、省、市、区（县）、乡镇）`);
    const electionText = get('选举方式');
    const election = /^直接/.test(electionText) ? 'direct' : /^间接/.test(electionText) ? 'indirect' : null;
    if (!election) bad('选举方式', '选举方式应为“直接选举”或“间接选举”');
    const phone = get('联系电话');
    if (phone && !Phone.safeParse(phone).success) bad('联系电话', `电话号码“${phone}”无效`);
    for (const [column, max] of [
      ['民族', 20],
      ['党派', 30],
      ['工作单位及职务', 200],
      ['选区', 100],
      ['公开联系方式', 100],
    ] as const)
      row.maxLength(column, max);
    const terms = listCell(get('届次'), true);
    if (terms.length > 10) bad('届次', '届次最多 10 个');
    if (terms.some((t) => t.length > 30)) bad('届次', '每个届次不能超过 30 个字');
    const key = get('编号') || `${name}|${birth}|${get('工作单位及职务')}`;
    row.unique(key, get('编号') ? '编号' : '姓名');
    return {
      line: row.line,
      key,
      name,
      sex,
      ethnicity: get('民族') || null,
      birthYear: m ? Number(m[1]) : null,
      party: get('党派') || null,
      occupation: get('工作单位及职务') || null,
      levels: [...new Set(levels.map(([, l]) => l!))],
      election: election!,
      constituency: get('选区') || null,
      terms,
      privatePhone: phone || null,
      publicContact: get('公开联系方式') || null,
      stations: listCell(get('所属联络站')),
    };
  });
}

/** The levels of these deputies (one parameter however many: a province's register is more than 65,535). */
export function levelsOfDeputies(db: Db | Tx, deputyIds: readonly number[]) {
  return db
    .selectFrom('deputy_level')
    .select(['deputy_id', 'level'])
    .where(anyOf('deputy_id', deputyIds, 'bigint'))
    .execute();
}

/**
 * Imports a deputy register into an organisation: every row is checked first, then all rows are
 * applied in one transaction, or none. Rows are matched by 编号 (or name, birth and unit), so a
 * second import of the same file updates nothing.
 */
export async function importDeputies(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  orgId: number,
  table: Table,
): Promise<ImportResult> {
  const org = await p.db.selectFrom('organization').select(['id', 'path']).where('id', '=', orgId).executeTakeFirst();
  if (!org) throw new AppError('NOT_FOUND');
  authorize(actor, 'deputy.manage', { orgPath: org.path }, 'org.read');
  const { rows, problems } = parseRegister(table);

  // Stations are named; they must exist within the actor's scope.
  const names = [...new Set(rows.flatMap((r) => r.stations))];
  const stations = await stationsNamedInScope(p.db, actor, 'station.manage', names);
  const stationId = new Map(stations.map((s) => [s.name, s.org_id]));
  for (const r of rows) {
    for (const s of r.stations)
      if (!stationId.has(s))
        problems.push({ row: r.line, column: '所属联络站', problem: `联络站“${s}”不存在或不在您的管理范围内` });
  }
  // Keys already used by deputies outside this organisation would be overwritten: refuse.
  const foreign = rows.length
    ? await p.db
        .selectFrom('deputy')
        .select('import_key')
        .where(
          anyOf(
            'import_key',
            rows.map((r) => r.key),
            'text',
          ),
        )
        .where('org_id', '!=', orgId)
        .execute()
    : [];
  const foreignKeys = new Set(foreign.map((f) => f.import_key));
  for (const r of rows)
    if (foreignKeys.has(r.key)) problems.push({ row: r.line, column: '编号', problem: '该代表已在其他机构登记' });

  refuseUnlessClean(problems, rows.length, { row: 1, column: '姓名', problem: '文件中没有代表数据' });

  return inTransactionWithCopy(p.db, async (trx, copy) => {
    const existing = new Map(
      (
        await trx
          .selectFrom('deputy')
          .select([
            'id',
            'import_key',
            'name',
            'sex',
            'ethnicity',
            'birth_year',
            'party',
            'occupation',
            'election',
            'constituency',
            'terms',
            'public_contact',
            'private_phone_digest',
            'status',
          ])
          .where(
            anyOf(
              'import_key',
              rows.map((r) => r.key),
              'text',
            ),
          )
          .execute()
      ).map((d) => [d.import_key!, d]),
    );
    const levels = await levelsOfDeputies(
      trx,
      [...existing.values()].map((d) => d.id),
    );
    const members = await membershipsOf(
      trx,
      [...existing.values()].map((d) => d.id),
    );
    // Each existing deputy's levels and stations, looked up per row (not a scan of all per row).
    const levelsOf = new Map<number, string[]>();
    for (const l of levels) {
      let list = levelsOf.get(l.deputy_id);
      if (!list) levelsOf.set(l.deputy_id, (list = []));
      list.push(l.level);
    }
    const stationsOf = new Map<number, Set<number>>();
    for (const m of members) {
      let set = stationsOf.get(m.deputy_id);
      if (!set) stationsOf.set(m.deputy_id, (set = new Set()));
      set.add(m.station_id);
    }
    const result: ImportResult = { total: rows.length, created: 0, updated: 0, unchanged: 0 };
    const toCreate: Record<string, unknown>[] = [];
    const byKey = new Map(rows.map((r) => [r.key, r]));
    const levelRows: { deputy_id: number; level: string }[] = [];
    const memberRows: { station_id: number; deputy_id: number }[] = [];
    for (const r of rows) {
      const fields = {
        orgId,
        name: r.name,
        sex: r.sex,
        ethnicity: r.ethnicity,
        birthYear: r.birthYear,
        party: r.party,
        occupation: r.occupation,
        election: r.election,
        constituency: r.constituency,
        terms: r.terms,
        publicContact: r.publicContact,
      };
      const old = existing.get(r.key);
      if (!old) {
        toCreate.push({ ...columns(p, { ...fields, privatePhone: r.privatePhone }), import_key: r.key });
        continue;
      }
      const sameLevels = [...(levelsOf.get(old.id) ?? [])].sort().join() === [...r.levels].sort().join();
      const oldStations = stationsOf.get(old.id) ?? new Set<number>();
      const newStations = r.stations.map((s) => stationId.get(s)!).filter((id) => !oldStations.has(id));
      const same =
        old.name === r.name &&
        old.sex === r.sex &&
        old.ethnicity === r.ethnicity &&
        old.birth_year === r.birthYear &&
        old.party === r.party &&
        old.occupation === r.occupation &&
        old.election === r.election &&
        old.constituency === r.constituency &&
        old.terms.join('、') === r.terms.join('、') &&
        old.public_contact === r.publicContact &&
        old.private_phone_digest === (r.privatePhone ? p.fields.blindIndex(r.privatePhone) : null);
      if (same && sameLevels && newStations.length === 0) {
        result.unchanged++;
        continue;
      }
      result.updated++;
      if (!same) {
        const phoneChanged = old.private_phone_digest !== (r.privatePhone ? p.fields.blindIndex(r.privatePhone) : null);
        await trx
          .updateTable('deputy')
          .set({
            ...columns(p, { ...fields, ...(phoneChanged ? { privatePhone: r.privatePhone } : {}) }),
            updated_at: new Date(),
          } as never)
          .where('id', '=', old.id)
          .execute();
      }
      if (!sameLevels) {
        await trx.deleteFrom('deputy_level').where('deputy_id', '=', old.id).execute();
        levelRows.push(...r.levels.map((level) => ({ deputy_id: old.id, level })));
      }
      memberRows.push(...newStations.map((station_id) => ({ station_id, deputy_id: old.id })));
    }
    if (levelRows.length)
      await sql`INSERT INTO deputy_level (deputy_id, level) ${unnestRows(levelColumns, levelRows)}`.execute(trx);
    await addMemberships(trx, memberRows);
    // New deputies by COPY, then their ids (by their import keys) for their levels and stations.
    if (toCreate.length) {
      await copy('deputy', newDeputyColumns, toCreate);
      const created = await trx
        .selectFrom('deputy')
        .select(['id', 'import_key'])
        .where(
          anyOf(
            'import_key',
            toCreate.map((d) => d.import_key as string),
            'text',
          ),
        )
        .execute();
      const newLevels: typeof levelRows = [];
      const newMembers: typeof memberRows = [];
      for (const { id, import_key } of created) {
        const r = byKey.get(import_key!)!;
        for (const level of r.levels) newLevels.push({ deputy_id: id, level });
        for (const station_id of new Set(r.stations.map((s) => stationId.get(s)!)))
          newMembers.push({ station_id, deputy_id: id });
      }
      await copy('deputy_level', levelColumns, newLevels);
      await copy('station_member', memberColumns, newMembers);
      result.created = toCreate.length;
    }
    await p.audit.record(trx, ctx, {
      action: 'deputy.import',
      subjectType: 'organization',
      subjectId: orgId,
      summary: { ...result },
    });
    return result;
  });
}
