import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { DeputyLevel } from '../../src/contracts/deputies.js';
import {
  OpinionAction,
  RegisterOpinion,
  type OpinionActionName,
  type OpinionState,
  type RatingLevel,
} from '../../src/contracts/opinions.js';
import type { ReceptionRule } from '../../src/contracts/reception-rule.js';
import type { ReceptionMode } from '../../src/contracts/receptions.js';
import type { Role } from '../../src/contracts/roles.js';
import { inTransaction } from '../../src/server/db/database.js';
import { rateByConstituent } from '../../src/server/modules/opinions/public.js';
import { registerInTx } from '../../src/server/modules/opinions/registration.js';
import { actOnOpinion } from '../../src/server/modules/opinions/steps.js';
import { hourlySlots } from '../../src/server/modules/receptions/plan.js';
import { insertParts, publishInTx } from '../../src/server/modules/receptions/schedule.js';
import type { Actor } from '../../src/server/platform/access/policy.js';
import type { RequestContext } from '../../src/server/platform/audit/audit.js';
import { hashPassword } from '../../src/server/platform/auth/passwords.js';
import { addDays, chinaToday } from '../../src/server/platform/calendar/dates.js';
import type { Platform } from '../../src/server/platform/context.js';
import { maskPhone } from '../../src/server/platform/text/personal-data.js';
import { pinyinKeys } from '../../src/server/platform/text/pinyin.js';

export const PASSWORD = 'Test#Pass2026';
let hashed: Promise<string> | undefined;

export interface OrgRef {
  id: number;
  path: string;
  name: string;
}

