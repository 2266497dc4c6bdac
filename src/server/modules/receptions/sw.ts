/**
 * The service worker of the reception table screen (接待台), served at /console/reception-table-sw.js.
 * It lets a tablet reload the console without a network: pages under /console/ are fetched from
 * the network first and fall back to the cached shell; built assets (hashed names) come from the
 * cache the table screen fills (`liaison-table-v1`). API requests are never cached: entries made
 * offline wait in IndexedDB (the page's queue) and are sent when the network returns.
 */
export const TABLE_SW = `'use strict';
const CACHE = 'liaison-table-v1';
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (req.mode === 'navigate' && url.pathname.startsWith('/console/')) {
    event.respondWith(
      fetch(req).catch(() =>
        caches.open(CACHE).then((c) => c.match('/console/')).then((hit) => hit || Response.error()),
      ),
    );
    return;
  }
  if (url.pathname.startsWith('/console/assets/')) {
    event.respondWith(
      caches.open(CACHE).then((c) =>
        c.match(req).then(
          (hit) =>
            hit ||
            fetch(req).then((res) => {
              if (res.ok) c.put(req, res.clone());
              return res;
            }),
        ),
      ),
    );
  }
});
`;
