import { z } from 'zod';
import { IdParam, Mobile, PageQuery } from './common.js';

/** Where a message can go. `inApp` is the bell in the console. */
export const channels = ['sms', 'email', 'inApp'] as const;
export const Channel = z.enum(channels);
export type Channel = z.infer<typeof Channel>;

/** Who a message type is for: staff (by user or organisation) or a constituent (by phone or e-mail). */
export type Audience = 'staff' | 'constituent';

export interface MessageTypeSpec {
  audience: Audience;
  /** Variables every message of this type must carry (`vars` of the outbox message). */
  vars: readonly string[];
  /** Variables that are secret (one-time codes): sealed in the outbox, masked in the console, wiped once delivered. */
  secretVars?: readonly string[];
  /** Channels staff get when they have not chosen (constituents: sms for a phone, email for an address). */
  defaultChannels: readonly Channel[];
  /** Staff may not turn these channels off (e.g. the in-app copy). */
  requiredChannels?: readonly Channel[];
  label: { zh: string; en: string };
}

/**
 * Every message type the platform sends, with the variables its templates use. The texts are in
 * src/server/platform/notify/templates.ts; the SMS template ids of the providers are settings.
 */
export const messageTypes = {
  'opinion.receipt': {
    audience: 'constituent',
    vars: ['receiptCode', 'followUrl'],
    defaultChannels: ['sms'],
    label: { zh: '意见受理回执', en: 'Opinion receipt' },
  },
  'opinion.feedback': {
    audience: 'constituent',
    vars: ['receiptCode', 'answer', 'followUrl'],
    defaultChannels: ['sms'],
    label: { zh: '办理结果反馈', en: 'Opinion feedback' },
  },
  'opinion.rejected': {
    audience: 'constituent',
    vars: ['receiptCode'],
    defaultChannels: ['sms'],
    label: { zh: '不予受理告知', en: 'Opinion not taken up' },
  },
  'opinion.suggestionAnswered': {
    audience: 'constituent',
    vars: ['receiptCode', 'followUrl'],
    defaultChannels: ['sms'],
    label: { zh: '代表建议答复告知', en: 'Suggestion answered' },
  },
  'suggestion.invited': {
    audience: 'staff',
    vars: ['title', 'leadName'],
    defaultChannels: ['inApp', 'sms'],
    requiredChannels: ['inApp'],
    label: { zh: '联名邀请', en: 'Co-signing invitation' },
  },
  'suggestion.reviewed': {
    audience: 'staff',
    vars: ['title', 'result'],
    defaultChannels: ['inApp', 'sms'],
    requiredChannels: ['inApp'],
    label: { zh: '建议审查结果', en: 'Suggestion reviewed' },
  },
  'suggestion.assigned': {
    audience: 'staff',
    vars: ['number', 'title', 'due'],
    defaultChannels: ['inApp', 'sms'],
    requiredChannels: ['inApp'],
    label: { zh: '建议交办通知', en: 'Suggestion assigned' },
  },
  'suggestion.answered': {
    audience: 'staff',
    vars: ['number', 'title'],
    defaultChannels: ['inApp', 'sms'],
    requiredChannels: ['inApp'],
    label: { zh: '建议答复通知', en: 'Suggestion answered' },
  },
  'suggestion.supervision': {
    audience: 'staff',
    vars: ['number', 'title', 'due'],
    defaultChannels: ['inApp', 'sms'],
    requiredChannels: ['inApp'],
    label: { zh: '建议督办通知', en: 'Suggestion supervision' },
  },
  'duty.bulletin': {
    audience: 'staff',
    vars: ['issuer', 'title'],
    defaultChannels: ['inApp'],
    requiredChannels: ['inApp'],
    label: { zh: '知情知政通报', en: 'Bulletin for deputies' },
  },
  'suggestion.reopened': {
    audience: 'staff',
    vars: ['number', 'title', 'due'],
    defaultChannels: ['inApp', 'sms'],
    requiredChannels: ['inApp'],
    label: { zh: '建议重新办理', en: 'Suggestion handled again' },
  },
  'suggestion.coViewDue': {
    audience: 'staff',
    vars: ['number', 'title', 'due'],
    defaultChannels: ['inApp', 'sms'],
    requiredChannels: ['inApp'],
    label: { zh: '协办意见催报', en: 'Co-unit view due' },
  },
  'opinion.signOffRequested': {
    audience: 'staff',
    vars: ['receiptCode', 'title', 'requestedBy', 'unitName'],
    defaultChannels: ['inApp', 'sms'],
    requiredChannels: ['inApp'],
    label: { zh: '交办待签批', en: 'Assignment awaiting sign-off' },
  },
  'opinion.signOffDeclined': {
    audience: 'staff',
    vars: ['receiptCode', 'title', 'decidedBy', 'reason'],
    defaultChannels: ['inApp'],
    requiredChannels: ['inApp'],
    label: { zh: '交办签批退回', en: 'Sign-off declined' },
  },
  'opinion.assigned': {
    audience: 'staff',
    vars: ['receiptCode', 'title', 'deadline'],
    defaultChannels: ['inApp', 'sms'],
    requiredChannels: ['inApp'],
    label: { zh: '交办通知', en: 'Opinion assigned' },
  },
  'opinion.supervision': {
    audience: 'staff',
    vars: ['receiptCode', 'title', 'level'],
    defaultChannels: ['inApp', 'sms'],
    requiredChannels: ['inApp'],
    label: { zh: '催办督办通知', en: 'Supervision notice' },
  },
  'reception.duty': {
    audience: 'staff',
    vars: ['stationName', 'date'],
    defaultChannels: ['inApp', 'sms'],
    requiredChannels: ['inApp'],
    label: { zh: '接待值班提醒', en: 'Reception duty reminder' },
  },
  'appointment.confirmed': {
    audience: 'constituent',
    vars: ['stationName', 'date', 'time', 'cancelUrl'],
    defaultChannels: ['sms'],
    label: { zh: '预约成功通知', en: 'Appointment confirmed' },
  },
  'appointment.reminder': {
    audience: 'constituent',
    vars: ['stationName', 'date', 'time'],
    defaultChannels: ['sms'],
    label: { zh: '预约接待提醒', en: 'Appointment reminder' },
  },
  'appointment.rescheduled': {
    audience: 'constituent',
    vars: ['stationName', 'date', 'newDate', 'reason'],
    defaultChannels: ['sms'],
    label: { zh: '接待改期通知', en: 'Reception moved' },
  },
  'appointment.cancelled': {
    audience: 'constituent',
    vars: ['stationName', 'date', 'reason'],
    defaultChannels: ['sms'],
    label: { zh: '接待取消通知', en: 'Reception cancelled' },
  },
  'homeVisit.accepted': {
    audience: 'constituent',
    vars: ['stationName', 'date'],
    defaultChannels: ['sms'],
    label: { zh: '上门接待安排通知', en: 'Home visit arranged' },
  },
  'reception.compliance': {
    audience: 'staff',
    vars: ['stationName', 'dueBy'],
    defaultChannels: ['inApp', 'sms'],
    requiredChannels: ['inApp'],
    label: { zh: '接待活动到期提醒', en: 'Reception due reminder' },
  },
  'project.chosen': {
    audience: 'constituent',
    vars: ['title', 'link'],
    defaultChannels: ['sms'],
    label: { zh: '民生实事项目入选告知', en: 'Livelihood project chosen' },
  },
  'project.done': {
    audience: 'constituent',
    vars: ['title', 'link'],
    defaultChannels: ['sms'],
    label: { zh: '民生实事项目完成告知', en: 'Livelihood project done' },
  },
  'project.voteOpen': {
    audience: 'staff',
    vars: ['name'],
    defaultChannels: ['inApp'],
    requiredChannels: ['inApp'],
    label: { zh: '票决开始通知', en: 'Vote open' },
  },
  'project.excluded': {
    audience: 'staff',
    vars: ['title', 'reason'],
    defaultChannels: ['inApp'],
    requiredChannels: ['inApp'],
    label: { zh: '民生实事项目未入选告知', en: 'Livelihood project excluded' },
  },
  'duty.eventInvited': {
    audience: 'staff',
    vars: ['title', 'day', 'time', 'place'],
    defaultChannels: ['inApp'],
    requiredChannels: ['inApp'],
    label: { zh: '履职活动邀请', en: 'Invited to an activity' },
  },
  'duty.eventChanged': {
    audience: 'staff',
    vars: ['title', 'day', 'time', 'place'],
    defaultChannels: ['inApp', 'sms'],
    requiredChannels: ['inApp'],
    label: { zh: '履职活动变更', en: 'Activity changed' },
  },
  'duty.eventCancelled': {
    audience: 'staff',
    vars: ['title', 'day', 'reason'],
    defaultChannels: ['inApp', 'sms'],
    requiredChannels: ['inApp'],
    label: { zh: '履职活动取消', en: 'Activity cancelled' },
  },
  'duty.eventUninvited': {
    audience: 'staff',
    vars: ['title', 'day', 'time', 'place'],
    defaultChannels: ['inApp'],
    requiredChannels: ['inApp'],
    label: { zh: '移出履职活动名单', en: 'Removed from an activity' },
  },
  'duty.digestMatch': {
    audience: 'staff',
    vars: ['issuer', 'title', 'suggestion'],
    defaultChannels: ['inApp'],
    requiredChannels: ['inApp'],
    label: { zh: '与我的建议相关的新文件', en: 'A new document on my suggestion' },
  },
  'duty.receptionRating': {
    audience: 'constituent',
    vars: ['stationName', 'date', 'rateUrl'],
    defaultChannels: ['sms'],
    label: { zh: '接待满意度评价邀请', en: 'Rate the reception' },
  },
  'otp.code': {
    audience: 'constituent',
    vars: ['code', 'minutes'],
    secretVars: ['code'],
    defaultChannels: ['sms'],
    label: { zh: '短信验证码', en: 'Verification code' },
  },
} as const satisfies Record<string, MessageTypeSpec>;

