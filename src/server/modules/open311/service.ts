import crypto from 'node:crypto';
import { sql } from 'kysely';
import { stateLabels, type OpinionState } from '../../../contracts/opinions.js';
import { inTransaction } from '../../db/database.js';
import { authorize, inScope, type Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { AppError } from '../../platform/errors/errors.js';
import { normalizePhone } from '../../platform/text/personal-data.js';
import {
  activeSubcategories,
  activeSubcategoryByCode,
  open311Opinions,
  type Open311OpinionFilter,
} from '../opinions/public-view.js';
import { registerInTx } from '../opinions/registration.js';
import { nearestOnlineStation } from '../stations/public-view.js';

/** An Open311 failure: the spec's error code (an HTTP status) and a description. */
export class Open311Error extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
  ) {
    super(description);
  }
}

const digest = (key: string) => crypto.createHash('sha256').update(key).digest('hex');

/** Issues an API key for an Open311 client (shown once; only its digest is kept). */
export async function issueKey(p: Platform, ctx: RequestContext, actor: Actor, input: { name: string; orgId: number }) {
  const org = await p.db
    .selectFrom('organization')
    .select(['id', 'path'])
    .where('id', '=', input.orgId)
    .executeTakeFirst();
  if (!org) throw new AppError('NOT_FOUND');
  authorize(actor, 'open311.manage', { orgPath: org.path }, 'org.read');
  const key = `o311_${crypto.randomBytes(24).toString('base64url')}`;
  return inTransaction(p.db, async (trx) => {
    const row = await trx
      .insertInto('open311_key')
      .values({
        name: input.name,
        key_digest: digest(key),
        key_hint: key.slice(-4),
        org_id: org.id,
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await p.audit.record(trx, ctx, {
      action: 'open311.issueKey',
      subjectType: 'open311Key',
      subjectId: row.id,
      summary: { name: input.name, orgId: org.id },
    });
    return { id: row.id, key };
  });
}

/** The keys in the actor's scope (hints only). */
export async function listKeys(p: Platform, actor: Actor) {
  authorize(actor, 'open311.manage');
  const rows = await p.db
    .selectFrom('open311_key as k')
    .innerJoin('organization as o', 'o.id', 'k.org_id')
    .select(['k.id', 'k.name', 'k.key_hint', 'o.name as org_name', 'k.created_at', 'k.revoked_at'])
    .where(inScope(actor, 'open311.manage', sql.ref('o.path')))
    .orderBy('k.id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    hint: `…${r.key_hint}`,
    orgName: r.org_name,
    createdAt: r.created_at.toISOString(),
    revokedAt: r.revoked_at?.toISOString() ?? null,
  }));
}

/** Revokes a key: its client's requests are refused from now on. */
export async function revokeKey(p: Platform, ctx: RequestContext, actor: Actor, id: number) {
  return inTransaction(p.db, async (trx) => {
    const k = await trx
      .selectFrom('open311_key as k')
      .innerJoin('organization as o', 'o.id', 'k.org_id')
      .select(['k.id', 'o.path', 'k.revoked_at'])
      .where('k.id', '=', id)
      .executeTakeFirst();
    if (!k) throw new AppError('NOT_FOUND');
    authorize(actor, 'open311.manage', { orgPath: k.path }, 'org.read');
    if (!k.revoked_at)
      await trx.updateTable('open311_key').set({ revoked_at: new Date() }).where('id', '=', id).execute();
    await p.audit.record(trx, ctx, { action: 'open311.revokeKey', subjectType: 'open311Key', subjectId: id });
  });
}

/**
 * The demo's key: derived from the master secret, so it is the same at every start and can be
 * printed each time (`Open311 API key: …`); registered on the top organisation once.
 */
export async function ensureDemoKey(p: Platform): Promise<string | null> {
  const root = await p.db
    .selectFrom('organization')
    .select('id')
    .where('parent_id', 'is', null)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  if (!root) return null;
  const key = `o311_demo_${crypto.createHmac('sha256', p.keys.fields).update('open311-demo-key').digest('base64url').slice(0, 32)}`;
  await p.db
    .insertInto('open311_key')
    .values({ name: 'demo', key_digest: digest(key), key_hint: key.slice(-4), org_id: root.id })
    .onConflict((oc) => oc.column('key_digest').doNothing())
    .execute();
  return key;
}

