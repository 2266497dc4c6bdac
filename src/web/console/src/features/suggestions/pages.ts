import { lazy } from 'react';

/** The suggestions' screens, each its own chunk (routes.tsx places them). */
export const DeskPage = lazy(() => import('./components/DeskPage.js').then((m) => ({ default: m.DeskPage })));
export const DraftPage = lazy(() => import('./components/DraftPage.js').then((m) => ({ default: m.DraftPage })));
export const SuggestionsPage = lazy(() =>
  import('./components/SuggestionsPage.js').then((m) => ({ default: m.SuggestionsPage })),
);
export const SuggestionDetailPage = lazy(() =>
  import('./components/SuggestionDetailPage.js').then((m) => ({ default: m.SuggestionDetailPage })),
);
export const SessionsPage = lazy(() =>
  import('./components/SessionsPage.js').then((m) => ({ default: m.SessionsPage })),
);
export const FiguresPage = lazy(() => import('./components/FiguresPage.js').then((m) => ({ default: m.FiguresPage })));
