import { sql } from 'kysely';
import type { z } from 'zod';
import type { DeputyInput, DeputyPatch, DeputyView, ListDeputiesQuery } from '../../../contracts/deputies.js';
import { type Db, inTransaction, type Tx } from '../../db/database.js';
import { authorize, can, inScope, type Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { isMemberOfSql, servesInScopeSql, stationsOfDeputies } from '../stations/members.js';
import { accountColumnSql } from '../users/contacts.js';
import { AppError, invalid } from '../../platform/errors/errors.js';
import { cleanPhoto } from '../../platform/files/images.js';
import { fileStore } from '../../platform/files/store.js';
import { afterInNameOrder, keysetPage, likeText } from '../../platform/http/paging.js';
import { maskPhone } from '../../platform/text/personal-data.js';
import { pinyinKeys } from '../../platform/text/pinyin.js';

type ListQuery = z.infer<typeof ListDeputiesQuery>;

/** Deputies with their organisation and linked account, every column a view needs. */
export function baseQuery(db: Db) {
  return db
    .selectFrom('deputy as d')
    .innerJoin('organization as o', 'o.id', 'd.org_id')
    .select([
      'd.id',
      'd.org_id',
      'o.name as org_name',
      'o.path as org_path',
      'd.name',
      'd.name_initials',
      'd.sex',
      'd.birth_year',
      'd.ethnicity',
      'd.party',
      'd.occupation',
      'd.election',
      'd.constituency',
      'd.terms',
      'd.photo_file_id',
      'd.is_leading_cadre',
      'd.public_contact',
      'd.private_phone_masked',
      'd.status',
      'd.user_id',
      accountColumnSql(sql.ref('d.user_id'), 'username').as('account_username'),
      accountColumnSql(sql.ref('d.user_id'), 'display_name').as('account_display_name'),
    ]);
}
type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

/** Views of rows read by `baseQuery` (scope is the caller's business). */
export async function present(db: Db, rows: Row[]): Promise<DeputyView[]> {
  const ids = rows.map((r) => r.id);
  const [levels, stations, groups] = ids.length
    ? await Promise.all([
        db.selectFrom('deputy_level').selectAll().where('deputy_id', 'in', ids).execute(),
        stationsOfDeputies(db, ids),
        db
          .selectFrom('deputy_group_member as gm')
          .innerJoin('deputy_group as g', 'g.id', 'gm.group_id')
          .select(['gm.deputy_id', 'g.id', 'g.name', 'gm.is_leader'])
          .where('gm.deputy_id', 'in', ids)
          .orderBy('g.name_sort')
          .execute(),
      ])
    : [[], [], []];
  const order = ['national', 'provincial', 'municipal', 'county', 'township'];
  return rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    name: r.name,
    nameInitials: r.name_initials,
    sex: r.sex as DeputyView['sex'],
    birthYear: r.birth_year,
    ethnicity: r.ethnicity,
    party: r.party,
    occupation: r.occupation,
    levels: levels
      .filter((l) => l.deputy_id === r.id)
      .map((l) => l.level as DeputyView['levels'][number])
      .sort((a, b) => order.indexOf(a) - order.indexOf(b)),
    election: r.election as DeputyView['election'],
    constituency: r.constituency,
    terms: r.terms,
    isLeadingCadre: r.is_leading_cadre,
    publicContact: r.public_contact,
    privatePhoneMasked: r.private_phone_masked,
    status: r.status as DeputyView['status'],
    stations: stations
      .filter((s) => s.deputy_id === r.id)
      .map((s) => ({ id: s.station_id, name: s.name, isHead: s.is_head })),
    groups: groups.filter((g) => g.deputy_id === r.id).map((g) => ({ id: g.id, name: g.name, isLeader: g.is_leader })),
    photoUrl: r.photo_file_id ? `/api/deputies/${r.id}/photo?v=${r.photo_file_id}` : null,
    account:
      r.user_id !== null
        ? { id: r.user_id, username: r.account_username!, displayName: r.account_display_name! }
        : null,
  }));
}

/** A deputy the actor may read, with the organisation path that scopes them; otherwise not found. */
export async function loadDeputy(db: Db | Tx, actor: Actor, id: number) {
  const row = await baseQuery(db as Db)
    .where('d.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  if (!can(actor, 'deputy.read', { orgPath: row.org_path })) {
    // A deputy registered elsewhere (a higher-level deputy, another street's) is readable by the
    // stations they serve.
    const { serves } = await (db as Db)
      .selectNoFrom(servesInScopeSql(sql.lit(id) as never, actor, 'station.read').as('serves'))
      .executeTakeFirstOrThrow();
    if (!serves) throw new AppError('NOT_FOUND');
  }
  return row;
}

