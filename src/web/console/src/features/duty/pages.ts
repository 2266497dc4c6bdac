import { lazy } from 'react';

/** The duty record's screens, each its own chunk (routes.tsx places them). */
export const MyDutyPage = lazy(() => import('./components/MyDutyPage.js').then((m) => ({ default: m.MyDutyPage })));
export const DutyDeskPage = lazy(() =>
  import('./components/DutyDeskPage.js').then((m) => ({ default: m.DutyDeskPage })),
);
export const EventSignInPage = lazy(() =>
  import('./components/EventSignInPage.js').then((m) => ({ default: m.EventSignInPage })),
);
export const DigestPage = lazy(() => import('./components/DigestPage.js').then((m) => ({ default: m.DigestPage })));
export const UpcomingPage = lazy(() =>
  import('./components/UpcomingPage.js').then((m) => ({ default: m.UpcomingPage })),
);