/** GET services: the subcategories of the opinion tree, in the spec's shape. */
export async function services(p: Platform) {
  const rows = await activeSubcategories(p.db);
  return rows.map((r) => ({
    service_code: r.code,
    service_name: r.name,
    description: r.name_en,
    metadata: false,
    type: 'realtime',
    keywords: r.keywords.join(','),
    group: r.group,
  }));
}

/** GET services/{code}: no extra attributes are asked for any service. */
export async function serviceDefinition(p: Platform, code: string) {
  const c = await activeSubcategoryByCode(p.db, code);
  if (!c) throw new Open311Error(404, `service_code ${code} not found`);
  return { service_code: c.code, attributes: [] as unknown[] };
}

const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/**
 * POST requests: a client's report becomes an opinion of the nearest station under the key's
 * organisation (or the first one, without coordinates), registered like any other.
 */
export async function createRequest(p: Platform, form: Record<string, unknown>) {
  const apiKey = str(form.api_key);
  const key = apiKey
    ? await p.db
        .selectFrom('open311_key as k')
        .innerJoin('organization as o', 'o.id', 'k.org_id')
        .select(['k.id', 'o.path'])
        .where('k.key_digest', '=', digest(apiKey))
        .where('k.revoked_at', 'is', null)
        .executeTakeFirst()
    : undefined;
  if (!key) throw new Open311Error(403, 'api_key is missing or invalid');
  const code = str(form.service_code);
  if (!code) throw new Open311Error(400, 'service_code is required');
  const category = await activeSubcategoryByCode(p.db, code);
  if (!category) throw new Open311Error(404, `service_code ${code} not found`);
  const lat = str(form.lat) !== undefined ? Number(form.lat) : undefined;
  const long = str(form.long) !== undefined ? Number(form.long) : undefined;
  const address = str(form.address_string) ?? str(form.address_id);
  if (
    (lat === undefined) !== (long === undefined) ||
    (lat !== undefined && (!(Math.abs(lat) <= 90) || !(Math.abs(long!) <= 180)))
  )
    throw new Open311Error(400, 'lat and long must be given together, as numbers');
  if (lat === undefined && !address)
    throw new Open311Error(400, 'a location is required: lat and long, or address_string');
  const description = str(form.description);
  if (!description) throw new Open311Error(400, 'description is required');
  if (description.length > 5000) throw new Open311Error(400, 'description must be at most 5000 characters');
  if (address && address.length > 200) throw new Open311Error(400, 'address_string must be at most 200 characters');
  const typedPhone = str(form.phone);
  const phone = typedPhone === undefined ? undefined : normalizePhone(typedPhone);
  if (phone && !/^\+?[0-9]{7,20}$/.test(phone)) throw new Open311Error(400, 'phone is not a phone number');
  const name = [str(form.last_name), str(form.first_name)].filter(Boolean).join('') || undefined;
  if (name && name.length > 50)
    throw new Open311Error(400, 'first_name and last_name must be at most 50 characters together');
  const stationId = await nearestOnlineStation(p.db, key.path, lat !== undefined ? { lat, long: long! } : null);
  if (stationId === undefined) throw new Open311Error(400, 'no station takes requests for this api_key');
  const token = crypto.randomUUID();
  const r = await inTransaction(p.db, async (trx) => {
    const reg = await registerInTx(
      trx,
      p,
      {
        orgId: stationId,
        channel: 'online',
        content: description,
        location: address ?? null,
        categoryId: category.id,
        deputyIds: [],
        constituent:
          name || phone ? { anonymous: false, name: name ?? null, phone: phone ?? null } : { anonymous: true },
      },
      { kind: 'constituent' },
    );
    await trx
      .insertInto('open311_request')
      .values({
        opinion_id: reg.id,
        key_id: key.id,
        token,
        service_code: code,
        lat: lat ?? null,
        long: long ?? null,
        address: address ?? null,
        device_id: str(form.device_id)?.slice(0, 100) ?? null,
        account_id: str(form.account_id)?.slice(0, 100) ?? null,
        media_url: str(form.media_url)?.slice(0, 500) ?? null,
      })
      .execute();
    return reg;
  });
  return [
    {
      service_request_id: r.receiptCode,
      service_notice: '已受理，将按规定时限办理并反馈。Received; it will be handled and answered within the set time.',
      account_id: str(form.account_id) ?? null,
      token,
    },
  ];
}

const CLOSED: OpinionState[] = ['closed', 'rejected', 'merged'];

