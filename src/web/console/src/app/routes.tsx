import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { AppLayout } from './AppLayout.js';
import { DataWatermark } from './DataWatermark.js';
import { NotFoundPage } from './NotFoundPage.js';
import {
  AccountPage,
  AuditPage,
  DeputiesPage,
  GroupsPage,
  HomePage,
  LoginPage,
  OrgsPage,
  RegionsPage,
  StationHistoryPage,
  StationDetailPage,
  StationsPage,
  UnitsPage,
  UsersPage,
} from './pages.js';
import { RequireAbility } from './RequireAbility.js';
import { RequireAuth } from './RequireAuth.js';
import { Root } from './Root.js';
import { RouteError } from './RouteError.js';
import * as opinions from '../features/opinions/pages.js';
import * as suggestions from '../features/suggestions/pages.js';
import * as projects from '../features/projects/pages.js';
import * as duty from '../features/duty/pages.js';
import * as statistics from '../features/statistics/pages.js';
import { ReceptionTablePage } from '../features/receptions/components/ReceptionTablePage.js';
import { Open311Page } from '../features/open311/components/Open311Page.js';

const ReceptionsPage = lazy(() =>
  import('../features/receptions/components/ReceptionsPage.js').then((m) => ({ default: m.ReceptionsPage })),
);
const ReceptionDetailPage = lazy(() =>
  import('../features/receptions/components/ReceptionDetailPage.js').then((m) => ({ default: m.ReceptionDetailPage })),
);

const TodoListPage = lazy(() =>
  import('../features/home/components/TodoListPage.js').then((m) => ({ default: m.TodoListPage })),
);

const OutboxPage = lazy(() =>
  import('../features/notifications/components/OutboxPage.js').then((m) => ({ default: m.OutboxPage })),
);
const TemplatesPage = lazy(() =>
  import('../features/notifications/components/TemplatesPage.js').then((m) => ({ default: m.TemplatesPage })),
);
const PreferencesPage = lazy(() =>
  import('../features/notifications/components/PreferencesPage.js').then((m) => ({ default: m.PreferencesPage })),
);

const CalendarPage = lazy(() =>
  import('../features/calendar/components/CalendarPage.js').then((m) => ({ default: m.CalendarPage })),
);

