import type { SuggestionActionName } from '../../../../../contracts/suggestions.js';
import type { ActionValues } from './action-body.js';
import type { SuggestionView } from './api.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** A moment as a `datetime-local` input writes it (the browser's time zone, to the minute). */
export function localMinute(d = new Date()): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A day as a `date` input writes it, `days` after today (the browser's calendar). */
export function localDay(days = 0, from = new Date()): string {
  const d = new Date(from.getFullYear(), from.getMonth(), from.getDate() + days);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** What a step's form starts with, from the suggestion as it stands. */
export function actionDefaults(action: SuggestionActionName, s: SuggestionView): ActionValues {
  switch (action) {
    case 'notAccept':
      return { exclusions: [] };
    case 'assign':
      return { mode: 'joint', coUnitIds: [], unitIds: [] };
    case 'requestExtension':
      return { months: 1 };
    case 'decideExtension':
      return { approve: true, months: s.extensionPending?.months };
    case 'consult':
      return {
        at: localMinute(),
        method: 'faceToFace',
        stage: s.state === 'answered' ? 'after' : s.consultations.length ? 'during' : 'before',
        attendees: s.leadDeputyName,
      };
    case 'markKey':
      return { key: !s.keySupervision, leaders: s.keyLeaders ?? undefined };
    case 'setPublic':
      return { publishable: !s.publishable, reason: s.notPublicReason ?? undefined };
    default:
      return {};
  }
}
