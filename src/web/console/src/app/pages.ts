import { lazy } from 'react';

/** Every screen is its own chunk: the first load carries only the frame and the screen it opens. */
export const LoginPage = lazy(() =>
  import('../features/auth/components/LoginPage.js').then((m) => ({ default: m.LoginPage })),
);
export const HomePage = lazy(() =>
  import('../features/home/components/HomePage.js').then((m) => ({ default: m.HomePage })),
);
export const StationsPage = lazy(() =>
  import('../features/stations/components/StationsPage.js').then((m) => ({ default: m.StationsPage })),
);
export const StationDetailPage = lazy(() =>
  import('../features/stations/components/StationDetailPage.js').then((m) => ({ default: m.StationDetailPage })),
);
export const DeputiesPage = lazy(() =>
  import('../features/deputies/components/DeputiesPage.js').then((m) => ({ default: m.DeputiesPage })),
);
export const UsersPage = lazy(() =>
  import('../features/users/components/UsersPage.js').then((m) => ({ default: m.UsersPage })),
);
export const OrgsPage = lazy(() =>
  import('../features/orgs/components/OrgsPage.js').then((m) => ({ default: m.OrgsPage })),
);
export const AuditPage = lazy(() =>
  import('../features/audit/components/AuditPage.js').then((m) => ({ default: m.AuditPage })),
);
export const AccountPage = lazy(() =>
  import('../features/account/components/AccountPage.js').then((m) => ({ default: m.AccountPage })),
);
export const StationHistoryPage = lazy(() =>
  import('../features/stations/components/StationHistoryPage.js').then((m) => ({ default: m.StationHistoryPage })),
);
export const UnitsPage = lazy(() =>
  import('../features/orgs/components/UnitsPage.js').then((m) => ({ default: m.UnitsPage })),
);
export const GroupsPage = lazy(() =>
  import('../features/groups/components/GroupsPage.js').then((m) => ({ default: m.GroupsPage })),
);
export const RegionsPage = lazy(() =>
  import('../features/regions/components/RegionsPage.js').then((m) => ({ default: m.RegionsPage })),
);
