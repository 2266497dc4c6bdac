import { ApiError } from '../../app/api-error.js';
import { api, loadSession } from '../../app/api-client.js';
import type { ReceptionView } from '../../app/contracts.js';
import type { SignInBody, TableOpinionBody, VisitorsBody } from './api.js';

/** What an entry asks the server for: its kind and the request body (with its idempotency key). */
export type QueuedRequest =
  | { kind: 'signIn'; body: SignInBody }
  | { kind: 'visitors'; body: VisitorsBody }
  | { kind: 'opinion'; body: TableOpinionBody };

/**
 * Entries made at the reception table wait here (IndexedDB, so a reload or a closed tab keeps them)
 * until the server has them. Each carries the idempotency key it was made with: sending it again
 * after a lost answer is applied once by the server, so nothing is lost or doubled.
 */
export type QueuedEntry = QueuedRequest & {
  key: string;
  receptionId: number;
  /** API path the entry is POSTed to. */
  path: string;
  /** What the screen shows for it while unsent. */
  label: string;
  createdAt: string;
  /** Set when the server refused it for good (e.g. the reception was closed): shown, never dropped silently. */
  error?: string;
};

const DB_NAME = 'liaison-table';
let opened: Promise<IDBDatabase> | null = null;

function db(): Promise<IDBDatabase> {
  opened ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      const d = req.result;
      d.createObjectStore('queue', { keyPath: 'key' }).createIndex('reception', 'receptionId');
      d.createObjectStore('snapshots', { keyPath: 'id' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('indexedDB'));
  });
  return opened;
}

function run<T>(
  store: 'queue' | 'snapshots',
  mode: IDBTransactionMode,
  fn: (s: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  return db().then(
    (d) =>
      new Promise<T>((resolve, reject) => {
        const tx = d.transaction(store, mode);
        const req = fn(tx.objectStore(store));
        tx.oncomplete = () => resolve(req.result);
        tx.onerror = () => reject(tx.error ?? new Error('indexedDB'));
      }),
  );
}

export const putEntry = (e: QueuedEntry) => run('queue', 'readwrite', (s) => s.put(e)).then(() => undefined);
export const removeEntry = (key: string) => run('queue', 'readwrite', (s) => s.delete(key)).then(() => undefined);
export async function entriesOf(receptionId: number): Promise<QueuedEntry[]> {
  const all = await run<QueuedEntry[]>(
    'queue',
    'readonly',
    (s) => s.index('reception').getAll(receptionId) as IDBRequest<QueuedEntry[]>,
  );
  return all.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}
export const saveSnapshot = (r: ReceptionView) => run('snapshots', 'readwrite', (s) => s.put(r)).then(() => undefined);
export const loadSnapshot = (id: number) =>
  run<ReceptionView | undefined>('snapshots', 'readonly', (s) => s.get(id) as IDBRequest<ReceptionView | undefined>);

let csrfReady = false;
let flushing: Promise<{ sent: number; offline: boolean }> | null = null;

/**
 * Sends the reception's waiting entries in the order they were made. Stops at the first network
 * failure (or a server error, or a lost session: tried again later); an entry the server refuses
 * for good is kept, marked with the reason, so the officer sees it.
 */
export function flush(receptionId: number): Promise<{ sent: number; offline: boolean }> {
  flushing ??= (async () => {
    let sent = 0;
    try {
      for (const e of await entriesOf(receptionId)) {
        if (e.error) continue;
        try {
          if (!csrfReady) {
            await loadSession();
            csrfReady = true;
          }
          await api('POST', e.path, e.body);
          await removeEntry(e.key);
          sent++;
        } catch (err) {
          if (!(err instanceof ApiError) || err.status === 0 || err.status >= 500 || err.status === 401)
            return { sent, offline: true };
          if (err.code === 'CSRF_REJECTED') {
            csrfReady = false;
            return { sent, offline: true };
          }
          await putEntry({ ...e, error: err.message });
        }
      }
      return { sent, offline: false };
    } finally {
      flushing = null;
    }
  })();
  return flushing;
}

/** A fresh idempotency key (128 random bits; crypto.randomUUID needs a secure context). */
export function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