async function org(p: Platform, name: string, kind: string, parent: OrgRef | null): Promise<OrgRef> {
  const { id } = await p.db
    .insertInto('organization')
    .values({
      name,
      kind,
      parent_id: parent?.id ?? null,
      name_sort: pinyinKeys(name).sort,
      path: sql<string>`'0'::ltree`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const path = parent ? `${parent.path}.${id}` : String(id);
  await p.db.updateTable('organization').set({ path }).where('id', '=', id).execute();
  return { id, path, name };
}

/** Creates a staff user holding `role` on `roleOrg` (default: their own organisation). */
export async function createUser(
  p: Platform,
  home: OrgRef,
  role: Role | null,
  opts: { username?: string; roleOrg?: OrgRef; mustChangePassword?: boolean } = {},
) {
  hashed ??= hashPassword(PASSWORD);
  const username = opts.username ?? `${role ?? 'user'}-${crypto.randomBytes(4).toString('hex')}`.toLowerCase();
  const { id } = await p.db
    .insertInto('app_user')
    .values({
      username,
      display_name: `测试${username.slice(0, 20)}`,
      org_id: home.id,
      password_hash: await hashed,
      must_change_password: opts.mustChangePassword ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (role)
    await p.db
      .insertInto('user_role')
      .values({ user_id: id, role, org_id: (opts.roleOrg ?? home).id })
      .execute();
  return { id, username };
}

/**
 * A fresh district of its own: the standing committee with two streets (each with a working
 * committee, a street office and a station), and one user of every role.
 */
export async function createDistrict(p: Platform) {
  const tag = crypto.randomBytes(3).toString('hex');
  const root = await org(p, `测试区人大常委会${tag}`, 'standingCommittee', null);
  const streetA = await org(p, `甲街道人大工委${tag}`, 'streetWorkingCommittee', root);
  const officeA = await org(p, `甲街道办事处${tag}`, 'streetOffice', streetA);
  const stationA = await org(p, `甲街道联络站${tag}`, 'station', streetA);
  const streetB = await org(p, `乙街道人大工委${tag}`, 'streetWorkingCommittee', root);
  const stationB = await org(p, `乙街道联络站${tag}`, 'station', streetB);
  const users = {
    admin: await createUser(p, root, 'admin'),
    securityAdmin: await createUser(p, root, 'securityAdmin'),
    auditor: await createUser(p, root, 'auditor'),
    districtOfficer: await createUser(p, root, 'districtOfficer'),
    streetOfficerA: await createUser(p, streetA, 'streetOfficer'),
    streetOfficerB: await createUser(p, streetB, 'streetOfficer'),
    stationHeadA: await createUser(p, stationA, 'stationHead'),
    liaisonOfficerA: await createUser(p, stationA, 'liaisonOfficer'),
    deputyA: await createUser(p, stationA, 'deputy'),
    unitStaffA: await createUser(p, officeA, 'handlingUnitStaff'),
    consultantA: await createUser(p, officeA, 'consultant'),
    liaisonOfficerB: await createUser(p, stationB, 'liaisonOfficer'),
  };
  return { orgs: { root, streetA, officeA, stationA, streetB, stationB }, users };
}

export type District = Awaited<ReturnType<typeof createDistrict>>;
export interface UserRef {
  id: number;
  username: string;
}
export interface DeputyRef {
  id: number;
  name: string;
}

let serial = 0;
/** A name no other row of this test run has (pinyin sort keys need Chinese, not hex). */
const unique = (prefix: string) => `${prefix}${'甲乙丙丁戊己庚辛壬癸'[serial % 10]}${++serial}`;

/** The actor a signed-in user would be: their roles with the paths of the organisations they are held on. */
export async function actorOf(p: Platform, user: { id: number }): Promise<Actor> {
  const u = await p.db
    .selectFrom('app_user')
    .select(['id', 'username', 'display_name', 'org_id'])
    .where('id', '=', user.id)
    .executeTakeFirstOrThrow();
  const roles = await p.db
    .selectFrom('user_role as r')
    .innerJoin('organization as o', 'o.id', 'r.org_id')
    .select(['r.role', 'r.org_id', 'o.path', 'o.kind'])
    .where('r.user_id', '=', u.id)
    .execute();
  return {
    userId: u.id,
    username: u.username,
    displayName: u.display_name,
    orgId: u.org_id,
    sessionId: 'factory',
    roles: roles.map((r) => ({ role: r.role as Role, orgId: r.org_id, orgPath: r.path, orgKind: r.kind })),
  };
}

export const contextOf = (actor: Actor | null): RequestContext => ({
  actor: actor ? { userId: actor.userId, username: actor.username } : null,
  requestId: 'factory',
  ip: null,
  userAgent: null,
});

/**
 * A deputy registered with the street's working committee (default `streetA`), at `levels`
 * (default county); with `station`, a member of it (`head`: its head).
 */
export async function createDeputy(
  p: Platform,
  d: District,
  opts: {
    name?: string;
    levels?: readonly z.infer<typeof DeputyLevel>[];
    org?: OrgRef;
    station?: OrgRef;
    head?: boolean;
    status?: 'serving' | 'ended' | 'resigned' | 'terminated';
    /** Private phone (sealed, masked and indexed as the deputies module keeps it). */
    phone?: string;
    leadingCadre?: boolean;
    /** The staff account the deputy signs in with. */
    user?: { id: number };
  } = {},
): Promise<DeputyRef> {
  const name = opts.name ?? unique('代表');
  const keys = pinyinKeys(name);
  const { id } = await p.db
    .insertInto('deputy')
    .values({
      org_id: (opts.org ?? d.orgs.streetA).id,
      name,
      name_initials: keys.initials,
      name_sort: keys.sort,
      election: 'direct',
      status: opts.status ?? 'serving',
      is_leading_cadre: opts.leadingCadre ?? false,
      private_phone_sealed: opts.phone ? p.fields.encrypt(opts.phone) : null,
      private_phone_masked: opts.phone ? maskPhone(opts.phone) : null,
      private_phone_digest: opts.phone ? p.fields.blindIndex(opts.phone) : null,
      user_id: opts.user?.id ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await p.db
    .insertInto('deputy_level')
    .values([...new Set(opts.levels ?? ['county'])].map((level) => ({ deputy_id: id, level })))
    .execute();
  if (opts.station) {
    if (opts.head)
      await p.db
        .updateTable('station_member')
        .set({ is_head: false })
        .where('station_id', '=', opts.station.id)
        .execute();
    await p.db
      .insertInto('station_member')
      .values({ station_id: opts.station.id, deputy_id: id, is_head: opts.head ?? false })
      .execute();
  }
  return { id, name };
}

const defaultSchedule: ReceptionRule = { kind: 'monthlyDay', day: 15, time: { start: '09:00', end: '11:30' } };

/**
 * A station as the documents want it: address, opening hours, a reception-day rule (default the
 * 15th of every month, 09:00–11:30), published rules and workflow, `members` serving deputies
 * (default 2, the first its head). `org` describes an existing station organisation (e.g.
 * `d.orgs.stationA`, where the district's liaison officer works); otherwise a new one under
 * `parent` (default `streetA`) with a liaison officer of its own.
 */
export async function createStation(
  p: Platform,
  d: District,
  opts: {
    org?: OrgRef;
    parent?: OrgRef;
    kind?: 'home' | 'workstation' | 'liaisonRoom' | 'professional';
    members?: number;
    schedule?: ReceptionRule | null;
    latitude?: number;
    longitude?: number;
  } = {},
) {
  const station = opts.org ?? (await org(p, unique('测试联络站'), 'station', opts.parent ?? d.orgs.streetA));
  const liaisonOfficer = opts.org ? null : await createUser(p, station, 'liaisonOfficer');
  const schedule = opts.schedule === undefined ? defaultSchedule : opts.schedule;
  await p.db
    .insertInto('station')
    .values({
      org_id: station.id,
      kind: opts.kind ?? 'workstation',
      domain: opts.kind === 'professional' ? '法律' : null,
      address: '明州路 1 号',
      latitude: opts.latitude ?? null,
      longitude: opts.longitude ?? null,
      opening_hours: '工作日 9:00–17:00',
      reception_schedule: schedule ? JSON.stringify(schedule) : null,
      published_rules: '代表进站接待选民制度',
      published_workflow: '登记—研判—交办—办理—反馈—评价',
    })
    .execute();
  const members: DeputyRef[] = [];
  for (let i = 0; i < (opts.members ?? 2); i++)
    members.push(await createDeputy(p, d, { org: opts.parent ?? d.orgs.streetA, station, head: i === 0 }));
  return { id: station.id, org: station, members, head: members[0] ?? null, liaisonOfficer };
}

/**
 * A reception at a station (made with `createStation`), with duty deputies (default its serving
 * members) and appointment slots (default hourly, 5 places each):
 * - `planned`: as scheduled, a week from today;
 * - `published`: the same, announced by the real notice step (duty messages in the outbox);
 * - `closed`: a week ago, with the duty signed in, a record and visitors. Written directly: the
 *   use cases refuse to announce a day that has passed, so no real path leads to a past closed
 *   reception today.
 */
export async function createReception(
  p: Platform,
  station: { id: number },
  status: 'planned' | 'published' | 'closed' = 'planned',
  opts: {
    day?: string;
    start?: string;
    end?: string;
    mode?: ReceptionMode;
    duty?: readonly { id: number }[];
    slots?: readonly { start: string; end: string; capacity: number }[];
    closedBy?: { id: number };
  } = {},
) {
  const day = opts.day ?? addDays(chinaToday(), status === 'closed' ? -7 : 7);
  const time = { start: opts.start ?? '09:00', end: opts.end ?? '11:30' };
  const duty =
    opts.duty ??
    (
      await p.db
        .selectFrom('station_member as m')
        .innerJoin('deputy as d', 'd.id', 'm.deputy_id')
        .select('d.id')
        .where('m.station_id', '=', station.id)
        .where('d.status', '=', 'serving')
        .orderBy('d.id')
        .execute()
    ).map((r) => ({ id: r.id }));
  const slots = opts.slots ?? hourlySlots(time, 5);
  const id = await inTransaction(p.db, async (trx) => {
    const { id } = await trx
      .insertInto('reception')
      .values({
        station_id: station.id,
        day,
        start_time: time.start,
        end_time: time.end,
        mode: opts.mode ?? (slots.length ? 'appointment' : 'regular'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await insertParts(trx, id, { deputyIds: duty.map((x) => x.id), slots });
    // Announced ahead, as in practice: a reception today that is already over (a test run after its
    // end time) could not be announced now (RECEPTION_PAST), so it is announced as of before it began.
    if (status === 'published') {
      const begins = Date.parse(`${day}T${time.start}:00+08:00`) - 60_000;
      await publishInTx(p, trx, contextOf(null), null, id, new Date(Math.min(Date.now(), begins)));
    }
    if (status === 'closed') {
      const at = new Date(`${day}T${time.start}:00+08:00`);
      await trx
        .updateTable('reception_duty')
        .set({ signed_in_at: at, sign_in_method: 'officer', signed_in_by: opts.closedBy?.id ?? null })
        .where('reception_id', '=', id)
        .execute();
      await trx
        .updateTable('reception')
        .set({
          status: 'closed',
          published_at: new Date(at.getTime() - 3 * 86_400_000),
          summary: '接待群众 3 人次，收集意见 2 条',
          visitors: 3,
          closed_at: new Date(at.getTime() + 3 * 3_600_000),
          closed_by: opts.closedBy?.id ?? null,
        })
        .where('id', '=', id)
        .execute();
    }
    return id;
  });
  const slotRows = await p.db
    .selectFrom('reception_slot')
    .select(['id', 'start_time', 'end_time', 'capacity'])
    .where('reception_id', '=', id)
    .orderBy('start_time')
    .execute();
  return { id, day, status, duty: duty.map((x) => x.id), slots: slotRows };
}

/** Who of the district takes each step when a factory brings an opinion along the loop. */
const takenBy: Partial<Record<OpinionActionName, 'streetOfficerA' | 'liaisonOfficerA' | 'unitStaffA'>> = {
  triage: 'streetOfficerA',
  assign: 'streetOfficerA',
  reject: 'streetOfficerA',
  escalate: 'streetOfficerA',
  answer: 'liaisonOfficerA',
  merge: 'liaisonOfficerA',
  feedback: 'liaisonOfficerA',
  rate: 'liaisonOfficerA', // when nobody can rate by receipt (anonymous); otherwise the constituent
  close: 'liaisonOfficerA',
  accept: 'unitStaffA',
  respond: 'unitStaffA',
};

const handled: readonly OpinionActionName[] = ['triage', 'assign', 'accept', 'respond', 'feedback', 'rate'];

/** The natural steps from registration to each state of the closed loop. */
export const pathTo: Record<OpinionState, readonly OpinionActionName[]> = {
  registered: [],
  triaged: ['triage'],
  answered: ['answer'],
  assigned: handled.slice(0, 2),
  inProgress: handled.slice(0, 3),
  responded: handled.slice(0, 4),
  fedBack: handled.slice(0, 5),
  rated: handled,
  closed: [...handled, 'close'],
  merged: ['merge'],
  rejected: ['reject'],
  escalated: ['triage', 'escalate'],
};

/**
 * An opinion at the district's station A in `state`, brought there by the real steps (the portal's
 * registration, then `actOnOpinion` by the district's officer, liaison officer and unit, the
 * rating by the constituent through the receipt), so that its events and its row agree. A merged
 * one is merged into a fresh registered opinion (`mergedInto`); an escalated one names a fresh
 * deputy unless `deputy` is given.
 */
export async function createOpinion(
  p: Platform,
  d: District,
  state: OpinionState = 'registered',
  opts: {
    content?: string;
    /** Default: a named constituent with a phone (so they can be told, and rate). */
    anonymous?: boolean;
    phone?: string;
    rating?: RatingLevel;
    deputy?: { id: number };
    categoryCode?: string;
  } = {},
) {
  const phone = opts.phone ?? '13700000001';
  const register = (content: string) =>
    inTransaction(p.db, (trx) =>
      registerInTx(
        trx,
        p,
        RegisterOpinion.parse({
          orgId: d.orgs.stationA.id,
          channel: 'online',
          content,
          constituent: opts.anonymous ? { anonymous: true } : { anonymous: false, name: '钱先生', phone },
        }),
        { kind: 'constituent' },
      ),
    );
  const opinion = await register(opts.content ?? '小区门口道路破损，雨天积水');
  const path = pathTo[state];
  const category = path.includes('triage')
    ? (
        await p.db
          .selectFrom('opinion_category')
          .select('id')
          .where('code', '=', opts.categoryCode ?? 'urban.roads')
          .executeTakeFirstOrThrow()
      ).id
    : 0;
  const mergedInto = path.includes('merge') ? (await register('同一路段道路破损')).id : null;
  const deputy = path.includes('escalate') ? (opts.deputy ?? (await createDeputy(p, d))) : null;
  const bodies: Partial<Record<OpinionActionName, unknown>> = {
    triage: { categoryId: category, tier: path.includes('escalate') ? 'district' : 'street' },
    answer: { answer: '已当场答复：下周修复' },
    merge: { targetId: mergedInto },
    reject: { reason: '不属于人大代表联络站受理范围' },
    escalate: { deputyIds: [deputy?.id] },
    assign: { leadUnitId: d.orgs.officeA.id, signedBy: '主任' },
    accept: {},
    respond: { response: '已修复路面', resultType: 'solved' },
    feedback: { channel: 'phone', content: '已电话告知处理结果' },
    rate: { level: opts.rating ?? 'satisfied' },
    close: {},
  };
  const actors = new Map<string, Actor>();
  for (const action of path) {
    const input = OpinionAction.parse({ action, ...(bodies[action] as object) });
    if (action === 'rate' && !opts.anonymous && input.action === 'rate') {
      await rateByConstituent(p, contextOf(null), {
        receiptCode: opinion.receiptCode,
        phoneLast4: phone.slice(-4),
        level: input.level,
      });
      continue;
    }
    const who = takenBy[action]!;
    let actor = actors.get(who);
    if (!actor) actors.set(who, (actor = await actorOf(p, d.users[who])));
    await actOnOpinion(p, contextOf(actor), actor, opinion.id, input);
  }
  return { id: opinion.id, receiptCode: opinion.receiptCode, state, mergedInto };
}
