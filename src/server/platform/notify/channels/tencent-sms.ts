import crypto from 'node:crypto';
import { retryableStatus } from './aliyun-sms.js';
import { ChannelError, httpSend, jsonOf, type SendResult, type SmsChannel, type SmsMessage } from './types.js';

/**
 * Tencent Cloud SMS, API 3.0: action SendSms, version 2021-01-11, at sms.tencentcloudapi.com,
 * signed with TC3-HMAC-SHA256 as Tencent documents it ("签名方法 v3").
 */

const sha256Hex = (data: string) => crypto.createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key: Buffer | string, data: string) => crypto.createHmac('sha256', key).update(data, 'utf8').digest();

export interface Tc3Input {
  secretId: string;
  secretKey: string;
  service: string;
  /** The headers to sign, by lower-case name (content-type and host at least). */
  headers: Record<string, string>;
  method: 'GET' | 'POST';
  query?: string;
  payload: string;
  /** Unix seconds: X-TC-Timestamp. */
  timestamp: number;
}

/** TC3-HMAC-SHA256: the Authorization header value. */
export function signTc3(i: Tc3Input): string {
  const names = Object.keys(i.headers)
    .map((k) => k.toLowerCase())
    .sort();
  const lower = Object.fromEntries(Object.entries(i.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const canonicalHeaders = names.map((k) => `${k}:${lower[k]!.trim().toLowerCase()}\n`).join('');
  const signedHeaders = names.join(';');
  const canonicalRequest = [i.method, '/', i.query ?? '', canonicalHeaders, signedHeaders, sha256Hex(i.payload)].join(
    '\n',
  );
  const date = new Date(i.timestamp * 1000).toISOString().slice(0, 10);
  const scope = `${date}/${i.service}/tc3_request`;
  const stringToSign = `TC3-HMAC-SHA256\n${i.timestamp}\n${scope}\n${sha256Hex(canonicalRequest)}`;
  const secretSigning = hmac(hmac(hmac(`TC3${i.secretKey}`, date), i.service), 'tc3_request');
  const signature = crypto.createHmac('sha256', secretSigning).update(stringToSign, 'utf8').digest('hex');
  return `TC3-HMAC-SHA256 Credential=${i.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

/** Error codes after which trying again cannot help (parameters, templates, credentials). */
function permanent(code: string): boolean {
  return /^(AuthFailure|InvalidParameter|InvalidParameterValue|MissingParameter|UnauthorizedOperation|UnsupportedOperation|FailedOperation|UnknownParameter|ResourceNotFound)/.test(
    code,
  );
}

export interface TencentSettings {
  secretId: string;
  secretKey: string;
  appId: string;
  signName: string;
  region?: string;
  /** Default https://sms.tencentcloudapi.com */
  endpoint?: string;
}

interface TencentResponse {
  Response?: {
    Error?: { Code: string; Message: string };
    SendStatusSet?: { SerialNo?: string; Code: string; Message?: string; PhoneNumber?: string }[];
    RequestId?: string;
  };
}

export class TencentSms implements SmsChannel {
  readonly kind = 'sms' as const;
  readonly provider = 'tencent';
  private readonly url: URL;
  constructor(private readonly s: TencentSettings) {
    this.url = new URL(s.endpoint ?? 'https://sms.tencentcloudapi.com/');
  }

  /** The SendSms request body of a message. */
  static body(m: SmsMessage, s: Pick<TencentSettings, 'appId' | 'signName'>): string {
    if (!m.templateId) throw new ChannelError('no Tencent Cloud template id for this message type', false, 'CONFIG');
    return JSON.stringify({
      PhoneNumberSet: [`+86${m.phone}`],
      SmsSdkAppId: s.appId,
      SignName: m.signName ?? s.signName,
      TemplateId: m.templateId,
      TemplateParamSet: m.params.map((p) => p.value),
      SessionContext: m.outId,
    });
  }

  async send(m: SmsMessage, signal: AbortSignal): Promise<SendResult> {
    const payload = TencentSms.body(m, this.s);
    const timestamp = Math.floor(Date.now() / 1000);
    const signed = {
      'content-type': 'application/json; charset=utf-8',
      host: this.url.host,
      'x-tc-action': 'SendSms',
    };
    const authorization = signTc3({
      secretId: this.s.secretId,
      secretKey: this.s.secretKey,
      service: 'sms',
      headers: signed,
      method: 'POST',
      payload,
      timestamp,
    });
    const res = await httpSend(
      this.url.toString(),
      {
        method: 'POST',
        headers: {
          authorization,
          'content-type': signed['content-type'],
          'x-tc-action': 'SendSms',
          'x-tc-version': '2021-01-11',
          'x-tc-timestamp': String(timestamp),
          'x-tc-region': this.s.region ?? 'ap-guangzhou',
        },
        body: payload,
      },
      signal,
    );
    const body = (await jsonOf(res)) as TencentResponse | null;
    const error = body?.Response?.Error;
    if (error)
      throw new ChannelError(
        `tencent ${error.Code}: ${error.Message}`.slice(0, 300),
        !permanent(error.Code),
        error.Code,
      );
    const status = body?.Response?.SendStatusSet?.[0];
    if (res.ok && status?.Code === 'Ok') return { providerRef: status.SerialNo };
    if (status)
      throw new ChannelError(
        `tencent ${status.Code}: ${status.Message ?? ''}`.slice(0, 300),
        !permanent(status.Code),
        status.Code,
      );
    throw new ChannelError(`tencent HTTP ${res.status}`, retryableStatus(res.status), `HTTP_${res.status}`);
  }
}
