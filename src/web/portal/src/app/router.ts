import { useSyncExternalStore, type MouseEvent } from 'react';

// A router of a few lines: the portal has a handful of pages, and react-router would cost more
// of the first-load budget than all of them.

const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());
window.addEventListener('popstate', notify);

let snapshot = location.pathname + location.search;

function take() {
  const next = location.pathname + location.search;
  if (next !== snapshot) snapshot = next;
  return snapshot;
}

/** The current path and query string. */
export function useLocation(): { path: string; query: URLSearchParams } {
  const href = useSyncExternalStore((l) => {
    listeners.add(l);
    return () => listeners.delete(l);
  }, take);
  const [path = '/', search = ''] = href.split('?');
  return { path, query: new URLSearchParams(search) };
}

/** Goes to another page of the portal without reloading. */
export function navigate(to: string, opts: { replace?: boolean } = {}) {
  if (opts.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  window.scrollTo(0, 0);
  notify();
}

/** onClick of an <a href>: stays in the app for a plain click, lets the browser do the rest. */
export function follow(e: MouseEvent<HTMLAnchorElement>) {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const href = e.currentTarget.getAttribute('href');
  if (!href || !href.startsWith('/') || e.currentTarget.target) return;
  e.preventDefault();
  navigate(href);
}

/** Matches `/s/:id`-like patterns; returns the parameters or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const a = pattern.split('/');
  const b = (path.replace(/\/+$/, '') || '/').split('/');
  if (a.length !== b.length) return null;
  const out: Record<string, string> = {};
  for (let i = 0; i < a.length; i++) {
    const p = a[i]!;
    const v = b[i]!;
    if (p.startsWith(':')) {
      if (!v) return null;
      out[p.slice(1)] = decodeURIComponent(v);
    } else if (p !== v) return null;
  }
  return out;
}
