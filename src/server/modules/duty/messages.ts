import type { MessageTemplate } from '../../platform/notify/templates.js';

/** The texts of the duty record's message types (the types: contracts/notify.ts), Chinese first. */
export const dutyTemplates = {
  'duty.bulletin': {
    smsParams: ['issuer', 'title'],
    'zh-CN': {
      sms: '{issuer}发布《{title}》，请登录系统阅读。',
      title: '知情知政',
      body: '{issuer}发布了《{title}》，请登录系统阅读。',
    },
    en: {
      sms: '{issuer} published "{title}"; sign in to read it.',
      title: 'Bulletin for deputies',
      body: '{issuer} published "{title}". Sign in to read it.',
    },
  },
} satisfies Record<string, MessageTemplate>;
