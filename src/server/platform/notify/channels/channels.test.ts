import crypto from 'node:crypto';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  aliyunV1Expected,
  aliyunV3Expected,
  startFakeSms,
  tencentExpected,
  type FakeSms,
} from '../../../../../test/support/fakes/sms.js';
import { startFakeSmtp, type FakeSmtp } from '../../../../../test/support/fakes/smtp.js';
import { AliyunSms } from './aliyun-sms.js';
import { GovSms, parseGovTemplate } from './gov-sms.js';
import { SmtpEmail } from './smtp-email.js';
import { TencentSms } from './tencent-sms.js';
import { ChannelError, type SmsMessage } from './types.js';

// Each adapter against a local fake of its provider that checks the signature (with its own
// implementation of the documented algorithm) and the request's shape.

const message = (over: Partial<SmsMessage> = {}): SmsMessage => ({
  phone: '13800138000',
  text: '【北仑区人大】您反映的意见已受理，受理编号A-1。',
  signName: '北仑区人大',
  templateId: 'SMS_12345',
  params: [
    { name: 'receiptCode', value: 'A-1' },
    { name: 'stopUrl', value: 'http://x/u/1.abc def*~' },
  ],
  outId: 'liaison-1',
  ...over,
});
const signal = () => AbortSignal.timeout(10_000);

async function refusedWith(p: Promise<unknown>): Promise<ChannelError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ChannelError);
  return err as ChannelError;
}

describe('the fakes check signatures the documented way', () => {
  it('reproduce the providers published example signatures with their own implementation', () => {
    const sms: [string, string][] = Object.entries({
      AccessKeyId: 'testId',
      Action: 'SendSms',
      Format: 'XML',
      OutId: '123',
      PhoneNumbers: '15300000001',
      RegionId: 'cn-hangzhou',
      SignName: '阿里云短信测试专用',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
      SignatureVersion: '1.0',
      TemplateCode: 'SMS_71390007',
      TemplateParam: '{"customer":"test"}',
      Timestamp: '2017-07-12T02:42:19Z',
      Version: '2017-05-25',
    });
    expect(aliyunV1Expected('GET', sms, 'testSecret')).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');

    const empty = crypto.createHash('sha256').update('').digest('hex');
    expect(
      aliyunV3Expected(
        {
          method: 'POST',
          path: '/',
          query: [
            ['ImageId', 'win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd'],
            ['RegionId', 'cn-shanghai'],
          ],
          headers: {
            host: 'ecs.cn-shanghai.aliyuncs.com',
            'x-acs-action': 'RunInstances',
            'x-acs-content-sha256': empty,
            'x-acs-date': '2023-10-26T10:22:32Z',
            'x-acs-signature-nonce': '3156853299f313e23d1673dc12e1703d',
            'x-acs-version': '2014-05-26',
          },
          body: Buffer.alloc(0),
        },
        ['host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-version'],
        'YourAccessKeySecret',
      ),
    ).toBe('06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0');

    expect(
      tencentExpected(
        {
          headers: { 'content-type': 'application/json; charset=utf-8', host: 'cvm.tencentcloudapi.com' },
          body: Buffer.from(
            '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
          ),
        },
        ['content-type', 'host'],
        '2019-02-25',
        'cvm',
        '1551113065',
        'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
      ),
    ).toBe('72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168');
  });
});

