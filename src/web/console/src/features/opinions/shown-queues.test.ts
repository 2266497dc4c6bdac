import { describe, expect, it } from 'vitest';
import { shownQueues } from './values.js';

describe('the to-do queues shown on the home (count cards and lists alike)', () => {
  it("are the user's own queues and any other holding something, in the loop's order", () => {
    const unit = { roles: [{ role: 'handlingUnitStaff' }], abilities: [] } as never;
    expect(shownQueues(unit, [])).toEqual([
      { queue: 'toAccept', count: 0 },
      { queue: 'toRespond', count: 0 },
    ]);
    expect(
      shownQueues(unit, [
        { queue: 'toRespond', count: 2 },
        { queue: 'toSort', count: 1 },
        { queue: 'toClose', count: 0 },
      ]),
    ).toEqual([
      { queue: 'toSort', count: 1 },
      { queue: 'toAccept', count: 0 },
      { queue: 'toRespond', count: 2 },
    ]);
    const desk = { roles: [{ role: 'liaisonOfficer' }], abilities: ['opinion.ledger'] } as never;
    expect(shownQueues(desk, []).map((q) => q.queue)).toEqual(['toSort', 'toFeedBack', 'toRate', 'toClose']);
  });
});
