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
  'duty.eventInvited': {
    smsParams: ['title', 'day', 'time', 'place'],
    'zh-CN': {
      sms: '邀请您参加“{title}”，{day} {time}，地点：{place}。',
      title: '履职活动邀请：{title}',
      body: '邀请您参加“{title}”。\n时间：{day} {time}\n地点：{place}\n请在“我的履职”中查看，当天到场扫码签到。',
    },
    en: {
      sms: 'You are invited to "{title}" on {day} {time} at {place}.',
      title: 'Invited: {title}',
      body: 'You are invited to "{title}".\nWhen: {day} {time}\nWhere: {place}\nSee My duty record; sign in at the place on the day.',
    },
  },
  'duty.eventChanged': {
    smsParams: ['title', 'day', 'time', 'place'],
    'zh-CN': {
      sms: '履职活动“{title}”有变更：{day} {time}，地点：{place}。',
      title: '活动变更：{title}',
      body: '您参加的履职活动“{title}”有变更，现为：\n时间：{day} {time}\n地点：{place}',
    },
    en: {
      sms: 'Activity "{title}" changed: now {day} {time} at {place}.',
      title: 'Changed: {title}',
      body: 'The activity "{title}" has changed. Now:\nWhen: {day} {time}\nWhere: {place}',
    },
  },
  'duty.eventCancelled': {
    smsParams: ['title', 'day', 'reason'],
    'zh-CN': {
      sms: '原定{day}的履职活动“{title}”已取消，原因：{reason}。',
      title: '活动取消：{title}',
      body: '原定 {day} 的履职活动“{title}”已取消。\n原因：{reason}',
    },
    en: {
      sms: 'The activity "{title}" on {day} is cancelled: {reason}.',
      title: 'Cancelled: {title}',
      body: 'The activity "{title}" on {day} is cancelled.\nReason: {reason}',
    },
  },
  'duty.eventUninvited': {
    smsParams: ['title', 'day', 'time'],
    'zh-CN': {
      sms: '您已不在履职活动“{title}”（{day} {time}）的名单上，无需参加。',
      title: '已移出活动名单：{title}',
      body: '组织者已将您移出履职活动“{title}”的名单，无需参加。\n时间：{day} {time}\n地点：{place}',
    },
    en: {
      sms: 'You are no longer on the list of "{title}" ({day} {time}); no need to attend.',
      title: 'Removed from: {title}',
      body: 'The organiser removed you from the list of "{title}"; no need to attend.\nWhen: {day} {time}\nWhere: {place}',
    },
  },
  'duty.digestMatch': {
    smsParams: ['issuer', 'title', 'suggestion'],
    'zh-CN': {
      sms: '{issuer}发布的《{title}》与您的建议“{suggestion}”相关，请登录系统阅读。',
      title: '与我的建议相关的新文件',
      body: '{issuer}发布的《{title}》与您的建议“{suggestion}”相关，请在“与我的建议相关的新文件”中阅读。',
    },
    en: {
      sms: '"{title}" from {issuer} concerns your suggestion "{suggestion}"; sign in to read it.',
      title: 'A new document on your suggestion',
      body: '"{title}" from {issuer} concerns your suggestion "{suggestion}". Read it in your digest.',
    },
  },
  'duty.receptionRating': {
    smsParams: ['stationName', 'date', 'rateUrl', 'stopUrl'],
    'zh-CN': {
      sms: '感谢您{date}到{stationName}参加代表接待，请为本次接待评价：{rateUrl} 退订：{stopUrl}',
      title: '请评价本次接待',
      body: '感谢您 {date} 到 {stationName} 参加代表接待。请为本次接待评价：{rateUrl}\n不再接收通知：{stopUrl}',
    },
    en: {
      sms: 'Thank you for meeting deputies at {stationName} on {date}. Rate the reception: {rateUrl} Stop: {stopUrl}',
      title: 'Rate the reception',
      body: 'Thank you for meeting deputies at {stationName} on {date}. Rate the reception: {rateUrl}\nStop these messages: {stopUrl}',
    },
  },
} satisfies Record<string, MessageTemplate>;
