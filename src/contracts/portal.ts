import { z } from 'zod';
import { Id, IdParam, Phone } from './common.js';
import { DeputyLevel } from './deputies.js';
import { RegisterResult } from './opinions.js';

const optText = (max: number) => z.string().trim().max(max).nullable().optional();

/**
 * What a constituent sends from the portal (as JSON, or as the `data` field of a multipart form
 * with up to 6 `photo` files). A phone needs the token of a verified one-time code.
 */
export const PublicSubmission = z
  .object({
    stationId: Id,
    deputyId: Id.nullable().optional().meta({ description: '“message this deputy” (the online station)' }),
    via: z.enum(['online', 'qrCode']).default('online'),
    content: z.string().trim().min(1).max(5000),
    categoryId: Id.nullable().optional(),
    location: optText(200),
    anonymous: z.boolean().default(false),
    name: optText(50),
    phone: Phone.nullable().optional(),
    phoneToken: z.string().max(2000).nullable().optional().meta({ description: 'from POST /api/otp/verify' }),
    consent: z.literal(true, { message: '请阅读并同意个人信息保护说明|Please read and accept the privacy notice' }),
    altcha: z.string().min(1).max(4000).meta({ description: 'the solved proof-of-work (GET /api/public/altcha)' }),
    idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  })
  .refine((s) => s.anonymous || !!s.name || !!s.phone, {
    message: '请填写姓名或电话，或选择匿名|Give a name or a phone number, or choose anonymous',
    path: ['name'],
  });
export type PublicSubmission = z.infer<typeof PublicSubmission>;

export const PublicSubmissionResult = RegisterResult.extend({
  followUrl: z.string(),
  photos: z.number(),
});

export const AltchaChallenge = z.object({
  algorithm: z.string(),
  challenge: z.string(),
  maxnumber: z.number().optional(),
  salt: z.string(),
  signature: z.string(),
});

export const PublicDeputy = z.object({
  id: z.number(),
  name: z.string(),
  levels: z.array(DeputyLevel),
  occupation: z.string().nullable(),
  publicContact: z.string().nullable(),
  photoUrl: z.string().nullable(),
  isHead: z.boolean().optional(),
  stations: z.array(z.object({ id: z.number(), name: z.string() })).optional(),
});

export const PublicStationSummary = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.string(),
  address: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  regionCode: z.string().nullable(),
  distanceKm: z.number().nullable(),
});

export const PublicStation = PublicStationSummary.extend({
  openingHours: z.string().nullable(),
  receptionRule: z.string().nullable().meta({ description: 'the reception-day rule in words' }),
  nextReceptionDays: z.array(z.string()),
  publishedRules: z.string().nullable(),
  publishedWorkflow: z.string().nullable(),
  onlineEnabled: z.boolean(),
  photos: z.array(z.string()),
  deputies: z.array(PublicDeputy),
  stats: z.object({
    year: z.number(),
    received: z.number(),
    answered: z.number(),
    satisfaction: z.number().nullable(),
  }),
});

export const StationsNearQuery = z.object({
  region: z
    .string()
    .regex(/^[0-9]{6,12}$/)
    .optional(),
  q: z.string().trim().max(50).optional(),
  lat: z.coerce.number().min(-90).max(90).optional(),
  lng: z.coerce.number().min(-180).max(180).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

export const PublicIdParams = z.object({ id: IdParam });
