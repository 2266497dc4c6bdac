import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// @ts-expect-error s3rver ships no types
import S3rver from 's3rver';
import type { S3Settings } from '../../../src/server/platform/files/blobs.js';

/**
 * A local S3-compatible server (s3rver: it checks SigV4 signatures as S3 does) with one bucket,
 * its objects in a temporary directory. The access key and secret are s3rver's own.
 */
export interface FakeS3 {
  settings: S3Settings;
  /** The objects s3rver holds, as `bucket/key` paths, for assertions. */
  dir: string;
  close(): Promise<void>;
}

export async function startFakeS3(bucket = 'liaison-files'): Promise<FakeS3> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: dir,
    configureBuckets: [{ name: bucket }],
  }) as {
    run(): Promise<{ port: number }>;
    close(): Promise<void>;
  };
  const { port } = await server.run();
  return {
    settings: {
      url: `http://127.0.0.1:${port}`,
      bucket,
      accessKey: 'S3RVER',
      secretKey: 'S3RVER',
      region: 'us-east-1',
    },
    dir,
    async close() {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
