import { lazy } from 'react';

/** The closed loop's screens, each its own chunk (routes.tsx places them). */
export const OpinionsPage = lazy(() =>
  import('./components/OpinionsPage.js').then((m) => ({ default: m.OpinionsPage })),
);
export const RegisterOpinionPage = lazy(() =>
  import('./components/RegisterOpinionPage.js').then((m) => ({ default: m.RegisterOpinionPage })),
);
export const OpinionDetailPage = lazy(() =>
  import('./components/OpinionDetailPage.js').then((m) => ({ default: m.OpinionDetailPage })),
);
export const SignOffsPage = lazy(() =>
  import('./components/SignOffsPage.js').then((m) => ({ default: m.SignOffsPage })),
);
export const CategoriesPage = lazy(() =>
  import('./components/CategoriesPage.js').then((m) => ({ default: m.CategoriesPage })),
);
