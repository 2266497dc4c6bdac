// One project with what decides who may act on it, and the vote rows, loaded the same way by every use case.
import { sql } from 'kysely';
import type { ProjectState } from '../../../contracts/projects.js';
import type { Db, Tx } from '../../db/database.js';
import { can, scopesFor, type Actor } from '../../platform/access/policy.js';
import { AppError } from '../../platform/errors/errors.js';

export const stateLabels: Record<ProjectState, { zh: string; en: string }> = {
  reserve: { zh: '储备', en: 'in the reserve' },
  shortlisted: { zh: '初选入围', en: 'shortlisted' },
  excluded: { zh: '未入选', en: 'excluded' },
  chosen: { zh: '票决入选', en: 'chosen' },
  notChosen: { zh: '票决未入选', en: 'not chosen' },
  inProgress: { zh: '实施中', en: 'in progress' },
  paused: { zh: '暂停', en: 'paused' },
  done: { zh: '已完成', en: 'done' },
  terminated: { zh: '已终止', en: 'terminated' },
};

export function projectRows(db: Db | Tx) {
  return db
    .selectFrom('project as pr')
    .leftJoin('organization as u', 'u.id', 'pr.unit_id')
    .selectAll('pr')
    .select(['u.name as unit_name', 'u.path as unit_path']);
}
export type ProjectRow = NonNullable<Awaited<ReturnType<ReturnType<typeof projectRows>['executeTakeFirst']>>>;

/** The capacities of the actor on one project. */
export function projectAccess(actor: Actor, r: Pick<ProjectRow, 'org_path' | 'unit_path' | 'created_by'>) {
  const manage = can(actor, 'project.manage', { orgPath: r.org_path });
  const report = r.unit_path !== null && can(actor, 'project.report', { orgPath: r.unit_path });
  const read = manage || report || can(actor, 'project.read', { orgPath: r.org_path }) || r.created_by === actor.userId;
  return { read, manage, report };
}

/** The project (FOR UPDATE inside a transaction when `lock`), NOT_FOUND when the actor may not read it. */
export async function loadProject(db: Db | Tx, actor: Actor, id: number, lock = false) {
  let q = projectRows(db).where('pr.id', '=', id);
  if (lock) q = q.forUpdate('pr');
  const row = await q.executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  const access = projectAccess(actor, row);
  if (!access.read) throw new AppError('NOT_FOUND');
  return { row, access };
}

/** As `loadProject`, and the actor must manage it (the committee). */
export async function loadForManage(db: Db | Tx, actor: Actor, id: number, lock = false) {
  const loaded = await loadProject(db, actor, id, lock);
  if (!loaded.access.manage) throw new AppError('FORBIDDEN');
  return loaded;
}

export function stateError(state: string, action: { zh: string; en: string }) {
  const label = stateLabels[state as ProjectState] ?? { zh: state, en: state };
  return new AppError('PROJECT_STATE', {
    vars: { zh: { state: label.zh, action: action.zh }, en: { state: label.en, action: action.en } },
  });
}

/** SQL: projects the actor may list (read in scope, their unit's, or their own proposals). */
export function readableProjectsSql(actor: Actor) {
  const read = scopesFor(actor, 'project.read');
  const units = scopesFor(actor, 'project.report');
  return sql<boolean>`(
    ${read.length ? sql`pr.org_path <@ ARRAY[${sql.join(read)}]::ltree[]` : sql`false`}
    OR ${units.length ? sql`u.path <@ ARRAY[${sql.join(units)}]::ltree[]` : sql`false`}
    OR pr.created_by = ${actor.userId})`;
}

/** The role grant through which the actor does `action` by default (their own organisation for it). */
export function ownGrant(actor: Actor, action: 'project.propose' | 'project.manage') {
  return actor.roles.find((g) => scopesFor({ ...actor, roles: [g] }, action).length > 0);
}

/** A `date` column as YYYY-MM-DD (the driver reads it as a local-midnight Date; the type says string). */
export function dayText(v: string | Date): string;
export function dayText(v: string | Date | null): string | null;
export function dayText(v: string | Date | null): string | null {
  if (v === null || typeof v === 'string') return v;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${v.getFullYear()}-${pad(v.getMonth() + 1)}-${pad(v.getDate())}`;
}
