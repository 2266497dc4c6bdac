import type { OpinionActionName, OpinionView, SupervisionLevel } from '../../app/contracts.js';
import type { ActionValues } from './action-body.js';
import { supervisionLevels } from './values.js';

const SIGNER_KEY = 'liaison.opinions.signedBy';

/** The last street office head who signed in this browser: most assignments carry the same name. */
export function lastSigner(): string | undefined {
  try {
    return window.localStorage.getItem(SIGNER_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function rememberSigner(name: string) {
  try {
    window.localStorage.setItem(SIGNER_KEY, name);
  } catch {
    // Not remembered; typed again next time.
  }
}

/** The newest reply to the constituent on record: the unit's response, or the answer given on the spot. */
export function latestReply(o: OpinionView): string | undefined {
  for (let i = o.events.length - 1; i >= 0; i--) {
    const e = o.events[i]!;
    if ((e.action === 'respond' || e.action === 'answer') && e.publicNote) return e.publicNote;
  }
  return undefined;
}

function nextSupervision(current: SupervisionLevel | null): SupervisionLevel {
  if (!current) return 'reminder';
  return supervisionLevels[Math.min(supervisionLevels.indexOf(current) + 1, supervisionLevels.length - 1)]!;
}

/** What a step's form starts with, from the opinion as it stands. */
export function actionDefaults(action: OpinionActionName, o: OpinionView): ActionValues {
  switch (action) {
    case 'triage':
      return {
        categoryId: o.categoryId ?? undefined,
        tier: o.tier ?? 'street',
        urgency: o.urgency,
        tags: o.tags,
      };
    case 'assign':
    case 'reassign':
      return { coUnitIds: [], signedBy: lastSigner(), signedAt: null, deadlineDays: null };
    case 'reject':
      return { tellConstituent: false };
    case 'escalate':
      return { deputyIds: o.deputies.map((d) => d.id) };
    case 'decideExtension':
      return { approve: true };
    case 'supervise':
      return { supervisionLevel: nextSupervision(o.supervisionLevel) };
    case 'feedback':
      return { channel: o.constituentPhone ? 'sms' : 'inPerson', content: latestReply(o) };
    default:
      return {};
  }
}
