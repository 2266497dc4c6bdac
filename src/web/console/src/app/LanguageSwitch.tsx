import { Button } from 'antd';
import { useT } from './i18n.js';
import { usePrefs } from './prefs.js';

/** Toggles between Chinese and English; the label names the language it switches to. */
export function LanguageSwitch() {
  const t = useT();
  const { lang, setLang } = usePrefs();
  return (
    <Button
      data-testid="lang-switch"
      lang={lang === 'en' ? 'zh-CN' : 'en'}
      aria-label={t('header.langSwitchLabel')}
      onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}
    >
      {t('header.langSwitch')}
    </Button>
  );
}
