/** One SMS as the channels send it. */
export interface SmsMessage {
  /** Mainland mobile number, 11 digits. */
  phone: string;
  /** The whole text with the signature, for channels that send text (government platform, console). */
  text: string;
  signName: string | undefined;
  /** The provider's approved template id, for channels that send by template. */
  templateId: string | undefined;
  /** Template parameters in the template's order. */
  params: { name: string; value: string }[];
  /** Our id of the delivery: echoed by providers (OutId, SessionContext) to trace it. */
  outId: string;
}

/** One e-mail as the channels send it. */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  /** Stable per delivery, so a resent message is recognisable as the same one. */
  messageId: string;
  /** One-click unsubscribe (RFC 8058) for constituents. */
  unsubscribeUrl?: string;
}

export interface SendResult {
  /** The provider's id of the accepted message (BizId, SerialNo, SMTP queue id). */
  providerRef?: string;
}

/** Every channel, whatever it carries: one send, which throws ChannelError when it did not go out. */
export interface Channel<M> {
  readonly kind: 'sms' | 'email';
  readonly provider: string;
  send(message: M, signal: AbortSignal): Promise<SendResult>;
}

export type SmsChannel = Channel<SmsMessage>;
export type EmailChannel = Channel<EmailMessage>;

/**
 * A send that failed. `retryable`: try again later (network, throttling, the provider's own
 * trouble); otherwise retrying cannot help (bad number, unapproved template, wrong credentials)
 * and the delivery goes to the dead letters at once, to be retried by hand once fixed.
 */
export class ChannelError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ChannelError';
  }
}

/** fetch with the abort signal, turning network failures into retryable channel errors. */
export async function httpSend(url: string, init: RequestInit, signal: AbortSignal): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal, redirect: 'error' });
  } catch (err) {
    const reason = signal.aborted ? 'timeout' : ((err as Error).cause as Error | undefined)?.message;
    throw new ChannelError(`network: ${reason ?? (err as Error).message}`.slice(0, 300), true, 'NETWORK');
  }
}

/** The JSON body of a response, or null when it is not JSON. */
export async function jsonOf(res: Response): Promise<unknown> {
  const text = await res.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
