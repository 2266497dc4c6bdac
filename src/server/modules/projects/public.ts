// What the portal shows: the year's chosen projects with progress, photos, milestones and notices;
// published vote and rating results; past years with their ratings. Nothing unpublished.
import type { PublicProjects, VoteResult } from '../../../contracts/projects.js';
import type { Platform } from '../../platform/context.js';
import { chinaToday, yearOf } from '../../platform/calendar/dates.js';
import { dayText } from './load.js';
import { supervisionOf } from './supervision.js';

const PUBLIC_STATES = ['chosen', 'inProgress', 'paused', 'done', 'terminated'] as const;

export async function publicProjects(p: Platform, year?: number): Promise<PublicProjects> {
  // Without a year: the newest programme with published projects (voted late in one year for the next), else this year.
  const newest = year
    ? undefined
    : await p.db
        .selectFrom('project')
        .select((eb) => eb.fn.max('year').as('year'))
        .where('state', 'in', [...PUBLIC_STATES])
        .executeTakeFirst();
  const y = year ?? newest?.year ?? yearOf(chinaToday());
  const projects = await p.db
    .selectFrom('project as pr')
    .leftJoin('organization as u', 'u.id', 'pr.unit_id')
    .select([
      'pr.id',
      'pr.year',
      'pr.title',
      'pr.description',
      'pr.cost',
      'u.name as unit_name',
      'pr.location',
      'pr.expected_completion',
      'pr.state',
      'pr.progress',
      'pr.rating',
      'pr.supervision_leader',
    ])
    .where('pr.year', '=', y)
    .where('pr.state', 'in', [...PUBLIC_STATES])
    .orderBy('pr.id')
    .execute();
  const ids = projects.map((r) => r.id);
  const [reports, decisions, milestones, votes, past, supervision] = await Promise.all([
    ids.length
      ? p.db
          .selectFrom('project_progress')
          .select(['id', 'project_id', 'note', 'created_at'])
          .where('project_id', 'in', ids)
          .where('file_id', 'is not', null)
          .orderBy('id', 'desc')
          .execute()
      : [],
    ids.length
      ? p.db
          .selectFrom('project_decision')
          .select(['project_id', 'kind', 'reference', 'notice', 'decided_on'])
          .where('project_id', 'in', ids)
          .orderBy('id')
          .execute()
      : [],
    ids.length
      ? p.db
          .selectFrom('project_milestone')
          .select(['id', 'project_id', 'title', 'due_on', 'done_on'])
          .where('project_id', 'in', ids)
          .orderBy('due_on')
          .execute()
      : [],
    p.db
      .selectFrom('project_vote')
      .select(['id', 'kind', 'year', 'name', 'result'])
      .where('state', '=', 'published')
      .where('year', '>=', y - 1)
      .orderBy('year', 'desc')
      .orderBy('id', 'desc')
      .execute(),
    p.db
      .selectFrom('project')
      .select(['id', 'year', 'title', 'state', 'rating'])
      .where('year', '<', y)
      .where('state', 'in', [...PUBLIC_STATES])
      .orderBy('year', 'desc')
      .orderBy('id')
      .limit(500)
      .execute(),
    supervisionOf(p.db, ids),
  ]);
  const years = [...new Set(past.map((r) => r.year))];
  return {
    year: y,
    projects: projects.map((r) => ({
      id: r.id,
      year: r.year,
      title: r.title,
      description: r.description,
      cost: r.cost,
      unitName: r.unit_name,
      location: r.location,
      expectedCompletion: dayText(r.expected_completion),
      state: r.state as 'chosen',
      progress: r.progress,
      rating: r.rating,
      photos: reports
        .filter((g) => g.project_id === r.id)
        .slice(0, 6)
        .map((g) => ({ reportId: g.id, note: g.note, createdAt: g.created_at.toISOString() })),
      notices: decisions
        .filter((d) => d.project_id === r.id)
        .map((d) => ({
          kind: d.kind as 'change',
          reference: d.reference,
          notice: d.notice,
          decidedOn: dayText(d.decided_on),
        })),
      milestones: milestones
        .filter((m) => m.project_id === r.id)
        .map((m) => ({ id: m.id, title: m.title, dueOn: dayText(m.due_on), doneOn: dayText(m.done_on) })),
      supervisionLeader: r.supervision_leader,
      supervisors: (supervision.supervisors.get(r.id) ?? []).map((s) => s.name),
      inspections: supervision.inspections.get(r.id) ?? [],
    })),
    votes: votes.map((v) => ({
      id: v.id,
      kind: v.kind as 'selection',
      year: v.year,
      name: v.name,
      result: v.result as VoteResult,
    })),
    pastYears: years.map((year) => ({
      year,
      projects: past
        .filter((r) => r.year === year)
        .map((r) => ({ id: r.id, title: r.title, state: r.state as 'done', rating: r.rating })),
    })),
  };
}
