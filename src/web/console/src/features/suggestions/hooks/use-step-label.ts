import { useCallback } from 'react';
import { actionLabels, type SuggestionActionName } from '../../../../../../contracts/suggestions.js';
import { useT } from '../../../app/i18n.js';
import { useLabel } from './use-label.js';

/**
 * A step's name on its button and form. Withdrawing a draft (never submitted) is giving it up: the server
 * keeps it as withdrawn (not deleted), so it reads "放弃草稿", not "撤回".
 */
export function useStepLabel(): (action: SuggestionActionName, suggestion: { state: string }) => string {
  const t = useT();
  const label = useLabel();
  return useCallback(
    (action, suggestion) =>
      action === 'withdraw' && suggestion.state === 'draft'
        ? t('suggestions.action.discardDraft')
        : label(actionLabels[action]),
    [t, label],
  );
}
