import { lazy } from 'react';

export const StatisticsPage = lazy(() =>
  import('./components/StatisticsPage.js').then((m) => ({ default: m.StatisticsPage })),
);
export const DrillPage = lazy(() => import('./components/DrillPage.js').then((m) => ({ default: m.DrillPage })));
