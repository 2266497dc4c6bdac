import type { Action, Role } from '../../../contracts/roles.js';
import { isWithin, type Actor } from '../../platform/access/policy.js';
import type { Capacity } from './workflow.js';

/**
 * Who does what with suggestions: deputies draft, co-sign and rate (as themselves, by their linked
 * account); the district deputy affairs committee reads, reviews, numbers, assigns and supervises
 * in its subtree; handling-unit staff consult and answer what their unit was given.
 */
export const suggestionGrants: Partial<Record<Role, readonly Action[]>> = {
  districtOfficer: ['suggestion.read', 'suggestion.review'],
  deputy: ['suggestion.draft'],
  handlingUnitStaff: ['suggestion.handle'],
};

/** The parts of a suggestion that decide who may act on it. */
export interface SuggestionScope {
  orgPath: string;
  /**
   * A draft is the deputies' own: the committee does not see it until it is submitted, except a
   * draft the committee itself started for the deputy (from a hot topic), which its author reads.
   */
  draft: boolean;
  /** The account that created the suggestion. */
  createdBy?: number | null;
  leadDeputyId: number;
  /** Co-signers by state. */
  signers: { deputyId: number; state: string }[];
  /** Units of the current assignment that are still on it (not returned or withdrawn). */
  units: { unitPath: string; role: string }[];
  /** Every unit it was ever assigned to (they keep reading it). */
  everUnitPaths: string[];
}

/** In which capacities the actor (and the deputy linked to their account, if any) acts on this suggestion. */
export function capacitiesOf(actor: Actor, deputyId: number | null, s: SuggestionScope): Capacity[] {
  const out = new Set<Capacity>();
  if (deputyId !== null && actor.roles.some((g) => g.role === 'deputy')) {
    if (deputyId === s.leadDeputyId) out.add('lead');
    const signer = s.signers.find((x) => x.deputyId === deputyId);
    if (signer?.state === 'confirmed') out.add('coSigner');
    if (signer?.state === 'invited') out.add('invitee');
  }
  for (const g of actor.roles) {
    if (g.role === 'districtOfficer' && !s.draft && isWithin(s.orgPath, g.orgPath)) out.add('committee');
    if (g.role === 'handlingUnitStaff')
      for (const u of s.units)
        if (isWithin(u.unitPath, g.orgPath))
          out.add(u.role === 'lead' ? 'leadUnit' : u.role === 'co' ? 'coUnit' : 'separateUnit');
  }
  return [...out];
}

/** Whether the actor may read the suggestion at all: any capacity, a signer who declined, or a unit that once had it. */
export function canRead(actor: Actor, deputyId: number | null, s: SuggestionScope): boolean {
  if (capacitiesOf(actor, deputyId, s).length) return true;
  if (s.draft && s.createdBy === actor.userId) return true;
  if (deputyId !== null && s.signers.some((x) => x.deputyId === deputyId)) return true;
  return actor.roles.some((g) => g.role === 'handlingUnitStaff' && s.everUnitPaths.some((u) => isWithin(u, g.orgPath)));
}