/** Open311's own columns of a request. */
function requestRows(p: Platform) {
  return p.db.selectFrom('open311_request').select(['opinion_id', 'address', 'lat', 'long', 'media_url', 'token']);
}

/**
 * Requests made through Open311, in the spec's shape (the opinions of other channels stay private):
 * the opinions found, in their order, each with its request; those without one are left out.
 */
async function withRequests(p: Platform, opinions: Awaited<ReturnType<typeof open311Opinions>>) {
  if (!opinions.length) return [];
  const requests = await requestRows(p)
    .where(
      'opinion_id',
      'in',
      opinions.map((o) => o.id),
    )
    .execute();
  const byOpinion = new Map(requests.map((r) => [r.opinion_id, r]));
  return opinions.flatMap((o) => {
    const r = byOpinion.get(o.id);
    return r ? [{ ...o, ...r }] : [];
  });
}
type RequestRow = Awaited<ReturnType<typeof withRequests>>[number];

function present(r: RequestRow) {
  const state = r.state as OpinionState;
  return {
    service_request_id: r.receipt_code.replace(/^(.{5})/, '$1-'),
    status: CLOSED.includes(state) ? 'closed' : 'open',
    status_notes: r.notes ?? stateLabels[state].zh,
    service_name: r.service_name,
    service_code: r.service_code,
    description: r.content,
    agency_responsible: r.agency ?? null,
    service_notice: null,
    requested_datetime: r.created_at.toISOString(),
    updated_datetime: r.updated_at.toISOString(),
    expected_datetime: r.deadline ? `${r.deadline}T18:00:00+08:00` : null,
    address: r.address,
    address_id: null,
    zipcode: null,
    lat: r.lat,
    long: r.long,
    media_url: r.media_url,
  };
}

const receipt = (id: string) => id.toUpperCase().replace(/[\s-]/g, '');

/** GET requests with the spec's filters; newest first, at most 1000 (the spec's default window: 90 days). */
export async function listRequests(p: Platform, q: Record<string, string | undefined>) {
  const filter: Open311OpinionFilter = {};
  if (q.service_request_id) {
    const ids = q.service_request_id.split(',').map(receipt).filter(Boolean).slice(0, 100);
    return (await withRequests(p, await open311Opinions(p.db, { receiptCodes: ids.length ? ids : ['-'] }))).map(
      present,
    );
  }
  if (q.service_code) filter.categoryCodes = q.service_code.split(',').slice(0, 50);
  if (q.status) {
    const wanted = q.status.split(',');
    const bad = wanted.find((s) => s !== 'open' && s !== 'closed');
    if (bad) throw new Open311Error(400, `status must be open or closed, not ${bad}`);
    if (wanted.length === 1) {
      if (wanted[0] === 'closed') filter.stateIn = CLOSED;
      else filter.stateNotIn = CLOSED;
    }
  }
  const date = (name: string, v: string | undefined) => {
    if (v === undefined) return undefined;
    const d = new Date(v);
    if (Number.isNaN(d.getTime())) throw new Open311Error(400, `${name} must be a w3c date-time`);
    return d;
  };
  const end = date('end_date', q.end_date) ?? new Date();
  const start = date('start_date', q.start_date) ?? new Date(end.getTime() - 90 * 86_400_000);
  filter.createdFrom = start;
  filter.createdTo = end;
  // Only opinions that came through Open311, newest first.
  filter.only = (opinionId) => sql<boolean>`EXISTS (SELECT 1 FROM open311_request r WHERE r.opinion_id = ${opinionId})`;
  filter.newest = 1000;
  return (await withRequests(p, await open311Opinions(p.db, filter))).map(present);
}

/** GET requests/{id}. */
export async function getRequest(p: Platform, id: string) {
  const [r] = await withRequests(p, await open311Opinions(p.db, { receiptCodes: [receipt(id)] }));
  if (!r) throw new Open311Error(404, `service_request_id ${id} not found`);
  return [present(r)];
}

/** GET tokens/{token}. */
export async function requestByToken(p: Platform, token: string) {
  const request = await requestRows(p).where('token', '=', token).executeTakeFirst();
  const [r] = request
    ? await withRequests(
        p,
        await open311Opinions(p.db, { only: (opinionId) => sql<boolean>`${opinionId} = ${request.opinion_id}` }),
      )
    : [];
  if (!r) throw new Open311Error(404, `token ${token} not found`);
  return [{ service_request_id: present(r).service_request_id, token: r.token }];
}
