import type { MessageTemplate } from '../../platform/notify/templates.js';

/**
 * The texts of the receptions module's message types (the types: contracts/notify.ts), Chinese first.
 * `{name}` is a variable of the type; `smsParams` is the order of the provider template's parameters.
 */
export const receptionTemplates = {
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
} satisfies Record<string, MessageTemplate>;