export type MessageType = keyof typeof messageTypes;
export const messageTypeNames = Object.keys(messageTypes) as MessageType[];
export const MessageTypeName = z.enum(messageTypeNames as [MessageType, ...MessageType[]]);

export const deliveryStatuses = ['pending', 'sending', 'retrying', 'sent', 'dead', 'cancelled', 'suppressed'] as const;
export const DeliveryStatus = z.enum(deliveryStatuses);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

export const Lang = z.enum(['zh-CN', 'en']);

// ——— outbox (console) ———

export const ListDeliveriesQuery = PageQuery.extend({
  status: DeliveryStatus.optional(),
  channel: Channel.optional(),
  type: MessageTypeName.optional(),
});
export type ListDeliveriesQuery = z.infer<typeof ListDeliveriesQuery>;

export const DeliveryView = z
  .object({
    id: z.number(),
    messageId: z.number(),
    type: z.string(),
    channel: Channel,
    status: DeliveryStatus,
    statusReason: z.string().nullable(),
    recipient: z.string().meta({ description: 'masked phone or e-mail, or the staff user name' }),
    urgent: z.boolean(),
    attempts: z.number(),
    maxAttempts: z.number(),
    nextAttemptAt: z.string().nullable(),
    lastError: z.string().nullable(),
    provider: z.string().nullable(),
    sentAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'NotifyDelivery' });
