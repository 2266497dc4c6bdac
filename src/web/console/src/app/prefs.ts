import { createContext, useContext } from 'react';
import type { Lang } from './i18n.js';

const LANG_KEY = 'liaison.lang';
const LARGE_TEXT_KEY = 'liaison.largeText';

/** The user's display preferences, kept in this browser. */
export interface Prefs {
  lang: Lang;
  largeText: boolean;
  setLang: (lang: Lang) => void;
  setLargeText: (on: boolean) => void;
}

export const PrefsContext = createContext<Prefs | null>(null);

export function usePrefs(): Prefs {
  const prefs = useContext(PrefsContext);
  if (!prefs) throw new Error('usePrefs outside PrefsProvider');
  return prefs;
}

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    // Storage can be off (private mode, policy); the defaults then apply.
    return null;
  }
}

function write(key: string, value: string) {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Not persisted; the choice still holds for this page.
  }
}

let currentLang: Lang = read(LANG_KEY) === 'en' ? 'en' : 'zh-CN';

/** The UI language right now: also the Accept-Language of every API request. */
export function getLang(): Lang {
  return currentLang;
}

export function storeLang(lang: Lang) {
  currentLang = lang;
  write(LANG_KEY, lang);
}

export function storedLargeText(): boolean {
  return read(LARGE_TEXT_KEY) === '1';
}

export function storeLargeText(on: boolean) {
  write(LARGE_TEXT_KEY, on ? '1' : '0');
}
