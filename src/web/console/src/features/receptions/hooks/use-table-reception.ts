import { App as AntApp } from 'antd';
import { useCallback, useState } from 'react';
import { ApiError } from '../../../app/api-error.js';
import type { ReceptionView } from '../../../app/contracts.js';
import { errorMessage } from '../../../app/form-errors.js';
import { useT } from '../../../app/i18n.js';
import { getReception } from '../api.js';
import { loadSnapshot, saveSnapshot } from '../offline-queue.js';

/**
 * The reception shown at the table: from the server while it answers (each answer saved on this
 * device), else the copy saved here last time, so the table still works without a network.
 */
export function useTableReception(receptionId: number) {
  const t = useT();
  const { message } = AntApp.useApp();
  const [reception, setReception] = useState<ReceptionView | null>(null);
  const [fromSnapshot, setFromSnapshot] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  /** Loads the reception; false when the server could not be reached (the saved copy is shown then). */
  const load = useCallback(async (): Promise<boolean> => {
    try {
      const r = await getReception(receptionId);
      setReception(r);
      setFromSnapshot(false);
      setLoadError(null);
      await saveSnapshot(r);
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.status !== 0 && err.status < 500) {
        setLoadError(err.message);
        return true;
      }
      const snap = await loadSnapshot(receptionId);
      if (snap) {
        setReception((cur) => cur ?? snap);
        setFromSnapshot(true);
      } else setLoadError(t('receptions.table.noSnapshot'));
      return false;
    }
  }, [receptionId, t]);

  /** Runs a call that needs the network (no queue) and shows the reception it answers with. */
  const direct = useCallback(
    async (fn: () => Promise<ReceptionView>, done: string) => {
      setBusy(true);
      try {
        const r = await fn();
        setReception(r);
        await saveSnapshot(r);
        message.success(done);
      } catch (err) {
        message.error(errorMessage(err, t));
      } finally {
        setBusy(false);
      }
    },
    [message, t],
  );

  return { reception, fromSnapshot, loadError, load, busy, direct };
}

/** Runs a call that needs the network and shows the reception it answers with. */
export type RunDirect = ReturnType<typeof useTableReception>['direct'];
