// Types of the public API, from the shared contracts (types only: no zod in the portal's bundle).
import type { z } from 'zod';
import type { PublicOpinion as PublicOpinionSchema } from '../../../../contracts/opinions.js';
import type {
  PublicDeputy as PublicDeputySchema,
  PublicStation as PublicStationSchema,
  PublicStationSummary as PublicStationSummarySchema,
  PublicSubmissionResult as PublicSubmissionResultSchema,
} from '../../../../contracts/portal.js';

export type PublicStation = z.infer<typeof PublicStationSchema>;
export type PublicStationSummary = z.infer<typeof PublicStationSummarySchema>;
export type PublicDeputy = z.infer<typeof PublicDeputySchema>;
export type PublicSubmissionResult = z.infer<typeof PublicSubmissionResultSchema>;
export type PublicOpinion = z.infer<typeof PublicOpinionSchema>;
export type RatingLevel = NonNullable<PublicOpinion['rating']>;
export interface Category {
  id: number;
  parentId: number | null;
  name: string;
  nameEn: string;
}
export interface Region {
  code: string;
  name: string;
  level: string;
}
