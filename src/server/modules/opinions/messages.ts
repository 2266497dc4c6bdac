import type { MessageTemplate } from '../../platform/notify/templates.js';

/**
 * The texts of the opinions module's message types (the types: contracts/notify.ts), Chinese first.
 * `{name}` is a variable of the type; `smsParams` is the order of the provider template's parameters.
 */
export const opinionTemplates = {
  'opinion.receipt': {
    smsParams: ['receiptCode', 'followUrl', 'stopUrl'],
    'zh-CN': {
      sms: '您反映的意见已受理，受理编号{receiptCode}，查看进度：{followUrl} 退订：{stopUrl}',
      title: '意见已受理',
      body: '您反映的意见已受理，受理编号 {receiptCode}。查看办理进度：{followUrl}\n不再接收通知：{stopUrl}',
    },
    en: {
      sms: 'Your opinion was received, receipt code {receiptCode}; follow it: {followUrl} Stop: {stopUrl}',
      title: 'Opinion received',
      body: 'Your opinion was received under receipt code {receiptCode}. Follow its progress: {followUrl}\nStop these messages: {stopUrl}',
    },
  },
  'opinion.feedback': {
    smsParams: ['receiptCode', 'answer', 'followUrl', 'stopUrl'],
    'zh-CN': {
      sms: '您反映的意见（{receiptCode}）办理结果：{answer} 查看并评价：{followUrl} 退订：{stopUrl}',
      title: '意见办理结果',
      body: '您反映的意见（受理编号 {receiptCode}）办理结果：{answer}\n查看全文并评价：{followUrl}\n不再接收通知：{stopUrl}',
    },
    en: {
      sms: 'Your opinion {receiptCode}: {answer} View and rate: {followUrl} Stop: {stopUrl}',
      title: 'Result of your opinion',
      body: 'Your opinion (receipt code {receiptCode}): {answer}\nRead it all and rate it: {followUrl}\nStop these messages: {stopUrl}',
    },
  },
  'opinion.suggestionAnswered': {
    smsParams: ['receiptCode', 'followUrl', 'stopUrl'],
    'zh-CN': {
      sms: '您反映的意见（受理编号{receiptCode}）已由代表形成建议，有关单位已书面答复，请查看并评价：{followUrl} 退订：{stopUrl}',
      title: '代表建议已答复',
      body: '您反映的意见（受理编号 {receiptCode}）已由代表形成代表建议，有关单位已书面答复。查看并评价：{followUrl}\n不再接收通知：{stopUrl}',
    },
    en: {
      sms: 'Your opinion {receiptCode} became a deputy suggestion, now answered; view and rate: {followUrl} Stop: {stopUrl}',
      title: 'Suggestion answered',
      body: 'Your opinion (receipt code {receiptCode}) became a deputy suggestion, which has now been answered. View and rate it: {followUrl}\nStop these messages: {stopUrl}',
    },
  },
  'opinion.signOffRequested': {
    smsParams: ['title', 'receiptCode', 'unitName'],
    'zh-CN': {
      sms: '意见“{title}”（编号{receiptCode}）拟交{unitName}办理，请登录签批。',
      title: '待签批交办：{title}',
      body: '{requestedBy}提请您签批：意见“{title}”（编号 {receiptCode}）拟交 {unitName} 办理。签批后办理时限开始计算。',
    },
    en: {
      sms: 'Opinion "{title}" ({receiptCode}) is to go to {unitName}; please sign it off.',
      title: 'To sign off: {title}',
      body: '{requestedBy} asks you to sign off the assignment of "{title}" ({receiptCode}) to {unitName}. The time limit runs from your sign-off.',
    },
  },
  'opinion.signOffDeclined': {
    smsParams: ['title', 'receiptCode'],
    'zh-CN': {
      sms: '意见“{title}”（编号{receiptCode}）的交办未获签批，请登录查看。',
      title: '交办未获签批：{title}',
      body: '{decidedBy}退回了意见“{title}”（编号 {receiptCode}）的交办：{reason}',
    },
    en: {
      sms: 'The assignment of "{title}" ({receiptCode}) was not signed off; please look.',
      title: 'Sign-off declined: {title}',
      body: '{decidedBy} declined the assignment of "{title}" ({receiptCode}): {reason}',
    },
  },
  'opinion.rejected': {
    smsParams: ['receiptCode', 'stopUrl'],
    'zh-CN': {
      sms: '您反映的意见（受理编号{receiptCode}）经审核不予受理，原因请凭编号查询。退订：{stopUrl}',
      title: '意见不予受理',
      body: '您反映的意见（受理编号 {receiptCode}）经审核不予受理。不予受理的原因可凭受理编号查询。\n不再接收通知：{stopUrl}',
    },
    en: {
      sms: 'Your opinion {receiptCode} was not taken up; the reason is shown with the code. Stop: {stopUrl}',
      title: 'Opinion not taken up',
      body: 'Your opinion (receipt code {receiptCode}) was not taken up. The reason is shown when you look it up with the code.\nStop these messages: {stopUrl}',
    },
  },
  'opinion.assigned': {
    smsParams: ['title', 'receiptCode', 'deadline'],
    'zh-CN': {
      sms: '您单位有新交办的群众意见“{title}”（编号{receiptCode}），请于{deadline}前办理答复。',
      title: '新交办意见：{title}',
      body: '您单位有一件新交办的群众意见“{title}”（编号 {receiptCode}），请于 {deadline} 前办理并答复。',
    },
    en: {
      sms: 'New assignment "{title}" ({receiptCode}); please respond by {deadline}.',
      title: 'New assignment: {title}',
      body: 'Your unit has been assigned the opinion "{title}" ({receiptCode}). Please handle it and respond by {deadline}.',
    },
  },
  'opinion.supervision': {
    smsParams: ['level', 'title', 'receiptCode'],
    'zh-CN': {
      sms: '【{level}】群众意见“{title}”（编号{receiptCode}）尚未按期办结，请抓紧办理。',
      title: '{level}：{title}',
      body: '群众意见“{title}”（编号 {receiptCode}）尚未按期办结，现予{level}，请抓紧办理并及时答复。',
    },
    en: {
      sms: '[{level}] Opinion "{title}" ({receiptCode}) is overdue; please act now.',
      title: '{level}: {title}',
      body: 'The opinion "{title}" ({receiptCode}) is overdue ({level}). Please handle it and respond without delay.',
    },
  },
} satisfies Record<string, MessageTemplate>;
