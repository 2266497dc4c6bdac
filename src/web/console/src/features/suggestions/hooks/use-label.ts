import { useCallback } from 'react';
import { usePrefs } from '../../../app/prefs.js';

/** A label of the suggestion contracts (`{ zh, en }`), in the UI language. */
export type Label = { zh: string; en: string };

/** The text of a contract's label in the UI language (the contracts keep both; nothing is retyped here). */
export function useLabel(): (label: Label) => string {
  const { lang } = usePrefs();
  return useCallback((label: Label) => (lang === 'en' ? label.en : label.zh), [lang]);
}
