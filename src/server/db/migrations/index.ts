import type { Migration } from 'kysely';
import * as foundation from './20261123T1900-foundation.js';
import * as stationsDeputies from './20261123T2100-stations-deputies.js';
import * as notifications from './20261124T0020-notifications.js';
import * as calendar from './20261124T0025-calendar.js';
import * as opinions from './20261124T0100-opinions.js';
import * as stationsMore from './20261124T0130-stations-more.js';
import * as opinionFiles from './20261124T0200-opinion-files.js';
import * as portal from './20261124T0400-portal.js';
import * as receptions from './20261124T0430-receptions.js';
import * as receptionsOneBooking from './20261124T0440-receptions-one-booking.js';
import * as opinionListIndexes from './20261124T0500-opinion-list-indexes.js';
import * as authNotify from './20261124T0510-auth-notify.js';
import * as opinionReceptionFk from './20261124T0610-opinion-reception-fk.js';
import * as deputyAccount from './20261124T0620-deputy-account.js';
import * as suggestions from './20261206T0600-suggestions.js';
import * as dutyRecord from './20261206T1100-duty-record.js';
import * as suggestionConstituents from './20261206T0900-suggestion-constituents.js';
import * as projects from './20261206T1000-projects.js';
import * as statistics from './20261206T1200-statistics.js';
import * as dutyMore from './20261206T1310-duty-more.js';
import * as projectsMore from './20261206T1300-projects-more.js';
import * as projectsRanked from './20261206T1700-projects-ranked.js';
import * as statisticsMore from './20261206T1320-statistics-more.js';
import * as opinionSignoff from './20261206T1340-opinion-signoff.js';
import * as receptionRating from './20261206T1710-reception-rating.js';
import * as dutyUnitAward from './20261206T1800-duty-unit-award.js';
import * as statisticsFacts from './20261206T1810-statistics-facts.js';
import * as statisticsScale from './20261207T0100-statistics-scale.js';
import * as writePath from './20261207T0110-write-path.js';
import * as notifySecretIndex from './20261207T0900-notify-secret-index.js';
import * as auditSearch from './20261207T1800-audit-search.js';
import * as chinaDayDefaults from './20261207T1900-china-day-defaults.js';
import * as auditVerifyRun from './20261208T0100-audit-verify-run.js';

/** Every migration, by its timestamped name, in order. Add new ones at the end; never edit landed ones. */
export const migrations: Record<string, Migration> = {
  '20261123T1900-foundation': foundation,
  '20261123T2100-stations-deputies': stationsDeputies,
  '20261124T0020-notifications': notifications,
  '20261124T0025-calendar': calendar,
  '20261124T0100-opinions': opinions,
  '20261124T0130-stations-more': stationsMore,
  '20261124T0200-opinion-files': opinionFiles,
  '20261124T0400-portal': portal,
  '20261124T0430-receptions': receptions,
  '20261124T0440-receptions-one-booking': receptionsOneBooking,
  '20261124T0500-opinion-list-indexes': opinionListIndexes,
  '20261124T0510-auth-notify': authNotify,
  '20261124T0610-opinion-reception-fk': opinionReceptionFk,
  '20261124T0620-deputy-account': deputyAccount,
  '20261206T0600-suggestions': suggestions,
  '20261206T0900-suggestion-constituents': suggestionConstituents,
  '20261206T1000-projects': projects,
  '20261206T1100-duty-record': dutyRecord,
  '20261206T1200-statistics': statistics,
  '20261206T1300-projects-more': projectsMore,
  '20261206T1310-duty-more': dutyMore,
  '20261206T1320-statistics-more': statisticsMore,
  '20261206T1340-opinion-signoff': opinionSignoff,
  '20261206T1700-projects-ranked': projectsRanked,
  '20261206T1710-reception-rating': receptionRating,
  '20261206T1800-duty-unit-award': dutyUnitAward,
  '20261206T1810-statistics-facts': statisticsFacts,
  '20261207T0100-statistics-scale': statisticsScale,
  '20261207T0110-write-path': writePath,
  '20261207T0900-notify-secret-index': notifySecretIndex,
  '20261207T1800-audit-search': auditSearch,
  '20261207T1900-china-day-defaults': chinaDayDefaults,
  '20261208T0100-audit-verify-run': auditVerifyRun,
};