/** /console/login, /console/ (home), /console/stations(/:id), /console/deputies, /console/users, /console/orgs, /console/audit, /console/calendar, /console/suggestions(/desk, /new, /:id, /sessions, /figures), /console/account. */
export function createRouter() {
  return createBrowserRouter(
    [
      // The reception table loads offline (service worker) and so does not wait for the session like Root.
      { path: '/receptions/:id/table', element: <ReceptionTablePage />, errorElement: <RouteError /> },
      {
        path: '/',
        element: <Root />,
        errorElement: <RouteError />,
        children: [
          { path: 'login', element: <LoginPage /> },
          {
            element: (
              <RequireAuth>
                <AppLayout />
              </RequireAuth>
            ),
            errorElement: <RouteError />,
            children: [
              { index: true, element: <HomePage /> },
              {
                path: 'stations',
                element: (
                  <RequireAbility ability="station.read">
                    <DataWatermark>
                      <StationsPage />
                    </DataWatermark>
                  </RequireAbility>
                ),
              },
              {
                path: 'stations/:id',
                element: (
                  <RequireAbility ability="station.read">
                    <DataWatermark>
                      <StationDetailPage />
                    </DataWatermark>
                  </RequireAbility>
                ),
              },
              {
                path: 'stations/:id/history',
                element: (
                  <RequireAbility ability="station.manage">
                    <DataWatermark>
                      <StationHistoryPage />
                    </DataWatermark>
                  </RequireAbility>
                ),
              },
              {
                path: 'groups',
                element: (
                  <RequireAbility ability="deputy.read">
                    <DataWatermark>
                      <GroupsPage />
                    </DataWatermark>
                  </RequireAbility>
                ),
              },
              {
                path: 'units',
                element: (
                  <RequireAbility ability="org.read">
                    <DataWatermark>
                      <UnitsPage />
                    </DataWatermark>
                  </RequireAbility>
                ),
              },
              {
                path: 'regions',
                element: (
                  <RequireAbility ability="region.manage">
                    <RegionsPage />
                  </RequireAbility>
                ),
              },
              {
                path: 'deputies',
                element: (
                  <RequireAbility ability="deputy.read">
                    <DataWatermark>
                      <DeputiesPage />
                    </DataWatermark>
                  </RequireAbility>
                ),
              },
              {
                path: 'users',
                element: (
                  <RequireAbility ability="user.read">
                    <DataWatermark>
                      <UsersPage />
                    </DataWatermark>
                  </RequireAbility>
                ),
              },
              {
                path: 'orgs',
                element: (
                  <RequireAbility ability="org.read">
                    <DataWatermark>
                      <OrgsPage />
                    </DataWatermark>
                  </RequireAbility>
                ),
              },
              {
                path: 'audit',
                element: (
                  <RequireAbility ability="audit.read">
                    <DataWatermark>
                      <AuditPage />
                    </DataWatermark>
                  </RequireAbility>
                ),
              },
              {
                path: 'open311',
                element: (
                  <RequireAbility ability="open311.manage">
                    <Open311Page />
                  </RequireAbility>
                ),
              },
              {
                path: 'calendar',
                element: (
                  <RequireAbility ability="calendar.read">
                    <CalendarPage />
                  </RequireAbility>
                ),
              },
              {
                path: 'opinions',
                element: (
                  <RequireAbility ability="opinion.read">
                    <DataWatermark>
                      <opinions.OpinionsPage />
                    </DataWatermark>
                  </RequireAbility>
                ),
              },
              {
                path: 'opinions/new',
                element: (
                  <RequireAbility ability="opinion.register">
                    <opinions.RegisterOpinionPage />
                  </RequireAbility>
                ),
              },
              {
                path: 'opinions/todo',
                element: (
                  <RequireAbility ability="opinion.read">
                    <TodoListPage />
                  </RequireAbility>
                ),
              },
              {
                path: 'opinions/sign-offs',
                element: (
                  <RequireAbility ability="opinion.signOff">
                    <opinions.SignOffsPage />
                  </RequireAbility>
                ),
              },
              {
                path: 'opinions/categories',
                element: (
                  <RequireAbility ability="category.manage">
                    <opinions.CategoriesPage />
                  </RequireAbility>
                ),
              },
              {
                path: 'opinions/:id',
                element: (
                  <RequireAbility ability="opinion.read">
                    <DataWatermark>
                      <opinions.OpinionDetailPage />
                    </DataWatermark>
                  </RequireAbility>
                ),
              },
              {
                path: 'suggestions',
                element: (
                  <RequireAbility ability={['suggestion.read', 'suggestion.handle']}>
                    <DataWatermark>
                      <suggestions.SuggestionsPage />
                    </DataWatermark>
                  </RequireAbility>
                ),
              },
              {
                path: 'duty/mine',
                element: (
                  <RequireAbility ability="duty.own">
                    <duty.MyDutyPage />
                  </RequireAbility>
                ),
              },
              {
                path: 'duty/upcoming',
                element: (
                  <RequireAbility ability="duty.own">
                    <duty.UpcomingPage />
                  </RequireAbility>
                ),
              },
              {
                path: 'duty/digest',
                element: (
                  <RequireAbility ability="duty.own">
                    <duty.DigestPage />
                  </RequireAbility>
                ),
              },
              {
                path: 'duty/sign-in/:id',
                element: (
                  <RequireAbility ability="duty.own">
                    <duty.EventSignInPage />
                  </RequireAbility>
                ),
              },
              {
                path: 'duty',
                element: (
                  <RequireAbility ability="duty.read">
                    <DataWatermark>
                      <duty.DutyDeskPage />
                    </DataWatermark>
                  </RequireAbility>
                ),
              },
              {
                path: 'projects',
                element: (
                  <RequireAbility ability={['project.read', 'project.propose', 'project.report']}>
                    <projects.ProjectsPage />
                  </RequireAbility>
                ),
              },
              {
                path: 'projects/votes',
                element: (
                  <RequireAbility ability="project.manage">
                    <projects.VotesPage />
                  </RequireAbility>
                ),
              },
              {
                path: 'projects/votes/:id',
                element: (
                  <RequireAbility ability="project.manage">
                    <projects.VoteDetailPage />
                  </RequireAbility>
                ),
              },
              {
                path: 'projects/ballots',
                element: (
                  <RequireAbility ability="project.vote">
                    <projects.BallotsPage />
                  </RequireAbility>
                ),
              },
              {
                path: 'projects/ballots/:id',
                element: (
                  <RequireAbility ability="project.vote">
                    <projects.BallotPage />
                  </RequireAbility>
                ),
              },
              {
                path: 'projects/:id',
                element: (
                  <RequireAbility ability={['project.read', 'project.propose', 'project.report']}>
                    <projects.ProjectDetailPage />
                  </RequireAbility>
                ),
              },
              {
                path: 'suggestions/desk',
                element: (
                  <RequireAbility ability="suggestion.draft">
                    <suggestions.DeskPage />
                  </RequireAbility>
                ),
              },
              {
                path: 'suggestions/new',
                element: (
                  <RequireAbility ability="suggestion.draft">
                    <suggestions.DraftPage />
                  </RequireAbility>
                ),
              },
              {
                path: 'suggestions/sessions',
                element: (
                  <RequireAbility ability="suggestion.review">
                    <suggestions.SessionsPage />
                  </RequireAbility>
                ),
              },
              {
                path: 'statistics',
                element: (
                  <RequireAbility ability={['statistics.read', 'statistics.unit']}>
                    <DataWatermark>
                      <statistics.StatisticsPage />
                    </DataWatermark>
                  </RequireAbility>
                ),
              },
              {
                path: 'statistics/opinions',
                element: (
                  <RequireAbility ability={['statistics.read', 'statistics.unit']}>
                    <DataWatermark>
                      <statistics.DrillPage />
                    </DataWatermark>
                  </RequireAbility>
                ),
              },
              {
                path: 'statistics/work',
                element: (
                  <RequireAbility ability={['statistics.read', 'statistics.unit']}>
                    <DataWatermark>
                      <statistics.WorkDrillPage />
                    </DataWatermark>
                  </RequireAbility>
                ),
              },
              {
                path: 'statistics/topics',
                element: (
                  <RequireAbility ability={['statistics.topics', 'statistics.read']}>
                    <DataWatermark>
                      <statistics.TopicsPage />
                    </DataWatermark>
                  </RequireAbility>
                ),
              },
              {
                path: 'statistics/compliance',
                element: (
                  <RequireAbility ability="statistics.read">
                    <DataWatermark>
                      <statistics.CompliancePage />
                    </DataWatermark>
                  </RequireAbility>
                ),
              },
              {
                path: 'suggestions/figures',
                element: (
                  <RequireAbility ability="suggestion.read">
                    <DataWatermark>
                      <suggestions.FiguresPage />
                    </DataWatermark>
                  </RequireAbility>
                ),
              },
              {
                path: 'suggestions/:id',
                element: (
                  <RequireAbility ability={['suggestion.draft', 'suggestion.read', 'suggestion.handle']}>
                    <DataWatermark>
                      <suggestions.SuggestionDetailPage />
                    </DataWatermark>
                  </RequireAbility>
                ),
              },
              {
                path: 'suggestions/:id/edit',
                element: (
                  <RequireAbility ability="suggestion.draft">
                    <suggestions.DraftPage />
                  </RequireAbility>
                ),
              },
              {
                path: 'notifications',
                element: (
                  <RequireAbility ability="notify.read">
                    <DataWatermark>
                      <OutboxPage />
                    </DataWatermark>
                  </RequireAbility>
                ),
              },
              {
                path: 'notifications/templates',
                element: (
                  <RequireAbility ability="notify.read">
                    <TemplatesPage />
                  </RequireAbility>
                ),
              },
              {
                path: 'receptions',
                element: (
                  <RequireAbility ability="reception.read">
                    <DataWatermark>
                      <ReceptionsPage />
                    </DataWatermark>
                  </RequireAbility>
                ),
              },
              {
                path: 'receptions/:id',
                element: (
                  <RequireAbility ability="reception.read">
                    <DataWatermark>
                      <ReceptionDetailPage />
                    </DataWatermark>
                  </RequireAbility>
                ),
              },
              { path: 'notifications/preferences', element: <PreferencesPage /> },
              { path: 'account', element: <AccountPage /> },
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
    { basename: '/console/' },
  );
}