describe('Alibaba Cloud SMS', () => {
  let fake: FakeSms;
  beforeAll(async () => {
    fake = await startFakeSms({ provider: 'aliyun', keyId: 'LTAI5tKey', secret: 'aliyun-secret' });
  });
  afterAll(() => fake.close());
  const adapter = (signature: 'v1' | 'v3', secret = 'aliyun-secret') =>
    new AliyunSms({
      keyId: 'LTAI5tKey',
      keySecret: secret,
      signName: '北仑区人大',
      templates: {},
      endpoint: fake.url,
      signature,
    });

  it.each(['v1', 'v3'] as const)('sends SendSms signed with %s and the documented parameters', async (v) => {
    const before = fake.accepted.length;
    const res = await adapter(v).send(message({ outId: `liaison-${v}` }), signal());
    expect(res.providerRef).toMatch(/\^0$/);
    expect(fake.accepted.slice(before)).toEqual([
      {
        phone: '13800138000',
        signName: '北仑区人大',
        templateId: 'SMS_12345',
        params: { receiptCode: 'A-1', stopUrl: 'http://x/u/1.abc def*~' },
        outId: `liaison-${v}`,
      },
    ]);
  });

  it.each(['v1', 'v3'] as const)('is refused with a wrong secret (%s): permanent, not retried', async (v) => {
    const err = await refusedWith(adapter(v, 'wrong-secret').send(message(), signal()));
    expect(err.code).toBe('SignatureDoesNotMatch');
    expect(err.retryable).toBe(false);
    expect(fake.refused.at(-1)?.code).toBe('SignatureDoesNotMatch');
  });

  it('treats provider trouble as retryable and a bad number as permanent', async () => {
    fake.failNext(1);
    const trouble = await refusedWith(adapter('v3').send(message(), signal()));
    expect(trouble).toMatchObject({ code: 'ServiceUnavailable', retryable: true });
    const bad = await refusedWith(adapter('v1').send(message({ phone: '12345' }), signal()));
    expect(bad).toMatchObject({ code: 'isv.MOBILE_NUMBER_ILLEGAL', retryable: false });
  });

  it('refuses to send without a template id, before any request', async () => {
    const before = fake.accepted.length + fake.refused.length;
    const err = await refusedWith(adapter('v3').send(message({ templateId: undefined }), signal()));
    expect(err).toMatchObject({ code: 'CONFIG', retryable: false });
    expect(fake.accepted.length + fake.refused.length).toBe(before);
  });
});

describe('Tencent Cloud SMS', () => {
  let fake: FakeSms;
  beforeAll(async () => {
    fake = await startFakeSms({
      provider: 'tencent',
      keyId: 'AKIDtest',
      secret: 'tencent-secret',
      appId: '1400000001',
    });
  });
  afterAll(() => fake.close());
  const adapter = (secret = 'tencent-secret') =>
    new TencentSms({
      secretId: 'AKIDtest',
      secretKey: secret,
      appId: '1400000001',
      signName: '北仑区人大',
      endpoint: fake.url,
    });

  it('sends SendSms 2021-01-11 signed with TC3-HMAC-SHA256', async () => {
    const res = await adapter().send(message(), signal());
    expect(res.providerRef).toMatch(/^[0-9a-f]{16}$/);
    expect(fake.accepted.at(-1)).toEqual({
      phone: '13800138000',
      signName: '北仑区人大',
      templateId: 'SMS_12345',
      params: ['A-1', 'http://x/u/1.abc def*~'],
      outId: 'liaison-1',
    });
  });

  it('is refused with a wrong secret: permanent', async () => {
    const err = await refusedWith(adapter('wrong').send(message(), signal()));
    expect(err).toMatchObject({ code: 'AuthFailure.SignatureFailure', retryable: false });
  });

  it('treats an internal error as retryable', async () => {
    fake.failNext(1);
    const err = await refusedWith(adapter().send(message(), signal()));
    expect(err).toMatchObject({ code: 'InternalError.RequestTimeException', retryable: true });
  });
});

