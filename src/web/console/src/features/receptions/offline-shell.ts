/**
 * Makes the console loadable without a network for the table screen: registers the table's service
 * worker (served by the server at /console/reception-table-sw.js) and puts the console's page and
 * the built files this page uses into its cache. True once a reload would work offline.
 * Service workers need a secure context (HTTPS, or localhost): elsewhere the queue still keeps
 * entries, but a reload needs the network.
 */
export async function prepareOffline(): Promise<boolean> {
  if (!('serviceWorker' in navigator) || !('caches' in window) || !window.isSecureContext) return false;
  await navigator.serviceWorker.register('/console/reception-table-sw.js', { scope: '/console/' });
  await navigator.serviceWorker.ready;
  const assets = new Set<string>();
  for (const e of performance.getEntriesByType('resource')) {
    const url = new URL(e.name);
    if (url.origin === location.origin && url.pathname.startsWith('/console/assets/')) assets.add(url.pathname);
  }
  for (const el of document.querySelectorAll<HTMLScriptElement | HTMLLinkElement>('script[src], link[href]')) {
    const url = new URL(el instanceof HTMLScriptElement ? el.src : el.href, location.href);
    if (url.origin === location.origin && url.pathname.startsWith('/console/assets/')) assets.add(url.pathname);
  }
  const cache = await caches.open('liaison-table-v1');
  await cache.addAll(['/console/', ...assets]);
  if (!navigator.serviceWorker.controller)
    await new Promise<void>((resolve) =>
      navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }),
    );
  return true;
}
