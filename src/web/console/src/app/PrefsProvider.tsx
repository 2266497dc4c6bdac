import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { translate, type Lang } from './i18n.js';
import { PrefsContext, type Prefs, getLang, storeLang, storeLargeText, storedLargeText } from './prefs.js';

/** Language and large-text mode, persisted in localStorage and mirrored on <html lang>. */
export function PrefsProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(getLang);
  const [largeText, setLargeTextState] = useState<boolean>(storedLargeText);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = `${translate(lang, 'app.name')} · ${translate(lang, 'app.console')}`;
  }, [lang]);

  const value = useMemo<Prefs>(
    () => ({
      lang,
      largeText,
      setLang: (next) => {
        storeLang(next);
        setLangState(next);
      },
      setLargeText: (on) => {
        storeLargeText(on);
        setLargeTextState(on);
      },
    }),
    [lang, largeText],
  );
  return <PrefsContext value={value}>{children}</PrefsContext>;
}
