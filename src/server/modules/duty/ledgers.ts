import { sql } from 'kysely';
import type { z } from 'zod';
import {
  activityKindLabels,
  activityStateLabels,
  type ActivityKind,
  type ActivityState,
  type LedgerQuery,
} from '../../../contracts/duty.js';
import { inTransaction } from '../../db/database.js';
import { authorize, type Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import { readDb, type Platform } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors/errors.js';
import type { Ledger } from '../../platform/files/ledger-file.js';
import { deputyNameMap } from './load.js';
import { deputiesForRecord } from '../deputies/duty-source.js';
import { receptionRegister } from '../receptions/ledger-source.js';
import { servesWithinSql } from '../stations/duty-ledger-source.js';

const modeNames: Record<string, string> = {
  regular: '常态接待',
  themed: '主题接待',
  appointment: '预约接待',
  mobile: '流动接待',
  homeVisit: '上门接待',
  online: '网上接待',
};
const statusNames: Record<string, string> = {
  planned: '计划',
  published: '已公告',
  closed: '已完成',
  cancelled: '已取消',
};

/** The organisation a ledger is for, when the actor may read the duty record there; the export is audited. */
async function ledgerOrg(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  q: z.infer<typeof LedgerQuery>,
  which: string,
) {
  if (q.to < q.from) throw invalid({ path: 'query.to', zh: '结束日期早于开始日期', en: 'The end is before the start' });
  const org = await p.db
    .selectFrom('organization')
    .select(['path', 'name'])
    .where('id', '=', q.orgId)
    .executeTakeFirst();
  if (!org) throw new AppError('NOT_FOUND');
  authorize(actor, 'duty.read', { orgPath: org.path });
  await inTransaction(p.db, (trx) =>
    p.audit.record(trx, ctx, {
      action: 'duty.ledgerExport',
      subjectType: 'organization',
      subjectId: q.orgId,
      summary: { ...q, ledger: which },
    }),
  );
  return org;
}

const periodText = (q: { from: string; to: string }) => `${q.from} 至 ${q.to}`;

/** 接待登记台账: the receptions at the stations within the organisation in the period. */
export async function receptionLedger(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  q: z.infer<typeof LedgerQuery>,
): Promise<Ledger> {
  const org = await ledgerOrg(p, ctx, actor, q, 'reception');
  // A period's rows may trail the primary a little: the read replica's work, as the statistics.
  const rows = await receptionRegister(readDb(p), org.path, q.from, q.to);
  const names = await deputyNameMap(
    readDb(p),
    rows.flatMap((r) => r.duty.map((x) => x.deputyId)),
  );
  return {
    sheet: '接待登记台账',
    title: `${org.name}接待登记台账（${periodText(q)}）`,
    header: [
      '序号',
      '日期',
      '时间',
      '联络站',
      '方式',
      '主题',
      '地点',
      '接待代表',
      '接待群众（人次）',
      '接待情况',
      '状态',
    ],
    rows: rows.map((r, i) => [
      String(i + 1),
      r.day,
      r.time,
      r.station,
      modeNames[r.mode] ?? r.mode,
      r.theme ?? '',
      r.place ?? '',
      r.duty.map((x) => `${names.get(x.deputyId) ?? ''}${x.signedIn ? '' : '（未签到）'}`).join('、'),
      String(r.visitors),
      r.summary ?? '',
      statusNames[r.status] ?? r.status,
    ]),
  };
}

/** 代表履职登记台账: every activity in the period of the deputies registered within the organisation or serving a station there. */
export async function dutyLedger(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  q: z.infer<typeof LedgerQuery>,
): Promise<Ledger> {
  const org = await ledgerOrg(p, ctx, actor, q, 'duty');
  const rows = await readDb(p)
    .selectFrom('duty_activity as a')
    .select([
      'a.deputy_id',
      'a.kind',
      'a.title',
      'a.hours',
      'a.origin',
      'a.state',
      sql<string>`to_char(a.day, 'YYYY-MM-DD')`.as('day'),
    ])
    .where((eb) =>
      eb.or([sql<boolean>`a.org_path <@ ${org.path}::ltree`, servesWithinSql(sql.ref('a.deputy_id'), org.path)]),
    )
    .where(sql<boolean>`a.day BETWEEN ${q.from}::date AND ${q.to}::date`)
    .orderBy('a.day')
    .orderBy('a.id')
    .limit(100_000)
    .execute();
  // Grouped by deputy in name order (the deputies module's order), each deputy's activities by day.
  const deputies = await deputiesForRecord(
    readDb(p),
    rows.map((r) => r.deputy_id),
  );
  const order = new Map(deputies.map((d, i) => [d.id, i]));
  const names = new Map(deputies.map((d) => [d.id, d.name]));
  rows.sort((a, b) => order.get(a.deputy_id)! - order.get(b.deputy_id)!);
  return {
    sheet: '代表履职登记台账',
    title: `${org.name}代表履职登记台账（${periodText(q)}）`,
    header: ['序号', '代表', '日期', '类别', '活动', '学时', '来源', '状态'],
    rows: rows.map((r, i) => [
      String(i + 1),
      names.get(r.deputy_id) ?? '',
      r.day,
      activityKindLabels[r.kind as ActivityKind]?.zh ?? r.kind,
      r.title,
      r.hours === null ? '' : String(Number(r.hours)),
      r.origin === 'system' ? '系统记录' : '手工登记',
      activityStateLabels[r.state as ActivityState].zh,
    ]),
  };
}
