import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Fake SMS providers speaking the providers' documented HTTP APIs: Alibaba Cloud SendSms (RPC
 * signature v1 and ACS3-HMAC-SHA256), Tencent Cloud SendSms 2021-01-11 (TC3-HMAC-SHA256) and a
 * government platform with an HMAC header. Each request's signature is checked with an
 * implementation written here independently of the adapters (form-encoding as the providers'
 * own Java samples do it), and the request's shape against the documented parameters; the
 * answers are the providers' documented ones. Failures can be injected.
 */

export type FakeProvider = 'aliyun' | 'tencent' | 'gov';

export interface ReceivedSms {
  phone: string;
  signName: string;
  templateId: string;
  params: string[] | Record<string, string>;
  outId: string;
  text?: string;
}

export interface FakeSms {
  url: string;
  /** Messages accepted (signature and shape correct, no failure injected). */
  accepted: ReceivedSms[];
  /** Requests refused, with the provider error code and why. */
  refused: { code: string; why: string }[];
  /** Requests answered with an injected failure. */
  failed: number;
  /** The next n requests fail (provider trouble: retryable). */
  failNext(n: number): void;
  /** Every request fails until set back to false (provider down). */
  setDown(down: boolean): void;
  close(): Promise<void>;
}

export interface FakeSmsOptions {
  provider: FakeProvider;
  keyId: string;
  secret: string;
  appId?: string;
}

// ——— independent signature checks ———

/** Percent-encoding the way the providers' Java samples do: form-encode, then fix + * and ~. */
function javaStyleEncode(value: string): string {
  return new URLSearchParams([['', value]])
    .toString()
    .slice(1)
    .replaceAll('+', '%20')
    .replaceAll('*', '%2A')
    .replaceAll('%7E', '~');
}

