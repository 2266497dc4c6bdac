import type { Logger } from 'pino';
import { maskEmail, maskPhone } from '../../text/personal-data.js';
import type { EmailChannel, EmailMessage, SendResult, SmsChannel, SmsMessage } from './types.js';

/**
 * Development channels: the message is printed instead of sent (the phone masked, the text in
 * full, so a developer can read a one-time code). Never for production.
 */
export class ConsoleSms implements SmsChannel {
  readonly kind = 'sms' as const;
  readonly provider = 'console';
  constructor(private readonly log: Pick<Logger, 'info'>) {}
  async send(m: SmsMessage): Promise<SendResult> {
    this.log.info({ channel: 'sms', to: maskPhone(m.phone), outId: m.outId }, `[短信 SMS] ${m.text}`);
    return { providerRef: `console-${m.outId}` };
  }
}

export class ConsoleEmail implements EmailChannel {
  readonly kind = 'email' as const;
  readonly provider = 'console';
  constructor(private readonly log: Pick<Logger, 'info'>) {}
  async send(m: EmailMessage): Promise<SendResult> {
    this.log.info(
      { channel: 'email', to: maskEmail(m.to), messageId: m.messageId },
      `[邮件 E-mail] ${m.subject}\n${m.text}`,
    );
    return { providerRef: `console-${m.messageId}` };
  }
}
