import type { z } from 'zod';
import type { TrainingInput } from '../../../contracts/duty.js';
import { inTransaction } from '../../db/database.js';
import type { Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors/errors.js';
import { deputiesForRecord } from '../deputies/duty-source.js';
import { canOnDeputy } from './policy.js';
import { recordActivity } from './record-activity.js';
import { deputyScope } from './load.js';

/**
 * Records a training session's attendance: one confirmed training activity per attending deputy,
 * keyed by the session, so that sending the list again (or a longer one) adds only who is new.
 */
export async function recordTraining(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  input: z.infer<typeof TrainingInput>,
) {
  const found = await deputiesForRecord(p.db, input.deputyIds);
  if (found.length !== new Set(input.deputyIds).size)
    throw invalid({ path: 'body.deputyIds', zh: '名单中有不存在的代表', en: 'Some deputies do not exist' });
  for (const d of found) {
    const scope = await deputyScope(p.db, d.id);
    if (!canOnDeputy(actor, 'duty.manage', scope.org_path, scope.stationPaths)) throw new AppError('FORBIDDEN');
  }
  return inTransaction(p.db, async (trx) => {
    let added = 0;
    for (const d of found) {
      const fact = {
        deputyId: d.id,
        kind: 'training',
        sourceKey: `training:${input.sessionKey}`,
        day: input.day,
        title: input.title,
        hours: input.hours,
      };
      if ((await recordActivity(trx, fact, actor.userId, d.org_path)).inserted) added++;
    }
    await p.audit.record(trx, ctx, {
      action: 'duty.recordTraining',
      subjectType: 'dutyTraining',
      subjectId: input.sessionKey,
      summary: { after: { title: input.title, day: input.day, hours: input.hours, deputyIds: input.deputyIds, added } },
    });
    return { attendees: found.length, added };
  });
}
