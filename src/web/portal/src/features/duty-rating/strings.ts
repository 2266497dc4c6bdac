import { usePrefs } from '../../app/prefs.js';

/** The reception rating page's strings, zh-CN first (kept with the page: the portal loads a page's chunk only). */
const strings = {
  title: ['为本次接待评价', 'Rate this reception'],
  intro: [
    '您对本次代表接待满意吗？您的评价帮助联络站改进工作。',
    'Were you satisfied with this reception? Your rating helps the station.',
  ],
  when: ['{station} · {day} {start}—{end}', '{station} · {day} {start}–{end}'],
  satisfied: ['满意', 'Satisfied'],
  basicallySatisfied: ['基本满意', 'Basically satisfied'],
  dissatisfied: ['不满意', 'Dissatisfied'],
  comment: ['意见建议（可不填）', 'Comments (optional)'],
  submit: ['提交评价', 'Send'],
  thanks: ['感谢您的评价！', 'Thank you for your rating!'],
  replaced: ['已更新您的评价。', 'Your rating has been updated.'],
  again: ['修改评价', 'Change my rating'],
  closed: [
    '本次接待已过评价期（接待当天起 14 天内可评价）。',
    'This reception is no longer open for rating (14 days from its day).',
  ],
  pick: ['请选择满意程度', 'Choose how satisfied you are'],
} as const;

/** The strings in the reader's language, with `{name}` filled in. */
export function useStrings() {
  const { lang } = usePrefs();
  return (key: keyof typeof strings, vars: Record<string, string | number> = {}) =>
    strings[key][lang === 'en' ? 1 : 0].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}
