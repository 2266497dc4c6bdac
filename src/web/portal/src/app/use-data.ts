import { useEffect, useState } from 'react';
import { ApiError, get } from './api.js';

/** GETs a path (null: nothing yet); reloads when the path changes. */
export function useData<T>(path: string | null) {
  const [state, setState] = useState<{ path: string | null; data?: T; error?: ApiError }>({ path: null });
  const [n, setN] = useState(0);
  useEffect(() => {
    if (!path) return;
    let live = true;
    get<T>(path).then(
      (data) => live && setState({ path, data }),
      (error: unknown) =>
        live &&
        setState({ path, error: error instanceof ApiError ? error : new ApiError(0, 'UNKNOWN', String(error)) }),
    );
    return () => {
      live = false;
    };
  }, [path, n]);
  const current = state.path === path;
  return {
    data: current ? state.data : undefined,
    error: current ? state.error : undefined,
    loading: !!path && (!current || (!state.data && !state.error)),
    reload: () => setN((x) => x + 1),
  };
}
