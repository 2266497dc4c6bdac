// Telling the constituents behind a project (through the opinion it came from, or the opinions
// behind the suggestion it came from) that it was chosen or is done: SMS with the portal link.
import type { Tx } from '../../db/database.js';
import type { Platform } from '../../platform/context.js';
import { enqueue } from '../../platform/notify/outbox.js';
import { opinionPhonesForNotice } from '../opinions/project-links.js';
import { suggestionOpinionIds } from '../suggestions/project-links.js';

/** Queues one SMS per constituent phone behind each project (deduplicated per project and opinion). */
export async function tellConstituents(
  trx: Tx,
  p: Platform,
  projectIds: readonly number[],
  type: 'project.chosen' | 'project.done',
) {
  if (!projectIds.length) return 0;
  const projects = await trx
    .selectFrom('project')
    .select(['id', 'title', 'source_opinion_id', 'source_suggestion_id'])
    .where('id', 'in', [...projectIds])
    .execute();
  let sent = 0;
  for (const pr of projects) {
    const opinionIds = pr.source_opinion_id
      ? [pr.source_opinion_id]
      : pr.source_suggestion_id
        ? await suggestionOpinionIds(trx, pr.source_suggestion_id)
        : [];
    for (const o of await opinionPhonesForNotice(trx, opinionIds)) {
      await enqueue(trx, {
        type,
        to: { phoneSealed: o.phoneSealed },
        vars: { title: pr.title, link: `${p.config.publicUrl}/projects?id=${pr.id}` },
        dedupeKey: `${type}:${pr.id}:${o.id}`,
        scopeOrgId: o.orgId,
      });
      sent += 1;
    }
  }
  return sent;
}
