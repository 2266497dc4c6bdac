import { messageTypes, type MessageType, type MessageTypeSpec } from '../../../contracts/notify.js';
import type { NotifySettings } from '../../config.js';

export type Lang = 'zh-CN' | 'en';

interface Texts {
  /** The SMS body without the signature (providers add 【签名】; full-text channels get it prefixed). */
  sms: string;
  /** In-app title and e-mail subject. */
  title: string;
  /** In-app body and e-mail text. */
  body: string;
}

/**
 * Variables every constituent message gets without the caller passing them: the link that stops
 * further messages (件件有回音, but the constituent may say no more).
 */
export const autoVars: Record<'staff' | 'constituent', readonly string[]> = {
  staff: [],
  constituent: ['stopUrl'],
};

/**
 * The texts of every message type, Chinese first. `{name}` is a variable of the type. The order of
 * `smsParams` is the order of the provider template's parameters (Tencent numbers them {1}, {2} …;
 * Alibaba names them ${name}): register the provider templates with the same wording.
 */
export const templates: Record<MessageType, { smsParams: readonly string[]; 'zh-CN': Texts; en: Texts }> = {
  'opinion.receipt': {
    smsParams: ['receiptCode', 'stopUrl'],
    'zh-CN': {
      sms: '您反映的意见已受理，受理编号{receiptCode}，可凭编号查询办理进度。退订：{stopUrl}',
      title: '意见已受理',
      body: '您反映的意见已受理，受理编号 {receiptCode}。您可凭受理编号查询办理进度。\n不再接收通知：{stopUrl}',
    },
    en: {
      sms: 'Your opinion was received, receipt code {receiptCode}; use it to follow progress. Stop: {stopUrl}',
      title: 'Opinion received',
      body: 'Your opinion was received under receipt code {receiptCode}. Use the code to follow its progress.\nStop these messages: {stopUrl}',
    },
  },
  'opinion.feedback': {
    smsParams: ['receiptCode', 'stopUrl'],
    'zh-CN': {
      sms: '您反映的意见（受理编号{receiptCode}）已有办理结果，请凭编号查看并评价。退订：{stopUrl}',
      title: '意见办理结果',
      body: '您反映的意见（受理编号 {receiptCode}）已有办理结果，请凭受理编号查看并对办理情况作出评价。\n不再接收通知：{stopUrl}',
    },
    en: {
      sms: 'Your opinion {receiptCode} has a result; please view and rate it. Stop: {stopUrl}',
      title: 'Result of your opinion',
      body: 'Your opinion (receipt code {receiptCode}) has a result. Please view it with the code and rate how it was handled.\nStop these messages: {stopUrl}',
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
  'reception.duty': {
    smsParams: ['date', 'stationName'],
    'zh-CN': {
      sms: '提醒：您将于{date}在{stationName}参加代表接待选民活动。',
      title: '接待值班提醒',
      body: '您将于 {date} 在 {stationName} 参加代表接待选民活动，请按时到场。',
    },
    en: {
      sms: 'Reminder: you receive constituents at {stationName} on {date}.',
      title: 'Reception duty',
      body: 'You are on duty receiving constituents at {stationName} on {date}. Please be there on time.',
    },
  },
  'appointment.confirmed': {
    smsParams: ['stationName', 'date', 'time', 'cancelUrl', 'stopUrl'],
    'zh-CN': {
      sms: '您已预约{stationName}{date} {time}的代表接待，请按时到场。取消预约：{cancelUrl} 退订：{stopUrl}',
      title: '预约成功',
      body: '您已预约 {stationName} {date} {time} 的代表接待，请按时到场。\n如需取消：{cancelUrl}\n不再接收通知：{stopUrl}',
    },
    en: {
      sms: 'Booked: deputies receive you at {stationName} on {date} {time}. Cancel: {cancelUrl} Stop: {stopUrl}',
      title: 'Appointment confirmed',
      body: 'You are booked to meet deputies at {stationName} on {date} {time}.\nCancel: {cancelUrl}\nStop these messages: {stopUrl}',
    },
  },
  'appointment.reminder': {
    smsParams: ['stationName', 'date', 'time', 'stopUrl'],
    'zh-CN': {
      sms: '提醒：您预约的{stationName}代表接待在{date} {time}，请按时到场。退订：{stopUrl}',
      title: '预约接待提醒',
      body: '您预约的 {stationName} 代表接待在 {date} {time}，请按时到场。\n不再接收通知：{stopUrl}',
    },
    en: {
      sms: 'Reminder: your appointment at {stationName} is on {date} {time}. Stop: {stopUrl}',
      title: 'Appointment reminder',
      body: 'Your appointment at {stationName} is on {date} {time}.\nStop these messages: {stopUrl}',
    },
  },
  'appointment.rescheduled': {
    smsParams: ['stationName', 'date', 'newDate', 'reason', 'stopUrl'],
    'zh-CN': {
      sms: '您预约的{stationName}{date}代表接待改至{newDate}，原因：{reason}。退订：{stopUrl}',
      title: '接待改期',
      body: '您预约的 {stationName} {date} 的代表接待改至 {newDate}。原因：{reason}\n不再接收通知：{stopUrl}',
    },
    en: {
      sms: 'Your appointment at {stationName} on {date} moved to {newDate}: {reason}. Stop: {stopUrl}',
      title: 'Reception moved',
      body: 'Your appointment at {stationName} on {date} has moved to {newDate}. Reason: {reason}\nStop these messages: {stopUrl}',
    },
  },
  'appointment.cancelled': {
    smsParams: ['stationName', 'date', 'reason', 'stopUrl'],
    'zh-CN': {
      sms: '抱歉，{stationName}{date}的代表接待已取消，原因：{reason}。退订：{stopUrl}',
      title: '接待取消',
      body: '抱歉，{stationName} {date} 的代表接待已取消。原因：{reason}\n不再接收通知：{stopUrl}',
    },
    en: {
      sms: 'Sorry, the reception at {stationName} on {date} is cancelled: {reason}. Stop: {stopUrl}',
      title: 'Reception cancelled',
      body: 'Sorry, the reception at {stationName} on {date} is cancelled. Reason: {reason}\nStop these messages: {stopUrl}',
    },
  },
  'homeVisit.accepted': {
    smsParams: ['stationName', 'date', 'stopUrl'],
    'zh-CN': {
      sms: '{stationName}已安排代表于{date}上门接待，请留意来电。退订：{stopUrl}',
      title: '上门接待已安排',
      body: '{stationName} 已安排代表于 {date} 上门接待，请留意来电。\n不再接收通知：{stopUrl}',
    },
    en: {
      sms: '{stationName} will visit you on {date}; expect a call. Stop: {stopUrl}',
      title: 'Home visit arranged',
      body: '{stationName} has arranged a home visit by deputies on {date}; expect a call.\nStop these messages: {stopUrl}',
    },
  },
  'reception.compliance': {
    smsParams: ['stationName', 'dueBy'],
    'zh-CN': {
      sms: '提醒：{stationName}须在{dueBy}前开展代表接待活动（每两个月至少一次），请及时安排。',
      title: '接待活动到期提醒：{stationName}',
      body: '{stationName} 须在 {dueBy} 前开展代表接待活动（每两个月至少一次），目前尚无安排，请及时安排并发布。',
    },
    en: {
      sms: 'Reminder: {stationName} must hold a reception by {dueBy} (at least every two months).',
      title: 'Reception due: {stationName}',
      body: '{stationName} must hold a reception by {dueBy} (at least once every two months) and has none scheduled. Please plan and publish one.',
    },
  },
  'otp.code': {
    smsParams: ['code', 'minutes'],
    'zh-CN': {
      sms: '您的验证码为{code}，{minutes}分钟内有效。如非本人操作，请忽略本短信。',
      title: '验证码',
      body: '您的验证码为 {code}，{minutes} 分钟内有效。',
    },
    en: {
      sms: 'Your verification code is {code}, valid for {minutes} minutes. Ignore this if it was not you.',
      title: 'Verification code',
      body: 'Your verification code is {code}, valid for {minutes} minutes.',
    },
  },
};

/** Words some variables carry as codes (the supervision level), shown in the message's language. */
const varLabels: Record<string, Record<string, Record<Lang, string>>> = {
  level: {
    reminder: { 'zh-CN': '催办', en: 'Reminder' },
    supervision: { 'zh-CN': '督办', en: 'Supervision' },
    escalation: { 'zh-CN': '挂牌督办', en: 'Escalated supervision' },
  },
};

const PLACEHOLDER = /\{([a-zA-Z][a-zA-Z0-9]*)\}/g;

export function specOf(type: string): MessageTypeSpec | undefined {
  return (messageTypes as Record<string, MessageTypeSpec>)[type];
}

/** A variable's value as it reads in the message. */
export function showVar(name: string, value: string | number, lang: Lang): string {
  const label = varLabels[name]?.[String(value)];
  return label ? label[lang] : String(value);
}

function fill(text: string, vars: Record<string, string | number>, lang: Lang, missing: Set<string>): string {
  return text.replace(PLACEHOLDER, (_m, name: string) => {
    const v = vars[name];
    if (v === undefined || v === '') {
      missing.add(name);
      return `{${name}}`;
    }
    return showVar(name, v, lang);
  });
}

export interface Rendered {
  sms: string;
  title: string;
  body: string;
  /** Provider template parameters, in order. */
  smsParams: { name: string; value: string }[];
  missingVars: string[];
}

/** Fills the texts of a type in a language. Unknown types throw; missing variables are listed, not invented. */
export function render(type: string, lang: Lang, vars: Record<string, string | number>): Rendered {
  const t = (templates as Record<string, (typeof templates)[MessageType]>)[type];
  if (!t) throw new Error(`no templates for message type ${type}`);
  const texts = t[lang];
  const missing = new Set<string>();
  const out = {
    sms: fill(texts.sms, vars, lang, missing),
    title: fill(texts.title, vars, lang, missing),
    body: fill(texts.body, vars, lang, missing),
    smsParams: t.smsParams.map((name) => ({
      name,
      value: vars[name] === undefined ? '' : showVar(name, vars[name], lang),
    })),
  };
  for (const p of t.smsParams) if (vars[p] === undefined || vars[p] === '') missing.add(p);
  return { ...out, missingVars: [...missing].sort() };
}

/**
 * Checked when the server starts: every template uses only its type's variables (and uses them
 * all somewhere), every type has texts in both languages, and a provider that sends by template id
 * has an id for every type. Returns the problems, empty when all is well.
 */
export function checkTemplates(sms: NotifySettings['sms']): string[] {
  const problems: string[] = [];
  for (const [type, spec] of Object.entries(messageTypes) as [MessageType, MessageTypeSpec][]) {
    const t = templates[type];
    if (!t) {
      problems.push(`${type}: no templates`);
      continue;
    }
    const allowed = new Set([...spec.vars, ...autoVars[spec.audience]]);
    const used = new Set<string>();
    for (const lang of ['zh-CN', 'en'] as const) {
      for (const [part, text] of Object.entries(t[lang])) {
        for (const m of text.matchAll(PLACEHOLDER)) {
          used.add(m[1]!);
          if (!allowed.has(m[1]!)) problems.push(`${type} (${lang} ${part}): unknown variable {${m[1]}}`);
        }
      }
    }
    for (const p of t.smsParams) if (!allowed.has(p)) problems.push(`${type}: unknown SMS parameter ${p}`);
    for (const v of spec.vars) if (!used.has(v)) problems.push(`${type}: variable ${v} is used by no template`);
    if ((sms.provider === 'aliyun' || sms.provider === 'tencent') && !sms.templates[type])
      problems.push(`LIAISON_SMS_TEMPLATES: no ${sms.provider} template id for ${type}`);
  }
  for (const type of Object.keys(sms.templates))
    if (!specOf(type)) problems.push(`LIAISON_SMS_TEMPLATES: unknown message type ${type}`);
  if (sms.provider !== 'console' && !sms.signName && sms.provider !== 'gov')
    problems.push('LIAISON_SMS_SIGN_NAME: the approved SMS signature (签名) is required');
  return problems;
}