export type DeliveryView = z.infer<typeof DeliveryView>;

export const AttemptView = z.object({
  attempt: z.number(),
  at: z.string(),
  ok: z.boolean(),
  error: z.string().nullable(),
});

export const DeliveryDetail = DeliveryView.extend({
  attemptsLog: z.array(AttemptView),
  preview: z.object({ title: z.string().nullable(), text: z.string() }),
});
export type DeliveryDetail = z.infer<typeof DeliveryDetail>;

/** Deliveries that need attention (waiting, sending, retrying, dead), by state; the history is not counted. */
export const DeliveryCounts = z.partialRecord(DeliveryStatus, z.number());
export type DeliveryCounts = z.infer<typeof DeliveryCounts>;

export const DeliveryParams = z.object({ id: IdParam });

// ——— in-app inbox (the bell) ———

export const InboxItem = z.object({
  id: z.number(),
  type: z.string(),
  title: z.string(),
  body: z.string(),
  urgent: z.boolean(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
  link: z.string().nullable().meta({ description: 'the console path of what the message is about' }),
});
export type InboxItem = z.infer<typeof InboxItem>;

export const InboxQuery = PageQuery.extend({
  unread: z.enum(['true', 'false']).optional(),
});

export const UnreadCount = z.object({ unread: z.number() });

// ——— preferences ———

export const PreferenceView = z.object({
  type: MessageTypeName,
  label: z.object({ zh: z.string(), en: z.string() }),
  channels: z.array(Channel),
  requiredChannels: z.array(Channel),
});

export const Preferences = z.object({
  items: z.array(PreferenceView),
  contact: z.object({
    phone: z.string().nullable().meta({ description: 'masked' }),
    email: z.string().nullable().meta({ description: 'masked' }),
    lang: Lang,
  }),
});
export type Preferences = z.infer<typeof Preferences>;

export const SetPreferenceRequest = z.object({ type: MessageTypeName, channels: z.array(Channel).max(3) });

export const SetContactRequest = z.object({
  phone: Mobile.nullable().optional(),
  email: z.email('应为电子邮件地址|Expected an e-mail address').max(254).nullable().optional(),
  lang: Lang.optional(),
});
export type SetContactRequest = z.infer<typeof SetContactRequest>;

// ——— templates ———

export const TemplateInfo = z.object({
  type: MessageTypeName,
  audience: z.enum(['staff', 'constituent']),
  vars: z.array(z.string()),
  smsTemplateId: z.string().nullable(),
  label: z.object({ zh: z.string(), en: z.string() }),
});

export const TemplateList = z.object({
  smsProvider: z.string(),
  emailProvider: z.string(),
  smsSignName: z.string().nullable(),
  items: z.array(TemplateInfo),
});

export const PreviewRequest = z.object({
  type: MessageTypeName,
  lang: Lang,
  vars: z.record(z.string().max(50), z.string().max(200)),
});

export const PreviewView = z.object({
  sms: z.string(),
  smsLength: z.number(),
  email: z.object({ subject: z.string(), text: z.string() }),
  inApp: z.object({ title: z.string(), body: z.string() }),
  missingVars: z.array(z.string()),
});
export type PreviewView = z.infer<typeof PreviewView>;

// ——— one-time codes (public) ———

export const OtpPurpose = z.enum(['portal']);

export const SendOtpRequest = z.object({ phone: Mobile, purpose: OtpPurpose.default('portal') });
export const SendOtpResponse = z.object({
  sent: z.literal(true),
  resendAfterSeconds: z.number(),
  expiresInSeconds: z.number(),
});

export const VerifyOtpRequest = z.object({
  phone: Mobile,
  purpose: OtpPurpose.default('portal'),
  code: z.string().regex(/^[0-9]{6}$/, '应为 6 位数字|Expected 6 digits'),
});
export const VerifyOtpResponse = z.object({
  verified: z.literal(true),
  token: z.string().meta({ description: 'proof of the verified phone, valid for 30 minutes' }),
});
