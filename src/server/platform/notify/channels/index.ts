import type { Logger } from 'pino';
import type { NotifySettings } from '../../../config.js';
import { AliyunSms } from './aliyun-sms.js';
import { ConsoleEmail, ConsoleSms } from './console.js';
import { GovSms, parseGovTemplate } from './gov-sms.js';
import { SmtpEmail } from './smtp-email.js';
import { TencentSms } from './tencent-sms.js';
import type { EmailChannel, SmsChannel } from './types.js';

export interface Channels {
  sms: SmsChannel;
  email: EmailChannel;
  close(): void;
}

const need = (value: string | undefined, name: string): string => {
  if (!value) throw new Error(`${name}: required for the configured provider`);
  return value;
};

/** Builds the configured SMS and e-mail channels; throws naming a missing setting. */
export function buildChannels(s: NotifySettings, log: Pick<Logger, 'info'>): Channels {
  let sms: SmsChannel;
  switch (s.sms.provider) {
    case 'aliyun':
      sms = new AliyunSms({
        keyId: need(s.sms.keyId, 'LIAISON_SMS_KEY_ID'),
        keySecret: need(s.sms.keySecret, 'LIAISON_SMS_KEY_SECRET'),
        signName: need(s.sms.signName, 'LIAISON_SMS_SIGN_NAME'),
        templates: s.sms.templates,
        endpoint: s.sms.endpoint,
        region: s.sms.region,
        signature: s.sms.aliyunSignature,
      });
      break;
    case 'tencent':
      sms = new TencentSms({
        secretId: need(s.sms.keyId, 'LIAISON_SMS_KEY_ID'),
        secretKey: need(s.sms.keySecret, 'LIAISON_SMS_KEY_SECRET'),
        appId: need(s.sms.appId, 'LIAISON_SMS_APP_ID'),
        signName: need(s.sms.signName, 'LIAISON_SMS_SIGN_NAME'),
        region: s.sms.region,
        endpoint: s.sms.endpoint,
      });
      break;
    case 'gov':
      sms = new GovSms(parseGovTemplate(need(s.sms.govTemplate, 'LIAISON_SMS_GOV_TEMPLATE')), {
        appId: s.sms.appId,
        secret: s.sms.keySecret,
        signName: s.sms.signName,
      });
      break;
    default:
      sms = new ConsoleSms(log);
  }
  const email =
    s.email.provider === 'smtp'
      ? new SmtpEmail(need(s.email.smtpUrl, 'LIAISON_SMTP_URL'), s.email.from)
      : new ConsoleEmail(log);
  return {
    sms,
    email,
    close: () => {
      if (email instanceof SmtpEmail) email.close();
    },
  };
}