function sortedQuery(entries: [string, string][]): string {
  return entries
    .slice()
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${javaStyleEncode(k)}=${javaStyleEncode(v)}`)
    .join('&');
}

/** Alibaba RPC v1: the signature the server computes for the parameters. */
export function aliyunV1Expected(method: string, params: [string, string][], secret: string): string {
  const canonical = sortedQuery(params.filter(([k]) => k !== 'Signature'));
  const toSign = `${method}&${javaStyleEncode('/')}&${javaStyleEncode(canonical)}`;
  return crypto.createHmac('sha1', `${secret}&`).update(Buffer.from(toSign, 'utf8')).digest('base64');
}

const hex256 = (b: Buffer | string) => crypto.createHash('sha256').update(b).digest('hex');

/** Alibaba ACS3: the signature the server computes for the request. */
export function aliyunV3Expected(
  req: { method: string; path: string; query: [string, string][]; headers: Record<string, string>; body: Buffer },
  signedHeaders: string[],
  secret: string,
): string {
  const canonical = [
    req.method,
    req.path,
    sortedQuery(req.query),
    signedHeaders.map((h) => `${h}:${(req.headers[h] ?? '').trim()}\n`).join(''),
    signedHeaders.join(';'),
    hex256(req.body),
  ].join('\n');
  return crypto
    .createHmac('sha256', secret)
    .update(`ACS3-HMAC-SHA256\n${hex256(canonical)}`)
    .digest('hex');
}

/** Tencent TC3: the signature the server computes for the request. */
export function tencentExpected(
  req: { headers: Record<string, string>; body: Buffer },
  signedHeaders: string[],
  date: string,
  service: string,
  timestamp: string,
  secret: string,
): string {
  const canonical = `POST\n/\n\n${signedHeaders.map((h) => `${h}:${(req.headers[h] ?? '').trim().toLowerCase()}\n`).join('')}\n${signedHeaders.join(';')}\n${hex256(req.body)}`;
  const toSign = `TC3-HMAC-SHA256\n${timestamp}\n${date}/${service}/tc3_request\n${hex256(canonical)}`;
  let key: Buffer = Buffer.from(`TC3${secret}`);
  for (const part of [date, service, 'tc3_request']) key = crypto.createHmac('sha256', key).update(part).digest();
  return crypto.createHmac('sha256', key).update(toSign).digest('hex');
}

// ——— the server ———

class Refusal extends Error {
  constructor(
    readonly code: string,
    why: string,
    readonly status = 400,
  ) {
    super(why);
  }
}

const MOBILE = /^1[3-9]\d{9}$/;

function within(at: number, limitSeconds: number) {
  return Math.abs(Date.now() / 1000 - at) <= limitSeconds;
}

export async function startFakeSms(opts: FakeSmsOptions): Promise<FakeSms> {
  const accepted: ReceivedSms[] = [];
  const refused: { code: string; why: string }[] = [];
  const nonces = new Set<string>();
  let failures = 0;
  let down = false;
  let failed = 0;

  const checkAliyun = (req: http.IncomingMessage, url: URL, body: Buffer): ReceivedSms => {
    let params: [string, string][];
    const auth = req.headers.authorization;
    if (auth?.startsWith('ACS3-HMAC-SHA256 ')) {
      const m = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/.exec(auth);
      if (!m) throw new Refusal('IncompleteSignature', 'malformed Authorization');
      if (m[1] !== opts.keyId) throw new Refusal('InvalidAccessKeyId.NotFound', 'unknown AccessKeyId', 404);
      const signed = m[2]!.split(';');
      for (const h of [
        'host',
        'x-acs-action',
        'x-acs-content-sha256',
        'x-acs-date',
        'x-acs-signature-nonce',
        'x-acs-version',
      ])
        if (!signed.includes(h)) throw new Refusal('IncompleteSignature', `${h} not signed`);
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      if (headers['x-acs-action'] !== 'SendSms' || headers['x-acs-version'] !== '2017-05-25')
        throw new Refusal('InvalidAction.NotFound', 'x-acs-action/x-acs-version');
      if (headers['x-acs-content-sha256'] !== hex256(body)) throw new Refusal('SignatureDoesNotMatch', 'content hash');
      const date = headers['x-acs-date']!;
      if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(date) || !within(Date.parse(date) / 1000, 15 * 60))
        throw new Refusal('InvalidTimeStamp.Expired', 'x-acs-date');
      const nonce = headers['x-acs-signature-nonce']!;
      if (nonces.has(nonce)) throw new Refusal('SignatureNonceUsed', 'nonce reused');
      params = [...url.searchParams.entries()];
      const expected = aliyunV3Expected(
        { method: req.method!, path: url.pathname, query: params, headers, body },
        signed,
        opts.secret,
      );
      if (expected !== m[3])
        throw new Refusal('SignatureDoesNotMatch', 'Specified signature is not matched with our calculation.');
      nonces.add(nonce);
    } else {
      if (req.headers['content-type']?.split(';')[0] !== 'application/x-www-form-urlencoded')
        throw new Refusal('MissingParameter', 'form body expected');
      params = [...new URLSearchParams(body.toString('utf8')).entries()];
      const p = Object.fromEntries(params);
      for (const k of [
        'AccessKeyId',
        'Action',
        'Format',
        'SignatureMethod',
        'SignatureNonce',
        'SignatureVersion',
        'Timestamp',
        'Version',
        'Signature',
      ])
        if (!p[k]) throw new Refusal('MissingParameter', `${k} is mandatory for this action.`);
      if (p.AccessKeyId !== opts.keyId) throw new Refusal('InvalidAccessKeyId.NotFound', 'unknown AccessKeyId', 404);
      if (p.Action !== 'SendSms' || p.Version !== '2017-05-25')
        throw new Refusal('InvalidAction.NotFound', 'Action/Version');
      if (p.SignatureMethod !== 'HMAC-SHA1' || p.SignatureVersion !== '1.0')
        throw new Refusal('InvalidParameter', 'SignatureMethod/SignatureVersion');
      if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(p.Timestamp!) || !within(Date.parse(p.Timestamp!) / 1000, 15 * 60))
        throw new Refusal('InvalidTimeStamp.Expired', 'Timestamp');
      if (nonces.has(p.SignatureNonce!)) throw new Refusal('SignatureNonceUsed', 'nonce reused');
      if (aliyunV1Expected(req.method!, params, opts.secret) !== p.Signature)
        throw new Refusal('SignatureDoesNotMatch', 'Specified signature is not matched with our calculation.');
      nonces.add(p.SignatureNonce!);
    }
    const p = Object.fromEntries(params);
    for (const k of ['PhoneNumbers', 'SignName', 'TemplateCode'])
      if (!p[k]) throw new Refusal('MissingParameter', `${k} is mandatory for this action.`);
    if (!MOBILE.test(p.PhoneNumbers!)) throw new Refusal('isv.MOBILE_NUMBER_ILLEGAL', 'bad mobile number', 200);
    let templateParam: Record<string, string> = {};
    if (p.TemplateParam) {
      try {
        templateParam = JSON.parse(p.TemplateParam) as Record<string, string>;
      } catch {
        throw new Refusal('isv.INVALID_JSON_PARAM', 'TemplateParam is not JSON', 200);
      }
      if (Object.values(templateParam).some((v) => typeof v !== 'string'))
        throw new Refusal('isv.INVALID_JSON_PARAM', 'TemplateParam values must be strings', 200);
    }
    return {
      phone: p.PhoneNumbers!,
      signName: p.SignName!,
      templateId: p.TemplateCode!,
      params: templateParam,
      outId: p.OutId ?? '',
    };
  };

  const checkTencent = (req: http.IncomingMessage, body: Buffer): ReceivedSms => {
    const auth = req.headers.authorization ?? '';
    const m =
      /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d\d-\d\d)\/([a-z]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(
        auth,
      );
    if (!m) throw new Refusal('AuthFailure.SignatureFailure', 'malformed Authorization');
    const [, id, date, service, signedText, signature] = m;
    if (id !== opts.keyId) throw new Refusal('AuthFailure.SecretIdNotFound', 'unknown SecretId');
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    if (headers['x-tc-action'] !== 'SendSms') throw new Refusal('InvalidAction', 'X-TC-Action');
    if (headers['x-tc-version'] !== '2021-01-11') throw new Refusal('NoSuchVersion', 'X-TC-Version');
    if (!headers['x-tc-region']) throw new Refusal('MissingParameter', 'X-TC-Region');
    const ts = headers['x-tc-timestamp'] ?? '';
    if (!/^\d{10}$/.test(ts) || !within(Number(ts), 5 * 60))
      throw new Refusal('AuthFailure.SignatureExpire', 'X-TC-Timestamp');
    if (new Date(Number(ts) * 1000).toISOString().slice(0, 10) !== date || service !== 'sms')
      throw new Refusal('AuthFailure.SignatureFailure', 'credential scope');
    const signed = signedText!.split(';');
    if (!signed.includes('content-type') || !signed.includes('host'))
      throw new Refusal('AuthFailure.SignatureFailure', 'content-type and host must be signed');
    if (tencentExpected({ headers, body }, signed, date!, service!, ts, opts.secret) !== signature)
      throw new Refusal('AuthFailure.SignatureFailure', 'The provided credentials could not be validated.');
    if (!headers['content-type']?.startsWith('application/json')) throw new Refusal('InvalidParameter', 'JSON body');
    const b = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    const phones = b.PhoneNumberSet;
    if (!Array.isArray(phones) || phones.length !== 1 || !/^\+861[3-9]\d{9}$/.test(String(phones[0])))
      throw new Refusal('InvalidParameterValue.IncorrectPhoneNumber', 'PhoneNumberSet');
    if (b.SmsSdkAppId !== opts.appId) throw new Refusal('FailedOperation.SmsSdkAppIdVerifyFail', 'SmsSdkAppId');
    if (typeof b.SignName !== 'string' || !b.SignName) throw new Refusal('MissingParameter', 'SignName');
    if (typeof b.TemplateId !== 'string' || !b.TemplateId) throw new Refusal('MissingParameter', 'TemplateId');
    const params = b.TemplateParamSet;
    if (params !== undefined && (!Array.isArray(params) || params.some((x) => typeof x !== 'string')))
      throw new Refusal('InvalidParameterValue.TemplateParameterFormatError', 'TemplateParamSet');
    return {
      phone: String(phones[0]).slice(3),
      signName: b.SignName,
      templateId: b.TemplateId,
      params: (params as string[] | undefined) ?? [],
      outId: typeof b.SessionContext === 'string' ? b.SessionContext : '',
    };
  };

  // The government platform of the example template in gov-sms.ts: JSON body, X-Sign header =
  // hex HMAC-SHA256(secret, appId + ts + body).
  const checkGov = (req: http.IncomingMessage, body: Buffer): ReceivedSms => {
    const b = JSON.parse(body.toString('utf8')) as Record<string, string>;
    const expected = crypto
      .createHmac('sha256', opts.secret)
      .update(`${b.appId}${b.ts}${body.toString('utf8')}`)
      .digest('hex');
    if (req.headers['x-sign'] !== expected) throw new Refusal('1001', '签名错误 bad signature', 200);
    if (b.appId !== opts.appId) throw new Refusal('1002', 'unknown appId', 200);
    if (!within(Number(b.ts), 5 * 60)) throw new Refusal('1003', 'stale ts', 200);
    if (!MOBILE.test(b.mobile ?? '')) throw new Refusal('1004', 'bad mobile', 200);
    if (!b.content) throw new Refusal('1005', 'empty content', 200);
    return { phone: b.mobile!, signName: '', templateId: '', params: [], outId: b.serial ?? '', text: b.content };
  };

  const answer = (res: http.ServerResponse, status: number, json: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(json));
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', 'http://fake');
      const requestId = crypto.randomUUID().toUpperCase();
      if (down || failures > 0) {
        if (failures > 0) failures--;
        failed++;
        if (opts.provider === 'tencent')
          return answer(res, 200, {
            Response: {
              Error: { Code: 'InternalError.RequestTimeException', Message: 'internal error' },
              RequestId: requestId,
            },
          });
        if (opts.provider === 'aliyun')
          return answer(res, 503, {
            Code: 'ServiceUnavailable',
            Message: 'The request has failed due to a temporary failure of the server.',
            RequestId: requestId,
          });
        return answer(res, 502, { code: '500', msg: 'gateway error' });
      }
      try {
        if (req.method !== 'POST') throw new Refusal('UnsupportedHTTPMethod', 'POST expected');
        const sms =
          opts.provider === 'aliyun'
            ? checkAliyun(req, url, body)
            : opts.provider === 'tencent'
              ? checkTencent(req, body)
              : checkGov(req, body);
        accepted.push(sms);
        const ref = crypto.randomBytes(8).toString('hex');
        if (opts.provider === 'aliyun')
          return answer(res, 200, { Code: 'OK', Message: 'OK', BizId: `${ref}^0`, RequestId: requestId });
        if (opts.provider === 'tencent')
          return answer(res, 200, {
            Response: {
              SendStatusSet: [
                {
                  SerialNo: ref,
                  PhoneNumber: `+86${sms.phone}`,
                  Fee: 1,
                  SessionContext: sms.outId,
                  Code: 'Ok',
                  Message: 'send success',
                  IsoCode: 'CN',
                },
              ],
              RequestId: requestId,
            },
          });
        return answer(res, 200, { code: '0', msg: 'ok', data: { msgId: ref } });
      } catch (err) {
        const e = err instanceof Refusal ? err : new Refusal('InvalidParameter', (err as Error).message);
        refused.push({ code: e.code, why: e.message });
        if (opts.provider === 'tencent')
          return answer(res, 200, { Response: { Error: { Code: e.code, Message: e.message }, RequestId: requestId } });
        if (opts.provider === 'aliyun')
          return answer(res, e.status, { Code: e.code, Message: e.message, RequestId: requestId });
        return answer(res, e.status, { code: e.code, msg: e.message });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    accepted,
    refused,
    get failed() {
      return failed;
    },
    failNext: (n) => {
      failures = n;
    },
    setDown: (d) => {
      down = d;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
