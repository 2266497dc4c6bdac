import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db, Tx } from '../../db/database.js';
import type { Platform } from '../context.js';

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

/** Where the bytes of a file with this SHA-256 live under a store's root. */
export function storedFilePath(root: string, sha256: string) {
  return path.join(root, sha256.slice(0, 2), sha256);
}

/** The file store's root under a data dir. */
export function filesRoot(dataDir: string) {
  return path.resolve(dataDir, 'files');
}

/**
 * Uploaded files: the bytes on disk under `<data dir>/files/`, named by their SHA-256 (equal
 * files are kept once, and a name never changes meaning), described by a `stored_file` row.
 */
export class FileStore {
  constructor(private readonly root: string) {}

  private pathOf(sha256: string) {
    return storedFilePath(this.root, sha256);
  }

  /** Writes the bytes (atomically: a reader never sees half a file) and records them in `trx`. */
  async save(trx: Tx, file: NewFile, createdBy: number | null): Promise<number> {
    const sha256 = crypto.createHash('sha256').update(file.bytes).digest('hex');
    const target = this.pathOf(sha256);
    await fs.mkdir(path.dirname(target), { recursive: true });
    const exists = await fs.stat(target).then(
      (s) => s.size === file.bytes.length,
      () => false,
    );
    if (!exists) {
      const tmp = `${target}.${crypto.randomBytes(6).toString('hex')}.tmp`;
      await fs.writeFile(tmp, file.bytes, { mode: 0o640 });
      await fs.rename(tmp, target);
    }
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
    const bytes = await fs.readFile(this.pathOf(row.sha256)).catch(() => null);
    return bytes ? { id: row.id, contentType: row.content_type, bytes } : null;
  }
}

/** The file store of a platform (under its data dir). */
export function fileStore(p: Platform): FileStore {
  return new FileStore(filesRoot(p.config.dataDir));
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
