import type { OpinionAction, RegisterOpinion } from '../../../contracts/opinions.js';
import type { Tx } from '../../db/database.js';
import { actorByUsername } from '../users/contacts.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { registerInTx } from './registration.js';
import { requestSignOffInTx } from './signoff.js';
import { ensureStandardCategories } from './standard-categories.js';
import { fireInTx } from './steps.js';

/**
 * A handful of opinions at 新碶 at different steps of the loop, taken by the demo's own people
 * through the same use cases as the console, so that every queue has something in it.
 */
export async function seedDemoOpinions(p: Platform, trx: Tx, ctx: RequestContext) {
  const station = await trx
    .selectFrom('organization')
    .select('id')
    .where('name', '=', '新碶街道人大代表联络站')
    .executeTakeFirst();
  const office = await trx
    .selectFrom('organization')
    .select('id')
    .where('name', '=', '新碶街道办事处')
    .executeTakeFirst();
  if (!station || !office) return;
  await ensureStandardCategories(trx);
  const cat = async (code: string) =>
    (await trx.selectFrom('opinion_category').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  const people = {
    liaison: await actorByUsername(trx, 'xinqi.liaison'),
    officer: await actorByUsername(trx, 'xinqi.officer'),
    unit: await actorByUsername(trx, 'xinqi.office'),
  };
  const as = (who: keyof typeof people) => ({ kind: 'staff' as const, actor: people[who], ctx });
  const register = (content: string, name: string, phone: string | null, location: string) =>
    registerInTx(
      trx,
      p,
      {
        orgId: station.id,
        channel: 'reception',
        content,
        location,
        deputyIds: [],
        constituent: phone ? { anonymous: false, name, phone } : { anonymous: true },
      } satisfies RegisterOpinion,
      as('liaison'),
    );
  const steps = async (id: number, list: [keyof typeof people, OpinionAction][]) => {
    for (const [who, step] of list) await fireInTx(trx, p, id, step, as(who));
  };
  const assign = {
    action: 'assign',
    leadUnitId: office.id,
    coUnitIds: [],
    signedBy: '新碶街道办事处 林主任',
  } as const satisfies OpinionAction;
  const triage = async (code: string): Promise<OpinionAction> => ({
    action: 'triage',
    categoryId: await cat(code),
    tier: 'street',
    urgency: 'normal',
    tags: [],
  });

  await register(
    '明州路与长江路口的红绿灯行人时间太短，老人过马路很危险，希望延长。',
    '王秀英',
    '13805741234',
    '明州路长江路口',
  );
  const b = await register(
    '大港新村3号楼前路灯坏了一个多月，晚上出门不安全。',
    '李建国',
    '13905742345',
    '大港新村3号楼',
  );
  await steps(b.id, [['liaison', await triage('urban.lighting')]]);
  const c = await register('华山小区楼道堆放杂物，存在消防隐患，希望物业清理。', '张桂兰', '13605743456', '华山小区');
  await steps(c.id, [
    ['officer', await triage('urban.property')],
    ['officer', assign],
  ]);
  const d = await register('新大路菜场周边早上乱停车，公交车经常过不去。', '陈志强', '13705744567', '新大路菜场');
  await steps(d.id, [
    ['officer', await triage('transport.parking')],
    ['officer', assign],
    ['unit', { action: 'accept' }],
  ]);
  const e = await register('岷山路夜间施工噪音大，影响休息。', '刘芳', '13805745678', '岷山路');
  await steps(e.id, [
    ['officer', await triage('environment.noise')],
    ['officer', assign],
    ['unit', { action: 'accept' }],
    [
      'unit',
      {
        action: 'respond',
        response: '已约谈施工单位，夜间22时后停止高噪声作业，并安排巡查。',
        resultType: 'solved',
        fileIds: [],
      },
    ],
    ['liaison', { action: 'feedback', channel: 'phone', content: '已电话告知处理结果：夜间22时后停止高噪声作业。' }],
  ]);
  // One assignment waits for the street office head (xinqi.director) to sign it off online.
  const f = await register('庐山路人行道地砖松动多处，下雨天踩上去溅水。', '周建华', '13605746789', '庐山路');
  await steps(f.id, [['officer', await triage('urban.roads')]]);
  await requestSignOffInTx(trx, p, ctx, people.officer, f.id, {
    action: 'assign',
    leadUnitId: office.id,
    coUnitIds: [],
    note: '请林主任签批后交办街道城管科',
  });
}
