import { lazy } from 'react';

/** The livelihood projects' screens, each its own chunk (routes.tsx places them). */
export const ProjectsPage = lazy(() =>
  import('./components/ProjectsPage.js').then((m) => ({ default: m.ProjectsPage })),
);
export const ProjectDetailPage = lazy(() =>
  import('./components/ProjectDetailPage.js').then((m) => ({ default: m.ProjectDetailPage })),
);
export const VotesPage = lazy(() => import('./components/VotesPage.js').then((m) => ({ default: m.VotesPage })));
export const VoteDetailPage = lazy(() =>
  import('./components/VoteDetailPage.js').then((m) => ({ default: m.VoteDetailPage })),
);
export const BallotsPage = lazy(() => import('./components/BallotPage.js').then((m) => ({ default: m.BallotsPage })));
export const BallotPage = lazy(() => import('./components/BallotPage.js').then((m) => ({ default: m.BallotPage })));
