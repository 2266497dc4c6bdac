import type { z } from 'zod';
import type { AuditRow } from '../../../contracts/audit.js';
import { auditActionLabel, subjectTypeLabels } from '../../../contracts/audit-words.js';
import type { Table } from '../files/table-file.js';

/** The most rows one export holds (narrow the search for more). */
export const EXPORT_MAX = 10_000;

/** Audit rows as a sheet in words: time (China), who, what, on what, the details as recorded. */
export function auditTable(rows: readonly z.infer<typeof AuditRow>[]): Table {
  return [
    ['时间', '操作人', '操作', '操作代码', '对象', '对象名称', '对象编号', 'IP', '详情', '请求编号'],
    ...rows.map((r) => [
      new Date(r.at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }),
      r.actorName ?? '系统',
      auditActionLabel(r.action).zh,
      r.action,
      r.subjectType ? (subjectTypeLabels[r.subjectType]?.zh ?? r.subjectType) : '',
      r.subjectName ?? '',
      r.subjectId ?? '',
      r.ip ?? '',
      r.summary == null ? '' : JSON.stringify(r.summary),
      r.requestId ?? '',
    ]),
  ];
}