/** A serving deputy the actor can see, about to join a station or a group; a field error otherwise. */
export async function servingDeputy(db: Db, actor: Actor, deputyId: number) {
  const deputy = await loadDeputy(db, actor, deputyId).catch(() => {
    throw invalid({ path: 'body.deputyId', zh: '代表不存在或不在您的管理范围内', en: 'No such deputy in your scope' });
  });
  if (deputy.status !== 'serving') {
    throw invalid({ path: 'body.deputyId', zh: '该代表已不在任', en: 'This deputy is no longer serving' });
  }
  return deputy;
}

/** Deputies in scope, filtered, in pinyin order of their names, a page at a time. */
export async function listDeputies(p: Platform, actor: Actor, q: ListQuery) {
  authorize(actor, 'deputy.read');
  let query = baseQuery(p.db)
    .select('d.name_sort')
    .where((eb) =>
      eb.or([
        inScope(actor, 'deputy.read', sql.ref('o.path')),
        servesInScopeSql(sql.ref('d.id'), actor, 'station.read'),
      ]),
    );
  if (q.q) {
    const term = q.q.toLowerCase();
    query = /^[a-z]+$/.test(term)
      ? query.where((eb) =>
          eb.or([eb('d.name_initials', 'like', `${likeText(term)}%`), eb('d.name_sort', 'like', `${likeText(term)}%`)]),
        )
      : query.where((eb) =>
          eb.or([eb('d.name', 'like', `%${likeText(q.q!)}%`), eb('d.occupation', 'like', `%${likeText(q.q!)}%`)]),
        );
  }
  if (q.orgId) query = query.where(sql<boolean>`o.path <@ (SELECT path FROM organization WHERE id = ${q.orgId})`);
  if (q.stationId) {
    query = query.where(isMemberOfSql(sql.ref('d.id'), q.stationId));
  }
  if (q.level) {
    query = query.where('d.id', 'in', (eb) =>
      eb.selectFrom('deputy_level').select('deputy_id').where('level', '=', q.level!),
    );
  }
  if (q.status) query = query.where('d.status', '=', q.status);
  // Keyset over (name_sort, id), so that a page never repeats or skips a name.
  const rows = await query
    .where(afterInNameOrder('d', 'deputy', q.cursor))
    .orderBy('d.name_sort')
    .orderBy('d.id')
    .limit(q.limit + 1)
    .execute();
  const page = keysetPage(rows, q.limit);
  return { items: await present(p.db, page.items), nextCursor: page.nextCursor };
}

/** One deputy's profile. */
export async function getDeputy(p: Platform, actor: Actor, id: number): Promise<DeputyView> {
  return (await present(p.db, [await loadDeputy(p.db, actor, id)]))[0]!;
}

async function orgForManage(db: Db, actor: Actor, orgId: number) {
  const org = await db.selectFrom('organization').select(['id', 'path']).where('id', '=', orgId).executeTakeFirst();
  if (!org) throw invalid({ path: 'body.orgId', zh: '机构不存在', en: 'No such organisation' });
  authorize(actor, 'deputy.manage', { orgPath: org.path }, 'org.read');
  return org;
}

/** Table columns for the given fields (pinyin keys, sealed, masked and indexed phone derived here). */
export function columns(p: Platform, input: DeputyPatch) {
  const cols: Record<string, unknown> = {};
  const map: [keyof DeputyPatch, string][] = [
    ['orgId', 'org_id'],
    ['sex', 'sex'],
    ['birthYear', 'birth_year'],
    ['ethnicity', 'ethnicity'],
    ['party', 'party'],
    ['occupation', 'occupation'],
    ['election', 'election'],
    ['constituency', 'constituency'],
    ['terms', 'terms'],
    ['isLeadingCadre', 'is_leading_cadre'],
    ['publicContact', 'public_contact'],
    ['status', 'status'],
  ];
  for (const [key, col] of map) if (input[key] !== undefined) cols[col] = input[key] === '' ? null : input[key];
  if (input.name !== undefined) {
    const keys = pinyinKeys(input.name);
    Object.assign(cols, { name: input.name, name_initials: keys.initials, name_sort: keys.sort });
  }
  if (input.privatePhone !== undefined) {
    cols.private_phone_sealed = input.privatePhone ? p.fields.encrypt(input.privatePhone) : null;
    cols.private_phone_masked = input.privatePhone ? maskPhone(input.privatePhone) : null;
    cols.private_phone_digest = input.privatePhone ? p.fields.blindIndex(input.privatePhone) : null;
  }
  return cols;
}

/** What the audit trail keeps of a change: field names, never the personal values. */
const changedFields = (input: DeputyPatch) =>
  Object.keys(input).filter((k) => input[k as keyof DeputyPatch] !== undefined);

