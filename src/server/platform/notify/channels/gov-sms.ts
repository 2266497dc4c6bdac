import crypto from 'node:crypto';
import { z } from 'zod';
import { retryableStatus } from './aliyun-sms.js';
import { ChannelError, httpSend, type SendResult, type SmsChannel, type SmsMessage } from './types.js';

/**
 * A government SMS platform (政务短信平台) reached by a plain HTTP request whose shape is a setting:
 * each province's platform has its own, so the request is a template. Placeholders
 * `{{phone}} {{text}} {{sign}} {{outId}} {{appId}} {{secret}} {{timestamp}} {{timestampMs}}
 * {{nonce}} {{signature}}` are filled in; in a JSON body they are JSON-escaped, in a form body
 * percent-encoded, in the URL percent-encoded, in headers as they are.
 *
 * Example (LIAISON_SMS_GOV_TEMPLATE):
 *   {"url":"https://sms.example.gov.cn/api/send","contentType":"application/json",
 *    "body":"{\"appId\":\"{{appId}}\",\"mobile\":\"{{phone}}\",\"content\":\"{{text}}\",\"serial\":\"{{outId}}\",\"ts\":\"{{timestamp}}\"}",
 *    "headers":{"X-Sign":"{{signature}}"},
 *    "signature":{"algorithm":"hmac-sha256","key":"{{secret}}","input":"{{appId}}{{timestamp}}{{body}}","encoding":"hex"},
 *    "success":{"status":200,"jsonPath":"code","equals":"0"},
 *    "refPath":"data.msgId"}
 */
export const GovTemplate = z.object({
  url: z.string().regex(/^https?:\/\//),
  method: z.enum(['POST', 'GET']).default('POST'),
  contentType: z.enum(['application/json', 'application/x-www-form-urlencoded']).default('application/json'),
  body: z.string().default(''),
  headers: z.record(z.string(), z.string()).default({}),
  signature: z
    .object({
      algorithm: z.enum(['hmac-sha256', 'hmac-sha1', 'sha256', 'md5', 'sm3']),
      /** For the HMACs: the key, a template (usually {{secret}}). */
      key: z.string().default('{{secret}}'),
      /** What is signed; may use {{body}}, the rendered body. */
      input: z.string(),
      encoding: z.enum(['hex', 'HEX', 'base64']).default('hex'),
    })
    .optional(),
  success: z
    .object({
      status: z.number().int().default(200),
      jsonPath: z.string().optional(),
      equals: z.string().optional(),
    })
    .default({ status: 200 }),
  /** Where the platform's message id is in the JSON answer, e.g. `data.msgId`. */
  refPath: z.string().optional(),
  /** Where the platform's error text is, e.g. `msg`. */
  messagePath: z.string().optional(),
});
export type GovTemplate = z.infer<typeof GovTemplate>;

/** Parses the setting; throws naming the problem. */
export function parseGovTemplate(json: string): GovTemplate {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error('LIAISON_SMS_GOV_TEMPLATE: not valid JSON');
  }
  const parsed = GovTemplate.safeParse(raw);
  if (!parsed.success)
    throw new Error(
      `LIAISON_SMS_GOV_TEMPLATE: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

type Escape = (v: string) => string;
const asJson: Escape = (v) => JSON.stringify(v).slice(1, -1);
const asForm: Escape = (v) => encodeURIComponent(v);
const asIs: Escape = (v) => v;

/** Fills `{{name}}` placeholders; an unknown placeholder is an error of the template. */
export function fillTemplate(template: string, values: Record<string, string>, escape: Escape): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => {
    const v = values[name];
    if (v === undefined)
      throw new ChannelError(`government SMS template: unknown placeholder {{${name}}}`, false, 'CONFIG');
    return escape(v);
  });
}

function digest(alg: NonNullable<GovTemplate['signature']>, key: string, input: string): string {
  const h =
    alg.algorithm === 'hmac-sha256' || alg.algorithm === 'hmac-sha1'
      ? crypto.createHmac(alg.algorithm.slice(5), key).update(input, 'utf8')
      : crypto.createHash(alg.algorithm).update(input, 'utf8');
  if (alg.encoding === 'base64') return h.digest('base64');
  const hex = h.digest('hex');
  return alg.encoding === 'HEX' ? hex.toUpperCase() : hex;
}

function at(value: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), value);
}

export class GovSms implements SmsChannel {
  readonly kind = 'sms' as const;
  readonly provider = 'gov';
  constructor(
    private readonly t: GovTemplate,
    private readonly s: { appId?: string; secret?: string; signName?: string },
  ) {}

  /** The request the template describes for a message (used by send, and shown by tests). */
  build(m: SmsMessage, now = new Date(), nonce = crypto.randomUUID()) {
    const values: Record<string, string> = {
      phone: m.phone,
      text: m.text,
      sign: m.signName ?? this.s.signName ?? '',
      outId: m.outId,
      appId: this.s.appId ?? '',
      secret: this.s.secret ?? '',
      timestamp: String(Math.floor(now.getTime() / 1000)),
      timestampMs: String(now.getTime()),
      nonce,
    };
    const body =
      this.t.method === 'GET'
        ? ''
        : fillTemplate(this.t.body, values, this.t.contentType === 'application/json' ? asJson : asForm);
    if (this.t.signature) {
      const key = fillTemplate(this.t.signature.key, values, asIs);
      values.signature = digest(this.t.signature, key, fillTemplate(this.t.signature.input, { ...values, body }, asIs));
    }
    const url = fillTemplate(this.t.url, values, asForm);
    const headers: Record<string, string> = {
      ...(this.t.method === 'POST' ? { 'content-type': `${this.t.contentType}; charset=utf-8` } : {}),
      ...Object.fromEntries(Object.entries(this.t.headers).map(([k, v]) => [k, fillTemplate(v, values, asIs)])),
    };
    return { url, method: this.t.method, headers, body };
  }

  async send(m: SmsMessage, signal: AbortSignal): Promise<SendResult> {
    const req = this.build(m);
    const res = await httpSend(
      req.url,
      { method: req.method, headers: req.headers, body: req.method === 'POST' ? req.body : undefined },
      signal,
    );
    const text = await res.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    const ok =
      res.status === this.t.success.status &&
      (!this.t.success.jsonPath || String(at(json, this.t.success.jsonPath)) === this.t.success.equals);
    if (ok) {
      const ref = this.t.refPath ? at(json, this.t.refPath) : undefined;
      return { providerRef: ref === undefined || ref === null ? undefined : String(ref) };
    }
    const detail = this.t.messagePath ? String(at(json, this.t.messagePath) ?? '') : '';
    // A refusal in the body means nothing we can classify (each platform has its own codes): tried
    // again like the platform's own trouble (5xx, 429); a 4xx says our request is wrong.
    const retryable = res.status !== this.t.success.status ? retryableStatus(res.status) : true;
    throw new ChannelError(`gov HTTP ${res.status} ${detail}`.trim().slice(0, 300), retryable, `HTTP_${res.status}`);
  }
}
