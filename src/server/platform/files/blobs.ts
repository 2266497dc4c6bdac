import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Where the bytes of uploaded files live, named by their SHA-256: a local directory (one server,
 * the default) or an S3-compatible bucket (several nodes: a file uploaded to one is read from any).
 * The `stored_file` row in PostgreSQL says a file exists; the blob store only holds its bytes.
 */
export interface BlobStore {
  /** Whether bytes of this hash and size are already kept. */
  has(sha256: string, size: number): Promise<boolean>;
  /** Keeps the bytes; a reader never sees half of them. */
  put(sha256: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The bytes, or null when none are kept under this hash. */
  get(sha256: string): Promise<Buffer | null>;
}

/** Where the bytes of a file with this SHA-256 live under a local store's root. */
export function storedFilePath(root: string, sha256: string) {
  return path.join(root, sha256.slice(0, 2), sha256);
}

/** Files in a local directory, `<root>/ab/abcdef…`. */
export class DiskBlobs implements BlobStore {
  constructor(private readonly root: string) {}

  async has(sha256: string, size: number) {
    return fs.stat(storedFilePath(this.root, sha256)).then(
      (s) => s.size === size,
      () => false,
    );
  }

  async put(sha256: string, bytes: Buffer) {
    const target = storedFilePath(this.root, sha256);
    await fs.mkdir(path.dirname(target), { recursive: true });
    const tmp = `${target}.${crypto.randomBytes(6).toString('hex')}.tmp`;
    await fs.writeFile(tmp, bytes, { mode: 0o640 });
    await fs.rename(tmp, target);
  }

  async get(sha256: string) {
    return fs.readFile(storedFilePath(this.root, sha256)).catch(() => null);
  }
}

/** An S3-compatible bucket (Aliyun OSS, Tencent COS, MinIO, Ceph …), addressed path-style. */
export interface S3Settings {
  /** The service's address, e.g. `https://oss-cn-hangzhou.aliyuncs.com` or `http://127.0.0.1:9000`. */
  url: string;
  bucket: string;
  accessKey: string;
  secretKey: string;
  region: string;
}

export class S3Error extends Error {
  constructor(
    public readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'S3Error';
  }
}

const sha256Hex = (data: string | Buffer) => crypto.createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => crypto.createHmac('sha256', key).update(data).digest();

/**
 * Objects under `files/ab/abcdef…` in the bucket, each request signed with AWS Signature
 * Version 4 (what S3 and the S3-compatible services check). No SDK: three verbs are all we use.
 */
export class S3Blobs implements BlobStore {
  constructor(
    private readonly s: S3Settings,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private objectUrl(sha256: string) {
    const base = this.s.url.replace(/\/+$/, '');
    return new URL(`${base}/${encodeURIComponent(this.s.bucket)}/files/${sha256.slice(0, 2)}/${sha256}`);
  }

  /** The headers that sign a request (SigV4: the payload's hash and every header in `extra` signed). */
  signedHeaders(
    method: string,
    url: URL,
    body: Buffer | null,
    extra: Record<string, string> = {},
  ): Record<string, string> {
    const stamp = this.now()
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '');
    const day = stamp.slice(0, 8);
    const payloadHash = sha256Hex(body ?? '');
    const headers: Record<string, string> = {
      ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k.toLowerCase(), v.trim()])),
      host: url.host,
      'x-amz-content-sha256': payloadHash,
      'x-amz-date': stamp,
    };
    const names = Object.keys(headers).sort();
    const canonical = [
      method,
      url.pathname,
      '',
      ...names.map((n) => `${n}:${headers[n]}`),
      '',
      names.join(';'),
      payloadHash,
    ].join('\n');
    const scope = `${day}/${this.s.region}/s3/aws4_request`;
    const toSign = ['AWS4-HMAC-SHA256', stamp, scope, sha256Hex(canonical)].join('\n');
    const key = hmac(hmac(hmac(hmac(`AWS4${this.s.secretKey}`, day), this.s.region), 's3'), 'aws4_request');
    const signature = crypto.createHmac('sha256', key).update(toSign).digest('hex');
    const { host: _host, ...sent } = headers;
    return {
      ...sent,
      authorization: `AWS4-HMAC-SHA256 Credential=${this.s.accessKey}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
    };
  }

  private async request(method: 'HEAD' | 'GET' | 'PUT', sha256: string, body?: Buffer, contentType?: string) {
    const url = this.objectUrl(sha256);
    const headers = this.signedHeaders(method, url, body ?? null, contentType ? { 'content-type': contentType } : {});
    return fetch(url, {
      method,
      headers,
      body: body ? new Uint8Array(body) : undefined,
      signal: AbortSignal.timeout(30_000),
    });
  }

  private async fail(res: Response, what: string): Promise<never> {
    const text = res.body ? await res.text().catch(() => '') : '';
    const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? res.statusText;
    throw new S3Error(res.status, `S3 ${what} failed: ${res.status} ${code}`);
  }

  async has(sha256: string, size: number) {
    const res = await this.request('HEAD', sha256);
    if (res.status === 404) return false;
    if (!res.ok) return this.fail(res, 'HEAD');
    return Number(res.headers.get('content-length')) === size;
  }

  async put(sha256: string, bytes: Buffer, contentType: string) {
    const res = await this.request('PUT', sha256, bytes, contentType);
    if (!res.ok) return this.fail(res, 'PUT');
    await res.arrayBuffer();
  }

  async get(sha256: string) {
    const res = await this.request('GET', sha256);
    if (res.status === 404) {
      // No such key is a missing file; no such bucket is a setting to mend.
      const text = await res.text();
      if (text.includes('<Code>NoSuchBucket</Code>')) throw new S3Error(404, 'S3 GET failed: 404 NoSuchBucket');
      return null;
    }
    if (!res.ok) return this.fail(res, 'GET');
    return Buffer.from(await res.arrayBuffer());
  }
}
