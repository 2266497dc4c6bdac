// The columns of the rollups. The migration declares the same columns; the rollup code sums these.

/** Handling-time buckets, in days: bucket k (h{k}) holds times ≥ bucketDays[k-1] and < bucketDays[k]. */
export const bucketDays = [1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 15, 20, 30, 45, 60] as const;
/** The same bounds in minutes, as the facts measure them. */
export const bucketMinutes = bucketDays.map((d) => d * 1440);
export const histColumns = Array.from({ length: bucketDays.length + 1 }, (_, i) => `h${i}`);

/** Sums per opinion (the opinion, street, station, category, channel and deputy rollups). */
export const opinionMeasures = [
  'received',
  'assigned',
  'response_due',
  'accepted_in_time',
  'due',
  'on_time',
  'overdue_open',
  'due_soon',
  'feedback_due',
  'fed_back',
  'rated',
  'rated_positive',
  'rated_very_satisfied',
  'rated_satisfied',
  'rated_basically',
  'rated_dissatisfied',
  'rated_very_dissatisfied',
  'unrated_closed',
  'result_due',
  'solved',
  'answered_on_spot',
  'closed',
  'handled',
  'handling_minutes',
  'returns',
  'extensions',
] as const;
export type OpinionMeasure = (typeof opinionMeasures)[number];

/** Sums per lead assignment (a handling unit's own figures). */
export const unitMeasures = [
  'assignments',
  'response_due',
  'accepted_in_time',
  'due',
  'on_time',
  'overdue_open',
  'due_soon',
  'result_due',
  'solved',
  'handled',
  'handling_minutes',
  'returns',
  'extensions',
] as const;
export type UnitMeasure = (typeof unitMeasures)[number];

/** Every summed column of a rollup kind, histogram included. */
export const summed = {
  opinion: [...opinionMeasures, ...histColumns],
  unit: [...unitMeasures, ...histColumns],
} as const;
