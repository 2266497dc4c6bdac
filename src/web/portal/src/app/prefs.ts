import { useSyncExternalStore } from 'react';

export type Lang = 'zh-CN' | 'en';

/** The reader's choices: language and large text (长辈版). Kept in localStorage, never in cookies. */
export interface Prefs {
  lang: Lang;
  large: boolean;
}

const KEY = 'liaison.portal.prefs';

function read(): Prefs {
  let saved: Partial<Prefs> = {};
  try {
    saved = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Prefs>;
  } catch {
    // Storage may be off (private mode in some WeChat versions): defaults then.
  }
  const params = new URLSearchParams(location.search);
  const lang: Lang = params.get('lang') === 'en' ? 'en' : saved.lang === 'en' ? 'en' : 'zh-CN';
  const large = params.get('large') === '1' ? true : saved.large === true;
  return { lang, large };
}

let current = read();
const listeners = new Set<() => void>();

function apply() {
  document.documentElement.lang = current.lang;
  document.documentElement.classList.toggle('large', current.large);
}
apply();

export function getPrefs(): Prefs {
  return current;
}

export function setPrefs(next: Partial<Prefs>) {
  current = { ...current, ...next };
  try {
    localStorage.setItem(KEY, JSON.stringify(current));
  } catch {
    // Not saved; the choice still holds for this visit.
  }
  apply();
  listeners.forEach((l) => l());
}

export function usePrefs(): Prefs {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
}
