import { useT } from './i18n.js';
import { setPrefs, usePrefs } from './prefs.js';
import { follow } from './router.js';

/** The top bar: home, 长辈版 (large text) and the language, reachable from every page. */
export function Header() {
  const t = useT();
  const { lang, large } = usePrefs();
  return (
    <header className="bar">
      <a className="bar-home" href="/" onClick={follow}>
        {t('siteName')}
      </a>
      <div className="bar-tools">
        <button
          type="button"
          className="bar-btn"
          aria-pressed={large}
          onClick={() => setPrefs({ large: !large })}
          data-testid="large-toggle"
        >
          {large ? t('standard') : t('large')}
        </button>
        <button
          type="button"
          className="bar-btn"
          lang={lang === 'en' ? 'zh-CN' : 'en'}
          aria-label={t('switchLangLabel')}
          onClick={() => setPrefs({ lang: lang === 'en' ? 'zh-CN' : 'en' })}
        >
          {t('switchLang')}
        </button>
      </div>
    </header>
  );
}
