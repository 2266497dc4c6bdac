import type { CompositionProblem } from '../../../contracts/stations.js';

/** What the documents require of a station (DESIGN.md "Rules the documents set"). */
export interface StationFacts {
  servingDeputies: number;
  hasHead: boolean;
  liaisonOfficers: number;
  address: string | null;
  openingHours: string | null;
  receptionRule: string | null;
  hasReceptionSchedule: boolean;
  publishedRules: string | null;
  publishedWorkflow: string | null;
}

const blank = (v: string | null) => !v || !v.trim();

/** Every way a station falls short: ≥ 2 deputies, a deputy as head, a liaison officer, complete published information. */
export function compositionProblems(f: StationFacts): CompositionProblem[] {
  const problems: CompositionProblem[] = [];
  if (f.servingDeputies < 2) problems.push('tooFewDeputies');
  if (!f.hasHead) problems.push('noHead');
  if (f.liaisonOfficers < 1) problems.push('noLiaisonOfficer');
  if (blank(f.address)) problems.push('missingAddress');
  if (blank(f.openingHours)) problems.push('missingOpeningHours');
  if (blank(f.receptionRule) && !f.hasReceptionSchedule) problems.push('missingReceptionRule');
  if (blank(f.publishedRules)) problems.push('missingRules');
  if (blank(f.publishedWorkflow)) problems.push('missingWorkflow');
  return problems;
}
