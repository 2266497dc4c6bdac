import { useEffect, useState } from 'react';

/** Narrower than antd's `md` breakpoint (768 px): a phone. */
const PHONE_QUERY = '(max-width: 767.98px)';

function matches(): boolean {
  return typeof window !== 'undefined' && window.matchMedia(PHONE_QUERY).matches;
}

/**
 * Whether the screen is a phone's (narrower than 768 px): the shell folds its navigation away and
 * lists become cards. Right from the first render (no second render on a desktop), then kept
 * current as the window changes.
 */
export function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(matches);
  useEffect(() => {
    const query = window.matchMedia(PHONE_QUERY);
    const changed = () => setNarrow(query.matches);
    changed();
    query.addEventListener('change', changed);
    return () => query.removeEventListener('change', changed);
  }, []);
  return narrow;
}
