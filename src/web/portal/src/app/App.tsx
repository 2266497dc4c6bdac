import { lazy, Suspense, useEffect, type ComponentType } from 'react';
import { match, useLocation } from './router.js';
import { ConnectionBanner } from '../../../shared/ConnectionBanner.js';
import { Header } from './Header.js';
import { useT } from './i18n.js';
import { Loading } from './Loading.js';
import { NotFound } from './NotFound.js';

// Each page is its own chunk: a QR code on the wall opens one page, and loads only that one.
const FindPage = lazy(() => import('../features/find/FindPage.js'));
const StationPage = lazy(() => import('../features/stations/StationPage.js'));
const WallNoticePage = lazy(() => import('../features/stations/WallNoticePage.js'));
const DeputyPage = lazy(() => import('../features/deputies/DeputyPage.js'));
const DeputyCardPage = lazy(() => import('../features/deputies/DeputyCardPage.js'));
const NewOpinionPage = lazy(() => import('../features/opinions/NewOpinionPage.js'));
const FollowPage = lazy(() => import('../features/opinions/FollowPage.js'));
const ReceiptPage = lazy(() => import('../features/opinions/ReceiptPage.js'));
const PrivacyPage = lazy(() => import('../features/opinions/PrivacyPage.js'));
const StatsPage = lazy(() => import('../features/stats/StatsPage.js'));
const CancelPage = lazy(() => import('../features/appointments/CancelPage.js'));
const SuggestionsPage = lazy(() => import('../features/suggestions/SuggestionsPage.js'));
const ProjectsPage = lazy(() => import('../features/projects/ProjectsPage.js'));
const ReportBacksPage = lazy(() => import('../features/duty/ReportBacksPage.js'));
const ReportBackPage = lazy(() => import('../features/duty/ReportBackPage.js'));
const RateReceptionPage = lazy(() => import('../features/duty-rating/RateReceptionPage.js'));

type Route = [pattern: string, page: ComponentType<{ params: Record<string, string> }>, print?: boolean];

const routes: Route[] = [
  ['/', FindPage],
  ['/find', FindPage],
  ['/s/:id', StationPage],
  ['/s/:id/wall', WallNoticePage, true],
  ['/d/:id', DeputyPage],
  ['/d/:id/card', DeputyCardPage, true],
  ['/new', NewOpinionPage],
  ['/receipt', ReceiptPage],
  ['/follow', FollowPage],
  ['/f/:token', FollowPage],
  ['/privacy', PrivacyPage],
  ['/stats', StatsPage],
  ['/suggestions', SuggestionsPage],
  ['/projects', ProjectsPage],
  ['/reports', ReportBacksPage],
  ['/reports/:id', ReportBackPage],
  ['/appointments/cancel', CancelPage],
  ['/rate', RateReceptionPage],
];

/** The portal: a header on every page (large text and language within reach), then the page. */
export function App() {
  const { path } = useLocation();
  const t = useT();
  let found: { Page: Route[1]; params: Record<string, string>; print: boolean } | null = null;
  for (const [pattern, Page, print] of routes) {
    const params = match(pattern, path);
    if (params) {
      found = { Page, params, print: !!print };
      break;
    }
  }
  useEffect(() => {
    document.body.classList.toggle('print-page', !!found?.print);
  }, [found?.print]);
  return (
    <>
      <Header />
      <ConnectionBanner text={t('unavailable')} />
      <main id="main" className={found?.print ? 'main print' : 'main'}>
        <Suspense fallback={<Loading />}>{found ? <found.Page params={found.params} /> : <NotFound />}</Suspense>
      </main>
    </>
  );
}
