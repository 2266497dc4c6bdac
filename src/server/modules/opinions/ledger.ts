import { deputyNamesListSql } from '../deputies/names.js';
import { sql, type SqlBool } from 'kysely';
import { stateLabels, type OpinionState } from '../../../contracts/opinions.js';
import { inTransaction } from '../../db/database.js';
import { authorize, type Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import { chinaDate } from '../../platform/calendar/dates.js';
import { readDb, type Platform } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors/errors.js';
import type { Ledger } from '../../platform/files/ledger-file.js';
import type { Table } from '../../platform/files/table-file.js';
import { formatReceiptCode } from './receipt.js';

const channelNames: Record<string, string> = {
  reception: '接待活动',
  online: '网上联络站',
  qrCode: '扫码反映',
  phone: '电话',
  visit: '来访',
  letter: '来信',
  informant: '民情联络员',
};
const feedbackNames: Record<string, string> = {
  sms: '短信',
  phone: '电话',
  letter: '书面',
  inPerson: '当面',
  online: '网上',
};
const resultNames: Record<string, string> = {
  solved: '已解决',
  beingSolved: '正在解决',
  explained: '已解释说明',
  cannotSolve: '暂不能解决',
};
const ratingNames: Record<string, string> = {
  verySatisfied: '非常满意',
  satisfied: '满意',
  basicallySatisfied: '基本满意',
  dissatisfied: '不满意',
  veryDissatisfied: '非常不满意',
};

const HEADER = [
  '序号',
  '受理编号',
  '登记日期',
  '联络站',
  '来源渠道',
  '接待代表',
  '反映人',
  '联系电话',
  '反映内容',
  '分类',
  '分级',
  '处理方式',
  '承办单位',
  '交办日期',
  '签批人',
  '办理期限',
  '办理结果',
  '答复内容',
  '反馈日期',
  '反馈方式',
  '反馈内容',
  '满意度',
  '当前状态',
];

const day = (d: Date | null | undefined) => (d ? chinaDate(d) : '');

/** The sheet's name and the title row above the columns (the station or body, and the period). */
export const LEDGER_SHEET = '群众意见处理台账';
export const ledgerTitle = (orgName: string, q: { from: string; to: string }) =>
  `${orgName}${LEDGER_SHEET}（${q.from} 至 ${q.to}）`;

/**
 * The station's ledger (接待登记、意见处理、情况反馈台账) for a period, one row per opinion, in the
 * columns a county office files, under a title row naming the station and the period. Contacts
 * are masked; the export itself is audited.
 */
export async function ledger(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  q: { orgId: number; from: string; to: string },
): Promise<Ledger> {
  if (q.to < q.from) throw invalid({ path: 'query.to', zh: '结束日期早于开始日期', en: 'The end is before the start' });
  const org = await p.db
    .selectFrom('organization')
    .select(['path', 'name'])
    .where('id', '=', q.orgId)
    .executeTakeFirst();
  if (!org) throw new AppError('NOT_FOUND');
  authorize(actor, 'opinion.ledger', { orgPath: org.path }, 'opinion.read');
  // The rows of a period (up to 100,000) may trail the primary a little: the read replica's work.
  const rows = await readDb(p)
    .selectFrom('opinion as o')
    .innerJoin('organization as st', 'st.id', 'o.org_id')
    .leftJoin('opinion_category as c', 'c.id', 'o.category_id')
    .leftJoin('organization as lu', 'lu.id', 'o.lead_unit_id')
    .select([
      'o.id',
      'o.receipt_code',
      'o.created_at',
      'st.name as station',
      'o.channel',
      'o.constituent_name_masked',
      'o.constituent_phone_masked',
      'o.anonymous',
      'o.content',
      'c.name as category',
      'o.tier',
      'o.state',
      'o.rating',
      'lu.name as lead_unit',
      sql<string | null>`to_char(o.deadline, 'YYYY-MM-DD')`.as('deadline'),
    ])
    .select((eb) => [
      deputyNamesListSql(sql`SELECT od.deputy_id FROM opinion_deputy od WHERE od.opinion_id = o.id`).as('deputies'),
      eb
        .selectFrom('opinion_assignment as a')
        .select(['a.assigned_at'])
        .whereRef('a.opinion_id', '=', 'o.id')
        .where('a.is_lead', '=', true)
        .orderBy('a.round', 'desc')
        .limit(1)
        .as('assigned_at'),
      eb
        .selectFrom('opinion_assignment as a')
        .select(['a.signed_by'])
        .whereRef('a.opinion_id', '=', 'o.id')
        .where('a.is_lead', '=', true)
        .orderBy('a.round', 'desc')
        .limit(1)
        .as('signed_by'),
      eb
        .selectFrom('opinion_assignment as a')
        .select(['a.result_type'])
        .whereRef('a.opinion_id', '=', 'o.id')
        .where('a.is_lead', '=', true)
        .orderBy('a.round', 'desc')
        .limit(1)
        .as('result_type'),
      eb
        .selectFrom('opinion_assignment as a')
        .select(['a.response'])
        .whereRef('a.opinion_id', '=', 'o.id')
        .where('a.is_lead', '=', true)
        .orderBy('a.round', 'desc')
        .limit(1)
        .as('response'),
      eb
        .selectFrom('opinion_event as e')
        .select(['e.public_note'])
        .whereRef('e.opinion_id', '=', 'o.id')
        .where('e.action', '=', 'answer')
        .orderBy('e.id', 'desc')
        .limit(1)
        .as('answer'),
      eb
        .selectFrom('opinion_event as e')
        .select(['e.at'])
        .whereRef('e.opinion_id', '=', 'o.id')
        .where('e.action', '=', 'feedback')
        .orderBy('e.id', 'desc')
        .limit(1)
        .as('fed_back_at'),
      eb
        .selectFrom('opinion_event as e')
        .select(sql<string>`e.data->>'channel'`.as('c'))
        .whereRef('e.opinion_id', '=', 'o.id')
        .where('e.action', '=', 'feedback')
        .orderBy('e.id', 'desc')
        .limit(1)
        .as('feedback_channel'),
      eb
        .selectFrom('opinion_event as e')
        .select(['e.public_note'])
        .whereRef('e.opinion_id', '=', 'o.id')
        .where('e.action', '=', 'feedback')
        .orderBy('e.id', 'desc')
        .limit(1)
        .as('feedback'),
    ])
    .where(sql<SqlBool>`o.org_path <@ ${org.path}::ltree`)
    .where(sql<SqlBool>`o.created_at >= ${q.from}::date::timestamp AT TIME ZONE 'Asia/Shanghai'`)
    .where(sql<SqlBool>`o.created_at < (${q.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`)
    .orderBy('o.id')
    .limit(100_000)
    .execute();
  await inTransaction(p.db, (trx) =>
    p.audit.record(trx, ctx, {
      action: 'opinion.ledgerExport',
      subjectType: 'organization',
      subjectId: q.orgId,
      summary: { ...q, rows: rows.length },
    }),
  );
  const table: Table = [];
  rows.forEach((r, i) => {
    const how = r.answer ? '即时答复' : r.lead_unit ? '交办' : r.state === 'escalated' ? '提交代表' : '';
    table.push([
      String(i + 1),
      formatReceiptCode(r.receipt_code),
      day(r.created_at),
      r.station,
      channelNames[r.channel] ?? r.channel,
      r.deputies ?? '',
      r.anonymous ? '匿名' : (r.constituent_name_masked ?? ''),
      r.constituent_phone_masked ?? '',
      r.content,
      r.category ?? '',
      r.tier === 'street' ? '街道' : r.tier === 'district' ? '区级' : r.tier === 'higher' ? '区级以上' : '',
      how,
      r.lead_unit ?? '',
      day(r.assigned_at as Date | null),
      r.signed_by ?? '',
      r.deadline ?? '',
      r.result_type ? (resultNames[r.result_type] ?? r.result_type) : '',
      r.response ?? r.answer ?? '',
      day(r.fed_back_at as Date | null),
      r.feedback_channel ? (feedbackNames[r.feedback_channel] ?? r.feedback_channel) : '',
      r.feedback ?? '',
      r.rating ? (ratingNames[r.rating] ?? r.rating) : '',
      stateLabels[r.state as OpinionState]?.zh ?? r.state,
    ]);
  });
  return { sheet: LEDGER_SHEET, title: ledgerTitle(org.name, q), header: HEADER, rows: table };
}
