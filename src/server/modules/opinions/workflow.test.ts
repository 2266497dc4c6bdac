import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  opinionActionNames,
  opinionStates,
  RatingLevel,
  Tier,
  type OpinionActionName,
} from '../../../contracts/opinions.js';
import {
  allowedActions,
  applyToFacts,
  decide,
  outcomeAtClose,
  transitions,
  type Capacity,
  type OpinionFacts,
} from './workflow.js';

const capacities: Capacity[] = [
  'officer',
  'station',
  'deputy',
  'consultant',
  'leadUnit',
  'coUnit',
  'constituent',
  'system',
];
const terminal = ['closed', 'merged', 'rejected'];

const start = (contactable: boolean): OpinionFacts => ({
  state: 'registered',
  contactable,
  tier: null,
  rating: null,
  reopenCount: 0,
  fedBack: false,
  extensionPending: false,
  escalated: false,
  ratingWaitOpen: false,
});

const step = fc.record({
  action: fc.constantFrom(...(opinionActionNames as OpinionActionName[])),
  who: fc.subarray(capacities, { minLength: 1, maxLength: 2 }),
  tier: fc.constantFrom(...Tier.options),
  level: fc.constantFrom(...RatingLevel.options),
});

describe('the opinion state machine', () => {
  it('random actions by random people never reach an unknown state, never close without feedback when someone can be told, and go round at most twice', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(step, { maxLength: 60 }), (contactable, steps) => {
        let f = start(contactable);
        for (const s of steps) {
          const d = decide(f, s.action, s.who);
          if (!d.ok) {
            // A refusal changes nothing and says why.
            expect(['state', 'who', 'rule']).toContain(d.reason);
            continue;
          }
          expect(transitions[s.action].who.some((c) => s.who.includes(c))).toBe(true);
          f = applyToFacts(f, s.action, d.to, s);
          expect(opinionStates).toContain(f.state);
          if (f.state === 'closed') {
            expect(f.fedBack || !f.contactable).toBe(true);
            if (f.rating && ['dissatisfied', 'veryDissatisfied'].includes(f.rating)) expect(f.reopenCount).toBe(1);
          }
          expect(f.reopenCount).toBeLessThanOrEqual(1);
        }
        // Terminal states accept only the suggestion link (a seam, not a state change).
        if (terminal.includes(f.state))
          for (const a of opinionActionNames as OpinionActionName[])
            if (a !== 'linkSuggestion') expect(decide(f, a, capacities).ok).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it('names the state when an action does not fit it', () => {
    const d = decide(start(true), 'accept', ['leadUnit']);
    expect(d).toEqual({ ok: false, reason: 'state', state: 'registered' });
  });

  it('keeps a handling unit out of the working committee’s steps', () => {
    const triaged = { ...start(true), state: 'triaged' as const };
    expect(decide(triaged, 'assign', ['leadUnit', 'coUnit'])).toEqual({ ok: false, reason: 'who' });
    expect(decide(triaged, 'assign', ['officer']).ok).toBe(true);
  });

  it('a dissatisfied rating reopens once; the second one closes as dissatisfied after review', () => {
    let f: OpinionFacts = { ...start(true), state: 'fedBack', fedBack: true };
    f = applyToFacts(f, 'rate', 'rated', { level: 'dissatisfied' });
    expect(decide(f, 'close', ['officer'])).toEqual({ ok: false, reason: 'rule', rule: 'OPINION_REVIEW_FIRST' });
    expect(allowedActions(f, ['officer'])).toContain('reassign');
    f = applyToFacts(f, 'reassign', 'assigned');
    f = { ...f, state: 'fedBack', fedBack: true };
    f = applyToFacts(f, 'rate', 'rated', { level: 'veryDissatisfied' });
    expect(decide(f, 'reassign', ['officer'])).toEqual({ ok: false, reason: 'rule', rule: 'OPINION_NOT_DISSATISFIED' });
    expect(decide(f, 'close', ['officer']).ok).toBe(true);
    expect(outcomeAtClose(f)).toBe('dissatisfiedAfterReview');
  });

  it('an answered opinion closes without feedback only when nobody can be told', () => {
    const answered = (contactable: boolean) => ({ ...start(contactable), state: 'answered' as const });
    expect(decide(answered(true), 'close', ['station'])).toEqual({
      ok: false,
      reason: 'rule',
      rule: 'OPINION_CONTACTABLE',
    });
    expect(decide(answered(false), 'close', ['station']).ok).toBe(true);
    expect(outcomeAtClose(answered(false))).toBe('noContact');
  });

  it('a fed-back opinion closes unrated only once the constituent’s time to rate is over', () => {
    const fedBack = { ...start(true), state: 'fedBack' as const, fedBack: true };
    expect(decide({ ...fedBack, ratingWaitOpen: true }, 'close', ['officer', 'station'])).toEqual({
      ok: false,
      reason: 'rule',
      rule: 'OPINION_RATING_WAIT',
    });
    // Meanwhile the constituent (or the officer after a call) may rate it.
    expect(decide({ ...fedBack, ratingWaitOpen: true }, 'rate', ['constituent']).ok).toBe(true);
    expect(decide(fedBack, 'close', ['station']).ok).toBe(true);
    expect(outcomeAtClose(fedBack)).toBe('unrated');
  });

  it('escalates only what is beyond the street', () => {
    const triaged = (tier: 'street' | 'district') => ({ ...start(true), state: 'triaged' as const, tier });
    expect(decide(triaged('street'), 'escalate', ['officer'])).toMatchObject({
      ok: false,
      rule: 'OPINION_TIER_REQUIRED',
    });
    expect(decide(triaged('district'), 'escalate', ['officer'])).toEqual({ ok: true, to: 'escalated' });
  });
});
