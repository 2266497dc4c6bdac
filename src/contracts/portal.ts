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
  onlineEnabled: z.boolean(),
  published: z
    .boolean()
    .meta({ description: 'false when the station has published nothing yet: no deputies, times, workflow or rules' }),
});

export const PublicStation = PublicStationSummary.extend({
  phone: z.string().nullable().meta({ description: "the station's contact phone (its organisation's)" }),
  openingHours: z.string().nullable(),
  receptionRule: z.string().nullable().meta({ description: 'the reception-day rule in words' }),
  nextReceptionDays: z.array(z.string()),
  publishedRules: z.string().nullable(),
  publishedWorkflow: z.string().nullable(),
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

/** The cancel link's token: which appointment it cancels, named for the constituent. */
export const AppointmentByTokenRequest = z.object({ token: z.string().min(20).max(100) });
export const AppointmentByToken = z.object({
  stationName: z.string(),
  day: z.string(),
  start: z.string(),
  end: z.string(),
  place: z.string().nullable(),
  deputies: z.array(z.string()),
  status: z.enum(['booked', 'cancelled', 'over']),
});

/** One cell of the month's open data; `count` null when suppressed (1–4). */
export const OpenDataCell = z.object({
  dimension: z.enum(['category', 'street', 'state', 'satisfaction']),
  code: z.string().meta({ description: 'state or rating code, category or street name' }),
  key: z.string(),
  keyEn: z.string(),
  count: z.number().nullable(),
});
export const OpenDataMonth = z.object({
  month: z.string(),
  total: z.number().nullable(),
  cells: z.array(OpenDataCell),
  satisfaction: z.object({
    rated: z.number().nullable(),
    satisfiedPercent: z
      .number()
      .nullable()
      .meta({ description: 'very/satisfied/basically satisfied of those rated; null under 5 rated' }),
  }),
});