describe('government SMS platform (HTTP template)', () => {
  let fake: FakeSms;
  beforeAll(async () => {
    fake = await startFakeSms({ provider: 'gov', keyId: '', secret: 'gov-secret', appId: 'beilun-npc' });
  });
  afterAll(() => fake.close());
  const template = () =>
    parseGovTemplate(
      JSON.stringify({
        url: fake.url,
        contentType: 'application/json',
        body: '{"appId":"{{appId}}","mobile":"{{phone}}","content":"{{text}}","serial":"{{outId}}","ts":"{{timestamp}}"}',
        headers: { 'X-Sign': '{{signature}}' },
        signature: {
          algorithm: 'hmac-sha256',
          key: '{{secret}}',
          input: '{{appId}}{{timestamp}}{{body}}',
          encoding: 'hex',
        },
        success: { status: 200, jsonPath: 'code', equals: '0' },
        refPath: 'data.msgId',
        messagePath: 'msg',
      }),
    );

  it('fills the template (JSON-escaped text) and signs it', async () => {
    const text = '【北仑区人大】受理编号"A-1"\\ 请查看\n谢谢';
    const res = await new GovSms(template(), { appId: 'beilun-npc', secret: 'gov-secret' }).send(
      message({ text }),
      signal(),
    );
    expect(res.providerRef).toMatch(/^[0-9a-f]{16}$/);
    expect(fake.accepted.at(-1)).toMatchObject({ phone: '13800138000', text, outId: 'liaison-1' });
  });

  it('reports a refusal in the body with the platform message', async () => {
    const err = await refusedWith(
      new GovSms(template(), { appId: 'beilun-npc', secret: 'nope' }).send(message(), signal()),
    );
    expect(err.message).toContain('签名错误');
  });

  it('names a bad template setting', () => {
    expect(() => parseGovTemplate('{"url":"ftp://x"}')).toThrow(/LIAISON_SMS_GOV_TEMPLATE: url/);
    expect(() => parseGovTemplate('not json')).toThrow(/not valid JSON/);
  });
});

describe('network failures', () => {
  it('are retryable', async () => {
    // A port that was just free: nothing listens there.
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise<void>((r) => server.close(() => r()));
    const adapter = new TencentSms({
      secretId: 'a',
      secretKey: 'b',
      appId: 'c',
      signName: 'd',
      endpoint: `http://127.0.0.1:${port}/`,
    });
    const err = await refusedWith(adapter.send(message(), signal()));
    expect(err).toMatchObject({ code: 'NETWORK', retryable: true });
  });
});

describe('SMTP e-mail', () => {
  let smtp: FakeSmtp;
  beforeAll(async () => {
    smtp = await startFakeSmtp({ user: 'liaison', pass: 's3cret!' });
  });
  afterAll(() => smtp.close());
  const mail = (to = 'resident@example.cn') => ({
    to,
    subject: '意见已受理',
    text: '您反映的意见已受理，受理编号 A-1。',
    messageId: '<notify-7@liaison.test>',
    unsubscribeUrl: 'http://localhost:3000/u/7.abcdefghijklmnop',
  });

  it('sends through the server with authentication, the headers a mail needs and one-click unsubscribe', async () => {
    const res = await new SmtpEmail(smtp.url, 'Liaison <noreply@liaison.test>').send(mail(), signal());
    expect(res.providerRef).toMatch(/^250 .*queued as FAKE/);
    const got = smtp.received.at(-1)!;
    expect(got.from).toBe('noreply@liaison.test');
    expect(got.to).toEqual(['resident@example.cn']);
    expect(got.headers['message-id']).toBe('<notify-7@liaison.test>');
    expect(got.headers['list-unsubscribe']).toBe('<http://localhost:3000/u/7.abcdefghijklmnop>');
    expect(got.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
  });

  it('retries a temporary refusal and gives up at once on a missing mailbox or wrong password', async () => {
    smtp.failNext(1);
    const temporary = await refusedWith(new SmtpEmail(smtp.url, 'noreply@liaison.test').send(mail(), signal()));
    expect(temporary.retryable).toBe(true);
    smtp.refuse('gone@example.cn');
    const gone = await refusedWith(
      new SmtpEmail(smtp.url, 'noreply@liaison.test').send(mail('gone@example.cn'), signal()),
    );
    expect(gone.retryable).toBe(false);
    const badAuth = smtp.url.replace('s3cret!', 'wrong');
    const auth = await refusedWith(new SmtpEmail(badAuth, 'noreply@liaison.test').send(mail(), signal()));
    expect(auth.retryable).toBe(false);
    expect(smtp.errors).toContain('535 5.7.8 Authentication credentials invalid');
  });
});
