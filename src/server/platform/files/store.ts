import crypto from 'node:crypto';
import path from 'node:path';
import type { Config } from '../../config.js';
import type { Db, Tx } from '../../db/database.js';
import type { Platform } from '../context.js';
import { DiskBlobs, S3Blobs, type BlobStore } from './blobs.js';

export { storedFilePath } from './blobs.js';

/** A file to keep: bytes already checked and cleaned by the caller (see images.ts). */
export interface NewFile {
  bytes: Buffer;
  contentType: string;
  width?: number | null;
  height?: number | null;
}

export interface StoredFile {
  id: number;
  contentType: string;
  bytes: Buffer;
}

/** The local file store's root under a data dir. */
export function filesRoot(dataDir: string) {
  return path.resolve(dataDir, 'files');
}

/**
 * Uploaded files: the bytes in a blob store (`<data dir>/files/` by default, or an S3-compatible
 * bucket), named by their SHA-256 (equal files are kept once, and a name never changes meaning),
 * described by a `stored_file` row.
 */
export class FileStore {
  constructor(private readonly blobs: BlobStore) {}

  /** Writes the bytes (atomically: a reader never sees half a file) and records them in `trx`. */
  async save(trx: Tx, file: NewFile, createdBy: number | null): Promise<number> {
    const sha256 = crypto.createHash('sha256').update(file.bytes).digest('hex');
    if (!(await this.blobs.has(sha256, file.bytes.length))) await this.blobs.put(sha256, file.bytes, file.contentType);
    // A file written for a transaction that then rolls back stays on disk unreferenced: harmless,
    // and an upload of the same bytes reuses it.
    const { id } = await trx
      .insertInto('stored_file')
      .values({
        sha256,
        content_type: file.contentType,
        size: file.bytes.length,
        width: file.width ?? null,
        height: file.height ?? null,
        created_by: createdBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  /** The bytes of a recorded file; null when the row or the bytes are missing. */
  async read(p: Platform, id: number): Promise<StoredFile | null> {
    const row = await p.db
      .selectFrom('stored_file')
      .select(['id', 'sha256', 'content_type'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return null;
    const bytes = await this.blobs.get(row.sha256);
    return bytes ? { id: row.id, contentType: row.content_type, bytes } : null;
  }
}

/** The blob store the settings choose: the S3-compatible bucket when one is set, else the data dir. */
export function blobStore(config: Pick<Config, 'dataDir' | 's3'>): BlobStore {
  return config.s3 ? new S3Blobs(config.s3) : new DiskBlobs(filesRoot(config.dataDir));
}

/** The file store of a platform. */
export function fileStore(p: Platform): FileStore {
  return new FileStore(blobStore(p.config));
}

/** Content type, size and dimensions of recorded files by ids (one query). */
export async function fileFacts(db: Db | Tx, ids: readonly number[]) {
  if (!ids.length)
    return new Map<number, { contentType: string; size: number; width: number | null; height: number | null }>();
  const rows = await db
    .selectFrom('stored_file')
    .select(['id', 'content_type', 'size', 'width', 'height'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(
    rows.map((r) => [r.id, { contentType: r.content_type, size: Number(r.size), width: r.width, height: r.height }]),
  );
}
