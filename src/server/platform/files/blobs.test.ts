import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeS3, type FakeS3 } from '../../../../test/support/fakes/s3.js';
import { DiskBlobs, S3Blobs, S3Error } from './blobs.js';

let s3: FakeS3;
beforeAll(async () => {
  s3 = await startFakeS3();
});
afterAll(async () => {
  await s3.close();
});

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
const photo = Buffer.from('照片 photo bytes \u0000\u00ff'.repeat(200));

describe('blob stores', () => {
  it('an S3-compatible bucket keeps, finds and returns the bytes', async () => {
    const blobs = new S3Blobs(s3.settings);
    const key = sha(photo);
    expect(await blobs.has(key, photo.length)).toBe(false);
    expect(await blobs.get(key)).toBeNull();
    await blobs.put(key, photo, 'image/jpeg');
    expect(await blobs.has(key, photo.length)).toBe(true);
    // A different size under the same name is not the same file.
    expect(await blobs.has(key, photo.length + 1)).toBe(false);
    expect((await blobs.get(key))!.equals(photo)).toBe(true);
    // Another node with the same settings reads the same bytes.
    expect((await new S3Blobs({ ...s3.settings }).get(key))!.equals(photo)).toBe(true);
  });

  it('signs requests as AWS documents it (Signature Version 4, the published GET example)', () => {
    // https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html, "GET Object".
    // s3rver accepts any V4 signature, so the signer is checked against AWS's own example.
    const signer = new S3Blobs(
      {
        url: 'https://s3.amazonaws.com',
        bucket: 'examplebucket',
        accessKey: 'AKIAIOSFODNN7EXAMPLE',
        secretKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        region: 'us-east-1',
      },
      () => new Date('2013-05-24T00:00:00Z'),
    );
    const headers = signer.signedHeaders('GET', new URL('https://examplebucket.s3.amazonaws.com/test.txt'), null, {
      Range: 'bytes=0-9',
    });
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, ' +
        'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, ' +
        'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
    expect(headers['x-amz-date']).toBe('20130524T000000Z');
  });

  it('a missing bucket is an error naming what S3 answered, not a missing file', async () => {
    const noBucket = new S3Blobs({ ...s3.settings, bucket: 'no-such-bucket' });
    await expect(noBucket.put(sha(photo), photo, 'image/jpeg')).rejects.toThrow(/404 NoSuchBucket/);
    await expect(noBucket.get(sha(photo))).rejects.toBeInstanceOf(S3Error);
  });

  it('the local directory keeps the same contract', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-blobs-'));
    try {
      const blobs = new DiskBlobs(root);
      const key = sha(photo);
      expect(await blobs.has(key, photo.length)).toBe(false);
      expect(await blobs.get(key)).toBeNull();
      await blobs.put(key, photo);
      expect(await blobs.has(key, photo.length)).toBe(true);
      expect((await blobs.get(key))!.equals(photo)).toBe(true);
      expect(fs.readdirSync(path.join(root, key.slice(0, 2)))).toEqual([key]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
