import type {
  Channel,
  FeedbackChannel,
  Me,
  OpinionActionName,
  OpinionState,
  RatingLevel,
  ResultType,
  SupervisionLevel,
  Tier,
  TodoQueue,
  Urgency,
} from '../../app/contracts.js';

/*
 * The enumerations of the opinion contracts, as plain lists for the console (the contracts are
 * imported as types only, so that zod stays out of the browser bundle). `satisfies` keeps them
 * in step: a value the contract does not know fails the type check.
 */

export const opinionStates = [
  'registered',
  'triaged',
  'answered',
  'assigned',
  'inProgress',
  'responded',
  'fedBack',
  'rated',
  'closed',
  'merged',
  'rejected',
  'escalated',
] as const satisfies readonly OpinionState[];

export const channels = [
  'reception',
  'online',
  'qrCode',
  'phone',
  'visit',
  'letter',
  'informant',
] as const satisfies readonly Channel[];

export const tiers = ['street', 'district', 'higher'] as const satisfies readonly Tier[];
export const urgencies = ['normal', 'urgent'] as const satisfies readonly Urgency[];
export const ratingLevels = [
  'verySatisfied',
  'satisfied',
  'basicallySatisfied',
  'dissatisfied',
  'veryDissatisfied',
] as const satisfies readonly RatingLevel[];
export const resultTypes = [
  'solved',
  'beingSolved',
  'explained',
  'cannotSolve',
] as const satisfies readonly ResultType[];
export const feedbackChannels = [
  'sms',
  'phone',
  'letter',
  'inPerson',
  'online',
] as const satisfies readonly FeedbackChannel[];
export const supervisionLevels = [
  'reminder',
  'supervision',
  'escalation',
] as const satisfies readonly SupervisionLevel[];

export const todoQueues = [
  'toSort',
  'toAssign',
  'toAccept',
  'toRespond',
  'toDecide',
  'toFeedBack',
  'toRate',
  'toReview',
  'toClose',
] as const satisfies readonly TodoQueue[];

/** In the order the loop runs: the buttons on an opinion's page follow it. */
export const actionOrder = [
  'triage',
  'answer',
  'assign',
  'accept',
  'return',
  'respond',
  'requestExtension',
  'decideExtension',
  'supervise',
  'feedback',
  'rate',
  'reassign',
  'close',
  'merge',
  'escalate',
  'linkSuggestion',
  'reject',
] as const satisfies readonly OpinionActionName[];

export function isActionName(value: string): value is OpinionActionName {
  return (actionOrder as readonly string[]).includes(value);
}

export function isTodoQueue(value: string): value is TodoQueue {
  return (todoQueues as readonly string[]).includes(value);
}

/** Tag colours by state: open work blue/orange, handled green, ended grey, refused red. */
export const stateColors: Record<OpinionState, string> = {
  registered: 'blue',
  triaged: 'geekblue',
  answered: 'cyan',
  assigned: 'orange',
  inProgress: 'gold',
  responded: 'lime',
  fedBack: 'green',
  rated: 'green',
  closed: 'default',
  merged: 'default',
  rejected: 'red',
  escalated: 'purple',
};

export const supervisionColors: Record<SupervisionLevel, string> = {
  reminder: 'gold',
  supervision: 'orange',
  escalation: 'red',
};

/**
 * The queues a user works, from their roles (the server counts the same way): the desks of the
 * loop sort, feed back, rate and close; street and district officers assign and decide
 * extensions; handling units accept and respond.
 */
export function myQueues(me: Pick<Me, 'roles' | 'abilities'>): Set<TodoQueue> {
  const mine = new Set<TodoQueue>();
  const roles = new Set(me.roles.map((r) => r.role));
  if (me.abilities.includes('opinion.ledger'))
    for (const q of ['toSort', 'toFeedBack', 'toRate', 'toClose'] as const) mine.add(q);
  if (roles.has('streetOfficer') || roles.has('districtOfficer') || roles.has('streetHead')) {
    mine.add('toAssign');
    mine.add('toDecide');
    mine.add('toReview');
  }
  if (roles.has('handlingUnitStaff')) {
    mine.add('toAccept');
    mine.add('toRespond');
  }
  return mine;
}

/**
 * The to-do queues shown to a user, with their counts, in the loop's order: those they work and any
 * other that happens to hold something. The home's count cards and its lists both show these.
 */
export function shownQueues(
  me: Pick<Me, 'roles' | 'abilities'>,
  counts: readonly { queue: TodoQueue; count: number }[],
): { queue: (typeof todoQueues)[number]; count: number }[] {
  const mine = myQueues(me);
  const byQueue = new Map(counts.map((q) => [q.queue, q.count]));
  return todoQueues
    .map((queue) => ({ queue, count: byQueue.get(queue) ?? 0 }))
    .filter((q) => mine.has(q.queue) || q.count > 0);
}
