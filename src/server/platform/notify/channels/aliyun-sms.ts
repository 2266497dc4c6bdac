import crypto from 'node:crypto';
import { ChannelError, httpSend, jsonOf, type SendResult, type SmsChannel, type SmsMessage } from './types.js';

/**
 * Alibaba Cloud SMS (dysmsapi, API version 2017-05-25, RPC style), action SendSms, signed either
 * with the RPC signature v1 (HMAC-SHA1 over the percent-encoded, sorted parameters) or with
 * ACS3-HMAC-SHA256 (the V3 request signature). Both as documented by Alibaba Cloud
 * ("HTTP 协议及签名" for SMS; "V3 版本请求体&签名机制").
 */

/** RFC 3986 percent-encoding as Alibaba's POP requires: only A–Z a–z 0–9 - _ . ~ stay as they are. */
export function popEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The sorted, encoded parameters `k=v&…` (sorted by name as strings, like Java's TreeMap). */
export function canonicalQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${popEncode(k)}=${popEncode(params[k]!)}`)
    .join('&');
}

/** RPC signature v1: Base64(HMAC-SHA1(secret + "&", METHOD&%2F&encode(canonical query))). */
export function signRpcV1(method: 'GET' | 'POST', params: Record<string, string>, secret: string): string {
  const stringToSign = `${method}&${popEncode('/')}&${popEncode(canonicalQuery(params))}`;
  return crypto.createHmac('sha1', `${secret}&`).update(stringToSign, 'utf8').digest('base64');
}

const sha256Hex = (data: string | Buffer) => crypto.createHash('sha256').update(data).digest('hex');

export interface Acs3Input {
  method: 'GET' | 'POST';
  host: string;
  path?: string;
  query: Record<string, string>;
  body: string;
  /** Extra headers to sign besides host and the x-acs-* ones (content-type when there is a body). */
  headers: Record<string, string>;
  action: string;
  version: string;
  date: string;
  nonce: string;
  keyId: string;
  secret: string;
}

/** ACS3-HMAC-SHA256: returns every header to send, the Authorization included. */
export function signAcs3(i: Acs3Input): Record<string, string> {
  const headers: Record<string, string> = {
    host: i.host,
    'x-acs-action': i.action,
    'x-acs-version': i.version,
    'x-acs-date': i.date,
    'x-acs-signature-nonce': i.nonce,
    'x-acs-content-sha256': sha256Hex(i.body),
    ...Object.fromEntries(Object.entries(i.headers).map(([k, v]) => [k.toLowerCase(), v])),
  };
  const names = Object.keys(headers)
    .filter((k) => k === 'host' || k === 'content-type' || k.startsWith('x-acs-'))
    .sort();
  const canonicalHeaders = names.map((k) => `${k}:${headers[k]!.trim()}\n`).join('');
  const signedHeaders = names.join(';');
  const canonicalRequest = [
    i.method,
    i.path ?? '/',
    canonicalQuery(i.query),
    canonicalHeaders,
    signedHeaders,
    headers['x-acs-content-sha256'],
  ].join('\n');
  const stringToSign = `ACS3-HMAC-SHA256\n${sha256Hex(canonicalRequest)}`;
  const signature = crypto.createHmac('sha256', i.secret).update(stringToSign, 'utf8').digest('hex');
  return {
    ...headers,
    authorization: `ACS3-HMAC-SHA256 Credential=${i.keyId},SignedHeaders=${signedHeaders},Signature=${signature}`,
  };
}

/** Codes after which trying again cannot help. Anything else (throttling, system errors) is retried. */
const PERMANENT = new Set([
  'isv.MOBILE_NUMBER_ILLEGAL',
  'isv.MOBILE_COUNT_OVER_LIMIT',
  'isv.SMS_TEMPLATE_ILLEGAL',
  'isv.SMS_SIGNATURE_ILLEGAL',
  'isv.SMS_SIGN_ILLEGAL',
  'isv.TEMPLATE_MISSING_PARAMETERS',
  'isv.TEMPLATE_PARAMS_ILLEGAL',
  'isv.INVALID_PARAMETERS',
  'isv.INVALID_JSON_PARAM',
  'isv.PARAM_LENGTH_LIMIT',
  'isv.BLACK_KEY_CONTROL_LIMIT',
  'isv.DENY_IP_RANGE',
  'isv.ACCOUNT_NOT_EXISTS',
  'isv.ACCOUNT_ABNORMAL',
  'isv.PRODUCT_UN_SUBSCRIPT',
  'isv.PRODUCT_UNSUBSCRIBE',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'InvalidAccessKeyId.NotFound',
  'InvalidAccessKeyId.Inactive',
  'InvalidTimeStamp.Expired',
  'MissingParameter',
  'Forbidden.RAM',
]);

/** Without a provider code: the server's trouble, throttling and time-outs are worth another try. */
export function retryableStatus(status: number): boolean {
  return status >= 500 || status === 429 || status === 408;
}

export interface AliyunSettings {
  keyId: string;
  keySecret: string;
  signName: string;
  templates: Record<string, string>;
  /** Default https://dysmsapi.aliyuncs.com */
  endpoint?: string;
  region?: string;
  signature: 'v1' | 'v3';
}

export class AliyunSms implements SmsChannel {
  readonly kind = 'sms' as const;
  readonly provider = 'aliyun';
  private readonly url: URL;
  constructor(private readonly s: AliyunSettings) {
    this.url = new URL(s.endpoint ?? 'https://dysmsapi.aliyuncs.com/');
  }

  /** The SendSms parameters of a message (without the common ones). */
  static sendSmsParams(m: SmsMessage, signName: string): Record<string, string> {
    if (!m.templateId) throw new ChannelError('no Alibaba Cloud template id for this message type', false, 'CONFIG');
    return {
      PhoneNumbers: m.phone,
      SignName: m.signName ?? signName,
      TemplateCode: m.templateId,
      TemplateParam: JSON.stringify(Object.fromEntries(m.params.map((p) => [p.name, p.value]))),
      OutId: m.outId,
    };
  }

  async send(m: SmsMessage, signal: AbortSignal): Promise<SendResult> {
    const params = AliyunSms.sendSmsParams(m, this.s.signName);
    const date = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const nonce = crypto.randomUUID();
    let res: Response;
    if (this.s.signature === 'v1') {
      const all: Record<string, string> = {
        ...params,
        AccessKeyId: this.s.keyId,
        Action: 'SendSms',
        Format: 'JSON',
        RegionId: this.s.region ?? 'cn-hangzhou',
        SignatureMethod: 'HMAC-SHA1',
        SignatureNonce: nonce,
        SignatureVersion: '1.0',
        Timestamp: date,
        Version: '2017-05-25',
      };
      const body = `Signature=${popEncode(signRpcV1('POST', all, this.s.keySecret))}&${canonicalQuery(all)}`;
      res = await httpSend(
        this.url.toString(),
        { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body },
        signal,
      );
    } else {
      const headers = signAcs3({
        method: 'POST',
        host: this.url.host,
        query: params,
        body: '',
        headers: {},
        action: 'SendSms',
        version: '2017-05-25',
        date,
        nonce: nonce.replaceAll('-', ''),
        keyId: this.s.keyId,
        secret: this.s.keySecret,
      });
      delete headers.host;
      res = await httpSend(`${this.url.origin}/?${canonicalQuery(params)}`, { method: 'POST', headers }, signal);
    }
    const body = (await jsonOf(res)) as { Code?: string; Message?: string; BizId?: string } | null;
    if (res.ok && body?.Code === 'OK') return { providerRef: body.BizId };
    const code = body?.Code ?? `HTTP_${res.status}`;
    const retryable = body?.Code ? !PERMANENT.has(code) : retryableStatus(res.status);
    throw new ChannelError(`aliyun ${code}: ${body?.Message ?? res.statusText}`.slice(0, 300), retryable, code);
  }
}
