import { useCallback, useEffect, useMemo, useState } from 'react';
import type { SignInBody, TableOpinionBody, VisitorsBody } from '../api.js';
import {
  entriesOf,
  flush,
  newKey,
  putEntry,
  removeEntry,
  type QueuedEntry,
  type QueuedRequest,
} from '../offline-queue.js';
import { prepareOffline } from '../offline-shell.js';

type Unkeyed<B> = B extends unknown ? Omit<B, 'idempotencyKey'> : never;

/** An entry made at the table, before it gets its idempotency key. */
export type TableEntry =
  | { kind: 'signIn'; body: Unkeyed<SignInBody> }
  | { kind: 'visitors'; body: Unkeyed<VisitorsBody> }
  | { kind: 'opinion'; body: Unkeyed<TableOpinionBody> };

const paths: Record<TableEntry['kind'], string> = { signIn: 'sign-in', visitors: 'visitors', opinion: 'opinions' };

function keyed(entry: TableEntry, idempotencyKey: string): QueuedRequest {
  switch (entry.kind) {
    case 'signIn':
      return { kind: 'signIn', body: { ...entry.body, idempotencyKey } };
    case 'visitors':
      return { kind: 'visitors', body: { ...entry.body, idempotencyKey } };
    case 'opinion':
      return { kind: 'opinion', body: { ...entry.body, idempotencyKey } };
  }
}

/**
 * The table's offline queue: what waits to be sent and what the server refused, whether the
 * network is there, and sending, at once after each entry, when the browser says it is back
 * online, and every 15 s while entries wait (a bad connection may come back without an event).
 * `load` reloads the reception after a send and says false when the server could not be reached.
 */
export function useTableQueue(receptionId: number, load: () => Promise<boolean>) {
  const [queue, setQueue] = useState<QueuedEntry[]>([]);
  const [online, setOnline] = useState(navigator.onLine);
  const [syncing, setSyncing] = useState(false);
  const [offlineReady, setOfflineReady] = useState(false);

  const refreshQueue = useCallback(async () => setQueue(await entriesOf(receptionId)), [receptionId]);

  const reload = useCallback(async () => {
    if (!(await load())) setOnline(false);
  }, [load]);

  const sync = useCallback(async () => {
    setSyncing(true);
    try {
      const res = await flush(receptionId);
      setOnline(!res.offline);
      await refreshQueue();
      if (!res.offline) await reload();
    } finally {
      setSyncing(false);
    }
  }, [receptionId, refreshQueue, reload]);

  useEffect(() => {
    void (async () => {
      await refreshQueue();
      await reload();
      await sync();
    })();
    prepareOffline().then(setOfflineReady, () => setOfflineReady(false));
    const goOnline = () => {
      setOnline(true);
      void sync();
    };
    const goOffline = () => setOnline(false);
    window.addEventListener('online', goOnline);
    window.addEventListener('offline', goOffline);
    const timer = window.setInterval(() => {
      void entriesOf(receptionId).then((q) => {
        if (q.some((e) => !e.error)) void sync();
      });
    }, 15000);
    return () => {
      window.removeEventListener('online', goOnline);
      window.removeEventListener('offline', goOffline);
      window.clearInterval(timer);
    };
    // Mount only: the callbacks are stable for this reception.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [receptionId]);

  /** Keeps the entry on this device with a fresh idempotency key, then tries to send it. */
  const add = useCallback(
    async (entry: TableEntry, label: string) => {
      const key = newKey();
      await putEntry({
        ...keyed(entry, key),
        key,
        receptionId,
        path: `/api/receptions/${receptionId}/${paths[entry.kind]}`,
        label,
        createdAt: new Date().toISOString(),
      });
      await refreshQueue();
      void sync();
    },
    [receptionId, refreshQueue, sync],
  );

  const discard = useCallback(async (key: string) => removeEntry(key).then(refreshQueue), [refreshQueue]);

  const pending = useMemo(() => queue.filter((e) => !e.error), [queue]);
  const failed = useMemo(() => queue.filter((e) => e.error), [queue]);
  /** Deputies whose sign-in waits to be sent. */
  const pendingSignIns = useMemo(
    () => new Set(pending.flatMap((e) => (e.kind === 'signIn' && 'deputyId' in e.body ? [e.body.deputyId] : []))),
    [pending],
  );
  /** Visitors counted here and not sent yet (may be negative). */
  const pendingVisitors = pending.reduce((n, e) => n + (e.kind === 'visitors' ? e.body.delta : 0), 0);

  return { queue, pending, failed, pendingSignIns, pendingVisitors, online, syncing, offlineReady, sync, add, discard };
}
