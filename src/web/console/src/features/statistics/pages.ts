import { lazy } from 'react';

export const StatisticsPage = lazy(() =>
  import('./components/StatisticsPage.js').then((m) => ({ default: m.StatisticsPage })),
);
export const DrillPage = lazy(() => import('./components/DrillPage.js').then((m) => ({ default: m.DrillPage })));
export const WorkDrillPage = lazy(() =>
  import('./components/WorkDrillPage.js').then((m) => ({ default: m.WorkDrillPage })),
);
export const CompliancePage = lazy(() =>
  import('./components/CompliancePage.js').then((m) => ({ default: m.CompliancePage })),
);
export const TopicsPage = lazy(() => import('./components/TopicsPage.js').then((m) => ({ default: m.TopicsPage })));
