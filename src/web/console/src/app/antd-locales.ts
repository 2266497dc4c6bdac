import type { Locale } from 'antd/es/locale/index.js';
import enUSModule from 'antd/es/locale/en_US.js';
import zhCNModule from 'antd/es/locale/zh_CN.js';
import type { Lang } from './i18n.js';

/**
 * antd ships its locale files as ES modules without "type": "module", so TypeScript (NodeNext)
 * types the default import as the CommonJS module object while Vite hands over the default
 * export itself. Accept either.
 */
function interop(value: Locale | { default: Locale }): Locale {
  return 'default' in value ? value.default : value;
}

const zhCN = interop(zhCNModule);
const enUS = interop(enUSModule);

export function antdLocale(lang: Lang): Locale {
  return lang === 'en' ? enUS : zhCN;
}
