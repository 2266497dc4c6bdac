import type { Tx } from '../../db/database.js';
import { enqueue } from '../../platform/notify/outbox.js';

type EventNotice = 'duty.eventInvited' | 'duty.eventChanged' | 'duty.eventCancelled' | 'duty.eventUninvited';

/** What a notice about an activity says of it. */
export interface NoticeEvent {
  id: number;
  title: string;
  day_text: string;
  starts_at: string;
  place?: string | null;
  org_id: number;
}

/**
 * Tells deputies (those with an account) in the console's bell about an activity: invited, changed
 * or cancelled. Written in the use case's transaction; one message per deputy and `key`.
 */
export async function tellDeputies(
  trx: Tx,
  type: EventNotice,
  deputies: readonly { id: number; user_id: number | null }[],
  e: NoticeEvent,
  more: { reason?: string; key?: string } = {},
) {
  const vars: Record<string, string> = {
    title: e.title.slice(0, 30),
    day: e.day_text,
    time: e.starts_at,
    place: e.place || '—',
  };
  if (type === 'duty.eventCancelled') vars.reason = (more.reason ?? '').slice(0, 60);
  for (const d of deputies)
    if (d.user_id)
      await enqueue(trx, {
        type,
        to: { userId: d.user_id },
        vars,
        dedupeKey: `${type}:${e.id}:${more.key ?? ''}:${d.id}`,
        scopeOrgId: e.org_id,
        link: '/duty/mine',
      });
}
