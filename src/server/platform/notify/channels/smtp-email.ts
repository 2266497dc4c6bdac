import type { Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { ChannelError, type EmailChannel, type EmailMessage, type SendResult } from './types.js';

/**
 * E-mail over SMTP (nodemailer), one connection per message: notifications are few and spread out.
 * nodemailer is loaded with the first message, not with every process (≈ 3 MB of heap).
 */
export class SmtpEmail implements EmailChannel {
  readonly kind = 'email' as const;
  readonly provider = 'smtp';
  private transport: Promise<Transporter<SMTPTransport.SentMessageInfo>> | null = null;
  /** nodemailer's options, read from the URL at start: a malformed address fails there, not at the first message. */
  private readonly options: SMTPTransport.Options;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    const url = new URL(smtpUrl);
    this.options = {
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 587)),
      secure: url.protocol === 'smtps:',
      auth: url.username
        ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
        : undefined,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
      name: url.searchParams.get('name') ?? undefined,
    };
  }

  private async connect(): Promise<Transporter<SMTPTransport.SentMessageInfo>> {
    const { default: nodemailer } = await import('nodemailer');
    return nodemailer.createTransport(this.options);
  }

  async send(m: EmailMessage, signal: AbortSignal): Promise<SendResult> {
    if (signal.aborted) throw new ChannelError('timeout', true, 'TIMEOUT');
    try {
      this.transport ??= this.connect();
      const info = await (
        await this.transport
      ).sendMail({
        from: this.from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        messageId: m.messageId,
        headers: m.unsubscribeUrl
          ? { 'List-Unsubscribe': `<${m.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
          : undefined,
      });
      if (info.rejected.length)
        throw new ChannelError(`smtp rejected the recipient: ${info.response}`, false, 'REJECTED');
      return { providerRef: info.response.slice(0, 200) };
    } catch (err) {
      if (err instanceof ChannelError) throw err;
      const e = err as Error & { responseCode?: number; code?: string };
      // 5xx: the server refuses for good (no such mailbox, policy); 4xx and broken connections: later.
      const permanent = e.responseCode !== undefined && e.responseCode >= 500;
      throw new ChannelError(
        `smtp ${e.responseCode ?? e.code ?? ''} ${e.message}`.trim().slice(0, 300),
        !permanent,
        e.code ?? String(e.responseCode ?? 'SMTP'),
      );
    }
  }

  close() {
    void this.transport?.then((t) => t.close()).catch(() => undefined);
  }
}
