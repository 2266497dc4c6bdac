// Demo suggestions of 吴代表 (deputy.wu): a draft, one being handled by 新碶街道办事处 (xinqi.office),
// one answered B with a committed date waiting for the deputy's rating; the session they belong to.
import type { Tx } from '../../db/database.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import { chinaToday, addDays, yearOf } from '../../platform/calendar/dates.js';
import type { Platform } from '../../platform/context.js';
import { searchDocument, searchTerms } from '../../platform/text/segment.js';
import { deputyOfAccount } from '../deputies/names.js';
import { actorByUsername } from '../users/contacts.js';
import { fireInTx, type Firer } from './steps.js';

export async function seedDemoSuggestions(p: Platform, trx: Tx, ctx: RequestContext) {
  const named = (name: string) =>
    trx.selectFrom('organization').select(['id', 'path']).where('name', '=', name).executeTakeFirst();
  const root = await named('北仑区人大常委会');
  const office = await named('新碶街道办事处');
  if (!root || !office) return;
  const year = yearOf(chinaToday());
  const { id: sessionId } = await trx
    .insertInto('congress_session')
    .values({
      org_id: root.id,
      name: `北仑区第十八届人民代表大会第${year - 2021}次会议`,
      kind: 'session',
      year,
      prefix: '',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('congress_session')
    .values({ org_id: root.id, name: `${year}年闭会期间`, kind: 'interim', year, prefix: '闭' })
    .execute();
  const as = async (username: string): Promise<Firer> => ({
    kind: 'staff',
    actor: await actorByUsername(trx, username),
    ctx,
  });
  const [wu, district, unit] = [await as('deputy.wu'), await as('district'), await as('xinqi.office')];
  const deputy = wu.kind === 'staff' ? await deputyOfAccount(trx, wu.actor.userId) : undefined;
  if (!deputy) return;
  const draft = async (title: string, content: string, measures: string) => {
    const { id } = await trx
      .insertInto('suggestion')
      .values({
        org_id: root.id,
        org_path: root.path,
        session_id: sessionId,
        lead_deputy_id: deputy.id,
        title,
        content,
        measures,
        category: '城乡建设',
        state: 'draft',
        terms: searchTerms(`${title} ${content}`).slice(0, 200),
        search: searchDocument(`${title} ${content}`),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  };
  // Submitted by 吴代表, accepted and assigned to 新碶街道办事处 by the committee, consulted by the unit.
  const toConsulted = async (id: number, method: string, stage: string, attendees: string) => {
    for (const [firer, input] of [
      [wu, { action: 'submit' }],
      [district, { action: 'accept' }],
      [district, { action: 'assign', mode: 'joint', leadUnitId: office.id, coUnitIds: [], unitIds: [] }],
      [unit, { action: 'consult', at: new Date().toISOString(), method, stage, attendees }],
    ] as const)
      await fireInTx(trx, p, id, input as never, firer);
  };
  await draft(
    '关于优化老旧小区加装电梯审批流程的建议',
    '新碶街道多个老旧小区居民反映加装电梯审批环节多、周期长。建议简化流程。',
    '一、推行联合审批；二、公布办理时限；三、设立专项补助。',
  );
  const handling = await draft(
    '关于在明州路口增设行人过街信号灯的建议',
    '明州路与新大路交叉口人流量大，老人和学生过街困难，存在安全隐患。',
    '增设行人过街信号灯和安全岛，高峰期安排交通协管。',
  );
  await toConsulted(handling, 'faceToFace', 'before', '吴代表、郑承办');
  const answered = await draft(
    '关于加强学校周边交通秩序管理的建议',
    '上下学高峰期学校周边车辆乱停、拥堵严重，学生安全受到威胁。',
    '设置临时停车区，增派警力和志愿者疏导交通。',
  );
  await toConsulted(answered, 'onSite', 'during', '吴代表、郑承办、学校负责人');
  await fireInTx(
    trx,
    p,
    answered,
    {
      action: 'answer',
      answerClass: 'B',
      content: '已会同交警部门制定方案，将在学校东侧设置临时停车区，并在高峰期安排志愿者疏导。',
      commitmentDate: addDays(chinaToday(), 90),
      signedBy: '街道办事处主任',
    },
    unit,
  );
}