/** Registers a deputy with an organisation in the actor's scope. */
export async function createDeputy(p: Platform, ctx: RequestContext, actor: Actor, input: DeputyInput) {
  await orgForManage(p.db, actor, input.orgId);
  const id = await inTransaction(p.db, async (trx) => {
    const { id } = await trx
      .insertInto('deputy')
      .values(columns(p, input) as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('deputy_level')
      .values([...new Set(input.levels)].map((level) => ({ deputy_id: id, level })))
      .execute();
    await p.audit.record(trx, ctx, {
      action: 'deputy.create',
      subjectType: 'deputy',
      subjectId: id,
      summary: { orgId: input.orgId, levels: input.levels, fields: changedFields(input) },
    });
    return id;
  });
  return getDeputy(p, actor, id);
}

/** A deputy the actor may change: visible (else not found) and registered with a body the actor manages. */
export async function loadForManage(db: Db, actor: Actor, id: number) {
  const row = await loadDeputy(db, actor, id);
  if (!can(actor, 'deputy.manage', { orgPath: row.org_path })) throw new AppError('FORBIDDEN');
  return row;
}

/** Changes a deputy's record; ended deputies keep their history (status, never deletion). */
export async function updateDeputy(p: Platform, ctx: RequestContext, actor: Actor, id: number, input: DeputyPatch) {
  const row = await loadForManage(p.db, actor, id);
  if (input.orgId !== undefined && input.orgId !== row.org_id) await orgForManage(p.db, actor, input.orgId);
  await inTransaction(p.db, async (trx) => {
    const cols = columns(p, input);
    if (Object.keys(cols).length) {
      await trx
        .updateTable('deputy')
        .set({ ...cols, updated_at: new Date() } as never)
        .where('id', '=', id)
        .execute();
    }
    if (input.levels) {
      await trx.deleteFrom('deputy_level').where('deputy_id', '=', id).execute();
      await trx
        .insertInto('deputy_level')
        .values([...new Set(input.levels)].map((level) => ({ deputy_id: id, level })))
        .execute();
    }
    await p.audit.record(trx, ctx, {
      action: 'deputy.update',
      subjectType: 'deputy',
      subjectId: id,
      summary: {
        fields: changedFields(input),
        ...(input.status ? { status: { before: row.status, after: input.status } } : {}),
      },
    });
  });
  return getDeputy(p, actor, id);
}

/** Shows the private phone number in full, to roles that need it; every reveal is audited. */
export async function revealContact(p: Platform, ctx: RequestContext, actor: Actor, id: number) {
  const row = await loadDeputy(p.db, actor, id);
  if (!can(actor, 'deputy.revealContact', { orgPath: row.org_path })) throw new AppError('FORBIDDEN');
  const sealed = await p.db
    .selectFrom('deputy')
    .select('private_phone_sealed')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  await inTransaction(p.db, (trx) =>
    p.audit.record(trx, ctx, { action: 'deputy.revealContact', subjectType: 'deputy', subjectId: id }),
  );
  return { privatePhone: sealed.private_phone_sealed ? p.fields.decrypt(sealed.private_phone_sealed) : null };
}

/** Sets or replaces a deputy's photo: checked by content, turned upright, stripped of EXIF, stored. */
export async function setDeputyPhoto(p: Platform, ctx: RequestContext, actor: Actor, id: number, bytes: Buffer) {
  const row = await loadForManage(p.db, actor, id);
  const photo = await cleanPhoto(bytes);
  await inTransaction(p.db, async (trx) => {
    const fileId = await fileStore(p).save(trx, photo, actor.userId);
    await trx
      .updateTable('deputy')
      .set({ photo_file_id: fileId, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await p.audit.record(trx, ctx, {
      action: 'deputy.setPhoto',
      subjectType: 'deputy',
      subjectId: id,
      summary: { before: { fileId: row.photo_file_id }, after: { fileId, bytes: photo.bytes.length } },
    });
  });
  return getDeputy(p, actor, id);
}

/** Takes a deputy's photo down (the file stays on record in the audit trail's terms: by id). */
export async function removeDeputyPhoto(p: Platform, ctx: RequestContext, actor: Actor, id: number) {
  const row = await loadForManage(p.db, actor, id);
  if (!row.photo_file_id) throw new AppError('NOT_FOUND');
  await inTransaction(p.db, async (trx) => {
    await trx.updateTable('deputy').set({ photo_file_id: null, updated_at: new Date() }).where('id', '=', id).execute();
    await p.audit.record(trx, ctx, {
      action: 'deputy.removePhoto',
      subjectType: 'deputy',
      subjectId: id,
      summary: { before: { fileId: row.photo_file_id }, after: { fileId: null } },
    });
  });
  return getDeputy(p, actor, id);
}

/** The photo of a deputy the actor may read. */
export async function deputyPhoto(p: Platform, actor: Actor, id: number) {
  const row = await loadDeputy(p.db, actor, id);
  const file = row.photo_file_id ? await fileStore(p).read(p, row.photo_file_id) : null;
  if (!file) throw new AppError('NOT_FOUND');
  return file;
}
