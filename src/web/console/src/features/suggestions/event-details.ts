import {
  answerClasses,
  answerClassLabels,
  consultationMethodLabels,
  consultationMethods,
  consultationStageLabels,
  consultationStages,
  exclusionLabels,
  exclusions,
  satisfactionLabels,
  satisfactionLevels,
} from '../../../../../contracts/suggestions.js';
import type { Translate } from '../../app/i18n.js';
import type { SuggestionView } from './api.js';
import type { Label } from './hooks/use-label.js';

type Event = SuggestionView['events'][number];

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (typeof v === 'number' ? v : null);
const oneOf = <T extends string>(list: readonly T[], v: unknown) => list.find((x) => x === v);

/**
 * The facts an event's `data` adds to its line in the timeline (the units and due date of an
 * assignment, the class and committed date of an answer, the ratings, the exclusions …).
 */
export function eventDetails(
  e: Event,
  t: Translate,
  label: (l: Label) => string,
  names: ReadonlyMap<number, string>,
): string[] {
  const d = e.data ?? {};
  const name = (id: unknown) => names.get(num(id) ?? 0) ?? '';
  const out: string[] = [];
  switch (e.action) {
    case 'accept': {
      const n = Array.isArray(d.repeatOf) ? d.repeatOf.length : 0;
      if (n) out.push(t('suggestions.event.repeats', { n }));
      break;
    }
    case 'notAccept': {
      const list = (Array.isArray(d.exclusions) ? d.exclusions : [])
        .map((x) => oneOf(exclusions, x))
        .filter((x) => x !== undefined)
        .map((x) => label(exclusionLabels[x]));
      if (list.length) out.push(t('suggestions.event.exclusions', { list: list.join('；') }));
      break;
    }
    case 'convert':
      if (str(d.receiptCode)) out.push(t('suggestions.event.converted', { code: str(d.receiptCode) }));
      break;
    case 'merge':
      if (str(d.intoNumber)) out.push(t('suggestions.event.merged', { number: str(d.intoNumber) }));
      break;
    case 'assign': {
      const units = (Array.isArray(d.units) ? d.units : []).map((u) => str((u as { name?: unknown }).name));
      const mode = d.mode === 'separate' ? t('suggestions.mode.separate') : t('suggestions.mode.joint');
      out.push(t('suggestions.event.assigned', { mode, units: units.join('、'), due: str(d.due) }));
      break;
    }
    case 'requestExtension':
      if (num(d.months)) out.push(t('suggestions.event.extensionAsked', { months: num(d.months)! }));
      break;
    case 'decideExtension':
      out.push(
        d.approve
          ? t('suggestions.event.extensionApproved', { months: num(d.months) ?? 0, due: str(d.due) })
          : t('suggestions.event.extensionRefused'),
      );
      break;
    case 'resume':
      if (str(d.due)) out.push(t('suggestions.event.resumed', { days: num(d.days) ?? 0, due: str(d.due) }));
      break;
    case 'consult': {
      const method = oneOf(consultationMethods, d.method);
      const stage = oneOf(consultationStages, d.stage);
      if (method && stage)
        out.push(`${label(consultationMethodLabels[method])} · ${label(consultationStageLabels[stage])}`);
      break;
    }
    case 'answer': {
      const c = oneOf(answerClasses, d.answerClass);
      if (c) out.push(label(answerClassLabels[c]));
      if (str(d.commitmentDate)) out.push(t('suggestions.answers.commitment', { date: str(d.commitmentDate) }));
      if (d.onTime === false) out.push(t('suggestions.answers.late'));
      break;
    }
    case 'rate': {
      const communication = oneOf(satisfactionLevels, d.communication);
      const result = oneOf(satisfactionLevels, d.result);
      if (communication && result)
        out.push(
          `${d.coSigner ? t('suggestions.event.coSignerRating') : ''}${t('suggestions.detail.ratingValue', {
            communication: label(satisfactionLabels[communication]),
            result: label(satisfactionLabels[result]),
          })}`,
        );
      if (str(d.comment)) out.push(str(d.comment));
      break;
    }
    case 'constituentRate': {
      const level = oneOf(satisfactionLevels, d.level);
      if (level) out.push(label(satisfactionLabels[level]));
      break;
    }
    case 'close':
      if (d.unrated) out.push(t('suggestions.event.unrated'));
      break;
    case 'markKey':
      out.push(d.key ? t('suggestions.event.keyOn') : t('suggestions.event.keyOff'));
      break;
    case 'setPublic':
      out.push(d.publishable ? t('suggestions.event.public') : t('suggestions.event.notPublic'));
      break;
    case 'commitmentDue':
      out.push(t('suggestions.event.commitmentDue', { date: str(d.commitmentDate), due: str(d.redoDue) }));
      break;
    case 'invite': {
      const invited = (Array.isArray(d.deputyIds) ? d.deputyIds : []).map(name).filter(Boolean);
      if (invited.length) out.push(t('suggestions.event.invited', { names: invited.join('、') }));
      break;
    }
    case 'signer':
      if (name(d.deputyId))
        out.push(t(d.accept ? 'suggestions.event.signed' : 'suggestions.event.declined', { name: name(d.deputyId) }));
      break;
    case 'uninvite':
      if (name(d.deputyId)) out.push(t('suggestions.event.uninvited', { name: name(d.deputyId) }));
      break;
  }
  return out;
}
