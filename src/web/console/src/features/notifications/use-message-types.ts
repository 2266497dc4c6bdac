import { useCallback } from 'react';
import { usePrefs } from '../../app/prefs.js';
import { useTemplates, type MessageType } from './api.js';

/**
 * The message types the server knows, with their names in the UI language (from the server's
 * catalogue, so a type added there needs nothing here). An unknown type shows its code.
 */
export function useMessageTypes() {
  const { lang } = usePrefs();
  const templates = useTemplates();
  const items = templates.data?.items;
  const label = useCallback(
    (type: string) => {
      const found = items?.find((i) => i.type === type)?.label;
      return found ? (lang === 'en' ? found.en : found.zh) : type;
    },
    [items, lang],
  );
  return { types: (items ?? []).map((i) => i.type as MessageType), label };
}
