import type { MessageTemplate } from '../../platform/notify/templates.js';

/** The texts of the suggestions module's message types (the types: contracts/notify.ts), Chinese first. */
export const suggestionTemplates = {
  'suggestion.invited': {
    smsParams: ['leadName', 'title'],
    'zh-CN': {
      sms: '{leadName}代表邀请您联名提出建议《{title}》，请登录系统确认。',
      title: '联名邀请',
      body: '{leadName} 代表邀请您联名提出代表建议《{title}》。请阅读建议内容后确认是否联名。',
    },
    en: {
      sms: 'Deputy {leadName} invites you to co-sign the suggestion "{title}"; please sign in to answer.',
      title: 'Co-signing invitation',
      body: 'Deputy {leadName} invites you to co-sign the suggestion "{title}". Read it and answer whether you join.',
    },
  },
  'suggestion.reviewed': {
    smsParams: ['title', 'result'],
    'zh-CN': {
      sms: '您的建议《{title}》审查结果：{result}。',
      title: '建议审查结果',
      body: '您提出的代表建议《{title}》审查结果：{result}。详情请登录系统查看。',
    },
    en: {
      sms: 'Your suggestion "{title}" was reviewed: {result}.',
      title: 'Suggestion reviewed',
      body: 'Your suggestion "{title}" was reviewed: {result}. Sign in for the details.',
    },
  },
  'suggestion.assigned': {
    smsParams: ['number', 'title', 'due'],
    'zh-CN': {
      sms: '交办：代表建议{number}《{title}》，请与代表面商并于{due}前书面答复。',
      title: '代表建议交办',
      body: '代表建议 {number}《{title}》已交办贵单位。请与代表面商沟通，并于 {due} 前书面答复。',
    },
    en: {
      sms: 'Assigned: suggestion {number} "{title}"; consult the deputy and answer in writing by {due}.',
      title: 'Suggestion assigned',
      body: 'Suggestion {number} "{title}" has been assigned to your unit. Consult the deputy and answer in writing by {due}.',
    },
  },
  'suggestion.answered': {
    smsParams: ['number', 'title'],
    'zh-CN': {
      sms: '您的建议{number}《{title}》已书面答复，请登录系统查看并评价。',
      title: '建议已答复',
      body: '您的代表建议 {number}《{title}》已书面答复。请查看答复并对沟通情况和办理结果作出评价。',
    },
    en: {
      sms: 'Your suggestion {number} "{title}" has been answered; sign in to read and rate it.',
      title: 'Suggestion answered',
      body: 'Your suggestion {number} "{title}" has been answered in writing. Read it and rate the communication and the result.',
    },
  },
  'suggestion.supervision': {
    smsParams: ['number', 'title', 'due'],
    'zh-CN': {
      sms: '督办：代表建议{number}《{title}》答复期限为{due}，请抓紧办理。',
      title: '代表建议督办',
      body: '代表建议 {number}《{title}》的答复期限为 {due}，请抓紧办理并按时书面答复。',
    },
    en: {
      sms: 'Supervision: suggestion {number} "{title}" is due {due}; please answer in time.',
      title: 'Suggestion supervision',
      body: 'Suggestion {number} "{title}" must be answered by {due}. Please answer in writing in time.',
    },
  },
  'suggestion.reopened': {
    smsParams: ['number', 'title', 'due'],
    'zh-CN': {
      sms: '代表建议{number}《{title}》需重新办理，请于{due}前再次答复。',
      title: '代表建议重新办理',
      body: '代表建议 {number}《{title}》需重新办理（代表不满意或承诺事项到期），请于 {due} 前再次书面答复。',
    },
    en: {
      sms: 'Suggestion {number} "{title}" must be handled again; answer by {due}.',
      title: 'Suggestion handled again',
      body: 'Suggestion {number} "{title}" must be handled again (the deputy was dissatisfied, or a committed date came); answer by {due}.',
    },
  },
  'suggestion.coViewDue': {
    smsParams: ['number', 'title', 'due'],
    'zh-CN': {
      sms: '协办：代表建议{number}《{title}》请于{due}前向主办单位报送协办意见。',
      title: '协办意见催报',
      body: '贵单位协办的代表建议 {number}《{title}》，请于 {due} 前在系统中向主办单位报送协办意见。',
    },
    en: {
      sms: 'Co-unit: send your view on suggestion {number} "{title}" to the lead unit by {due}.',
      title: 'Co-unit view due',
      body: 'Your unit co-handles suggestion {number} "{title}". Send your view to the lead unit in the system by {due}.',
    },
  },
} satisfies Record<string, MessageTemplate>;
