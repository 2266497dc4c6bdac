// Demo livelihood projects of 北仑区: this year's programme voted by the district deputies (five
// candidates for three places, the result published), the chosen projects under way with a plan,
// progress and a supervision group that has inspected one; next year's reserve with an excluded
// proposal and a draft vote whose candidates are open for public comment on the portal.
import type { BallotChoices, Mark, SelectionRules } from '../../../contracts/projects.js';
import type { Tx } from '../../db/database.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import { addDays, chinaToday, yearOf } from '../../platform/calendar/dates.js';
import type { Platform } from '../../platform/context.js';
import { recordActivity } from '../duty/record-activity.js';
import { districtDeputiesInScope } from '../deputies/names.js';
import { actorByUsername } from '../users/contacts.js';
import { tallySelection } from './tally.js';

const ok = (note: string) => ({ ok: true, note });
const screening = JSON.stringify({
  feasibility: ok('选址、方案已论证'),
  necessity: ok('群众反映集中'),
  fiscal: ok('已列入年度预算'),
  legality: ok('符合规划和有关规定'),
});

export async function seedDemoProjects(_p: Platform, trx: Tx, _ctx: RequestContext) {
  const named = (name: string) =>
    trx.selectFrom('organization').select(['id', 'path']).where('name', '=', name).executeTakeFirst();
  const root = await named('北仑区人大常委会');
  const unit = await named('新碶街道办事处');
  if (!root || !unit) return;
  const district = { id: (await actorByUsername(trx, 'district')).userId };
  const today = chinaToday();
  const year = yearOf(today);
  const deputies = await districtDeputiesInScope(trx, null, 'project.vote', root.id);
  if (deputies.length < 4) return;

  const project = async (
    y: number,
    title: string,
    cost: number,
    location: string,
    state: string,
    extra: Record<string, unknown> = {},
  ) => {
    const { id } = await trx
      .insertInto('project')
      .values({
        org_id: root.id,
        org_path: root.path,
        year: y,
        title,
        description: `${title}：${location}，惠及周边居民。`,
        cost,
        funding_source: '区级财政',
        unit_id: unit.id,
        location,
        expected_completion: `${y}-11-30`,
        source: 'committee',
        state,
        screening: state === 'reserve' ? null : screening,
        screened_by: state === 'reserve' ? null : district.id,
        created_by: district.id,
        ...extra,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  };

  // ——— this year's vote: 5 candidates, 3 places, approve ballots, more than half of those present ———
  const specs = [
    ['老旧小区加装电梯', 12_000_000, '新碶街道明州社区等'],
    ['学校周边交通安全设施改造', 3_500_000, '新碶街道中小学周边'],
    ['社区居家养老服务中心建设', 8_000_000, '新碶街道大港社区'],
    ['城区公共停车场扩建', 15_000_000, '新大路以东'],
    ['农贸市场提升改造', 6_000_000, '新碶菜场'],
  ] as const;
  const candidates: number[] = [];
  for (const [title, cost, location] of specs)
    candidates.push(await project(year, title, cost, location, 'shortlisted'));
  const rules: SelectionRules = {
    places: 3,
    form: 'approve',
    threshold: { basis: 'present', percent: 50 },
    tieRule: 'lowerCost',
    budgetCeiling: 40_000_000,
  };
  const { id: voteId } = await trx
    .insertInto('project_vote')
    .values({
      org_id: root.id,
      org_path: root.path,
      kind: 'selection',
      year,
      name: `${year}年度民生实事项目票决`,
      rules: JSON.stringify({ selection: rules, paperMode: 'entries' }),
      state: 'published',
      members: deputies.length,
      opened_at: new Date(),
      closed_at: new Date(),
      published_at: new Date(),
      published_by: district.id,
      created_by: district.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('project_vote_candidate')
    .values(candidates.map((project_id, i) => ({ vote_id: voteId, project_id, position: i + 1 })))
    .execute();
  // Everyone but the last deputy voted on a phone; the ballots follow a fixed pattern (no voter on them).
  const voters = deputies.slice(0, -1);
  await trx
    .insertInto('project_voter')
    .values(
      deputies.map((d, i) => ({ vote_id: voteId, deputy_id: d.id, voted: i < voters.length ? 'electronic' : null })),
    )
    .execute();
  const support = [0.9, 0.8, 0.7, 0.3, 0.55];
  const ballots: { choices: BallotChoices }[] = voters.map((_, i) => ({
    choices: candidates.map((projectId, c) => ({
      projectId,
      mark: ((i + 0.5) / voters.length < support[c]! ? 'for' : i % 2 ? 'against' : 'abstain') as Mark,
    })),
  }));
  await trx
    .insertInto('project_ballot')
    .values(ballots.map((b) => ({ vote_id: voteId, channel: 'electronic', choices: JSON.stringify(b.choices) })))
    .execute();
  const result = tallySelection(
    rules,
    candidates.map((projectId, i) => ({ projectId, title: specs[i]![0], cost: specs[i]![1] })),
    ballots,
    { members: deputies.length, present: voters.length, electronic: voters.length, paper: 0, spoiled: 0 },
  );
  await trx
    .updateTable('project_vote')
    .set({ result: JSON.stringify(result) })
    .where('id', '=', voteId)
    .execute();
  for (const r of result.rows) {
    await trx
      .updateTable('project')
      .set(
        r.chosen
          ? {
              state: 'inProgress',
              targets: `${year}年11月底前完成${r.title}，通过验收并投入使用。`,
              plan_published_at: new Date(),
              progress: 40,
              supervision_leader: '王代表工委',
            }
          : { state: 'notChosen' },
      )
      .where('id', '=', r.projectId)
      .execute();
    if (!r.chosen) continue;
    await trx
      .insertInto('project_milestone')
      .values([
        { project_id: r.projectId, title: '方案设计和招标', due_on: `${year}-04-30`, done_on: `${year}-04-25` },
        { project_id: r.projectId, title: '施工', due_on: `${year}-09-30`, done_on: null },
        { project_id: r.projectId, title: '竣工验收', due_on: `${year}-11-30`, done_on: null },
      ])
      .execute();
    await trx
      .insertInto('project_progress')
      .values({ project_id: r.projectId, percent: 40, note: '已完成招标，正在施工。', reported_by: district.id })
      .execute();
    await trx
      .insertInto('project_supervisor')
      .values(deputies.slice(0, 3).map((d) => ({ project_id: r.projectId, deputy_id: d.id })))
      .execute();
  }
  // The group of the first chosen project inspected it a week ago; the two deputies present are credited.
  const first = result.rows.find((r) => r.chosen);
  if (first) {
    const day = addDays(today, -7);
    const { id: inspectionId } = await trx
      .insertInto('project_inspection')
      .values({
        project_id: first.projectId,
        kind: 'inspection',
        day,
        findings: '施工进度符合计划；部分施工围挡占用人行道，居民出行不便。',
        requests: '两周内调整围挡，设置临时人行通道。',
        created_by: district.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const d of deputies.slice(0, 2)) {
      await trx
        .insertInto('project_inspection_deputy')
        .values({ inspection_id: inspectionId, deputy_id: d.id })
        .execute();
      await recordActivity(trx, {
        deputyId: d.id,
        kind: 'inspection',
        sourceKey: `project-inspection:${inspectionId}`,
        day,
        title: `民生实事项目视察：${first.title}`,
      });
    }
  }

  // ——— next year: the reserve, an excluded proposal, a draft vote open for public comment ———
  const next = year + 1;
  await project(next, '公园健身步道建设', 2_800_000, '九峰山公园', 'reserve');
  await project(next, '区政府大院景观提升', 9_000_000, '区政府', 'excluded', {
    exclusion_reason: '不属于群众急难愁盼的民生事项，不列入候选。',
  });
  const upcoming = [
    await project(next, '社区食堂建设', 4_000_000, '新碶街道四个社区', 'shortlisted'),
    await project(next, '背街小巷路灯改造', 2_000_000, '新碶街道老城区', 'shortlisted'),
    await project(next, '河道综合整治', 10_000_000, '岩河新碶段', 'shortlisted'),
  ];
  const { id: draftId } = await trx
    .insertInto('project_vote')
    .values({
      org_id: root.id,
      org_path: root.path,
      kind: 'selection',
      year: next,
      name: `${next}年度民生实事项目票决`,
      rules: JSON.stringify({ selection: { ...rules, places: 2 }, paperMode: 'totals' }),
      comment_until: new Date(Date.now() + 14 * 86_400_000),
      created_by: district.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('project_vote_candidate')
    .values(upcoming.map((project_id, i) => ({ vote_id: draftId, project_id, position: i + 1 })))
    .execute();
  await trx
    .insertInto('project_comment')
    .values([
      {
        vote_id: draftId,
        project_id: upcoming[0]!,
        support: true,
        body: '老人吃饭难，盼早日建成。',
        name: '陈阿姨',
        state: 'published',
      },
      { vote_id: draftId, project_id: upcoming[0]!, support: true, body: null, name: null, state: 'pending' },
      {
        vote_id: draftId,
        project_id: upcoming[1]!,
        support: false,
        body: '建议同时整治电线。',
        name: '周师傅',
        state: 'pending',
      },
    ])
    .execute();
}
