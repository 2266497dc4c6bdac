import { sql } from 'kysely';
import type { InformantInput, InformantPatch, InformantView } from '../../../contracts/stations.js';
import { type Db, inTransaction, type Tx } from '../../db/database.js';
import { can, type Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import { beforeOf } from '../../platform/audit/changes.js';
import type { Platform } from '../../platform/context.js';
import { AppError } from '../../platform/errors/errors.js';
import { maskPhone } from '../../platform/text/personal-data.js';
import { pinyinKeys } from '../../platform/text/pinyin.js';
import { loadStation, loadStationForManage } from './service.js';

type Row = {
  id: number;
  station_id: number;
  name: string;
  community: string | null;
  phone_masked: string | null;
  active: boolean;
};

const present = (r: Row): InformantView => ({
  id: r.id,
  stationId: r.station_id,
  name: r.name,
  community: r.community,
  phoneMasked: r.phone_masked,
  active: r.active,
});

const columnsOf = ['id', 'station_id', 'name', 'community', 'phone_masked', 'active'] as const;

/** Columns of an informant's fields: the phone sealed (SM4), masked for lists, and indexed. */
function informantColumns(p: Platform, input: InformantPatch) {
  const cols: Record<string, unknown> = {};
  if (input.name !== undefined) Object.assign(cols, { name: input.name, name_sort: pinyinKeys(input.name).sort });
  if (input.community !== undefined) cols.community = input.community || null;
  if (input.active !== undefined) cols.active = input.active;
  if (input.phone !== undefined) {
    cols.phone_sealed = input.phone ? p.fields.encrypt(input.phone) : null;
    cols.phone_masked = input.phone ? maskPhone(input.phone) : null;
    cols.phone_digest = input.phone ? p.fields.blindIndex(input.phone) : null;
  }
  return cols;
}

async function loadInformant(p: Platform, stationId: number, informantId: number) {
  const row = await p.db
    .selectFrom('informant')
    .select(columnsOf)
    .where('id', '=', informantId)
    .where('station_id', '=', stationId)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** The station's informants (民情联络员), active first, in pinyin order; phones masked. */
export async function listInformants(p: Platform, actor: Actor, stationId: number) {
  await loadStation(p.db, actor, stationId);
  const rows = await p.db
    .selectFrom('informant')
    .select(columnsOf)
    .where('station_id', '=', stationId)
    .orderBy('active', 'desc')
    .orderBy('name_sort')
    .orderBy('id')
    .limit(1000)
    .execute();
  return { items: rows.map(present) };
}

/** Enlists a community volunteer as an informant of the station. */
export async function createInformant(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  stationId: number,
  input: InformantInput,
) {
  await loadStationForManage(p.db, actor, stationId);
  return inTransaction(p.db, async (trx) => {
    const row = await trx
      .insertInto('informant')
      .values({ station_id: stationId, ...informantColumns(p, input) } as never)
      .returning(columnsOf)
      .executeTakeFirstOrThrow();
    await p.audit.record(trx, ctx, {
      action: 'station.addInformant',
      subjectType: 'station',
      subjectId: stationId,
      // Personal data stays out of the trail: the name is kept, the phone only as "given".
      summary: { informantId: row.id, after: { ...present(row), phoneMasked: undefined, phone: Boolean(input.phone) } },
    });
    return present(row);
  });
}

/** Changes an informant's details, or (de)activates them; informants are never deleted. */
export async function updateInformant(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  stationId: number,
  informantId: number,
  input: InformantPatch,
) {
  await loadStationForManage(p.db, actor, stationId);
  const old = await loadInformant(p, stationId, informantId);
  return inTransaction(p.db, async (trx) => {
    const cols = informantColumns(p, input);
    const row = Object.keys(cols).length
      ? await trx
          .updateTable('informant')
          .set({ ...cols, updated_at: new Date() } as never)
          .where('id', '=', informantId)
          .returning(columnsOf)
          .executeTakeFirstOrThrow()
      : old;
    const { phone, ...rest } = input;
    await p.audit.record(trx, ctx, {
      action: 'station.updateInformant',
      subjectType: 'station',
      subjectId: stationId,
      summary: {
        informantId,
        before: beforeOf(present(old), rest),
        after: { ...rest, ...(phone !== undefined ? { phone: phone ? 'changed' : 'removed' } : {}) },
      },
    });
    return present(row);
  });
}

/** Shows an informant's phone in full, to the roles that need it; every reveal is audited. */
export async function revealInformantPhone(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  stationId: number,
  informantId: number,
) {
  const station = await loadStation(p.db, actor, stationId);
  if (!can(actor, 'informant.revealContact', { orgPath: station.path })) throw new AppError('FORBIDDEN');
  await loadInformant(p, stationId, informantId);
  const { phone_sealed } = await p.db
    .selectFrom('informant')
    .select('phone_sealed')
    .where('id', '=', informantId)
    .executeTakeFirstOrThrow();
  await inTransaction(p.db, (trx) =>
    p.audit.record(trx, ctx, {
      action: 'station.revealInformantPhone',
      subjectType: 'station',
      subjectId: stationId,
      summary: { informantId },
    }),
  );
  return { phone: phone_sealed ? p.fields.decrypt(phone_sealed) : null };
}

/** Whether `informantId` is an active informant of station `stationId`. */
export async function isActiveInformantOf(db: Db | Tx, informantId: number, stationId: number) {
  const inf = await db
    .selectFrom('informant')
    .select('id')
    .where('id', '=', informantId)
    .where('station_id', '=', stationId)
    .where('active', '=', true)
    .executeTakeFirst();
  return !!inf;
}

/** An informant's name as a column of another module's row (`informantId`: e.g. `opinion.informant_id`). */
export function informantNameSql(informantId: ReturnType<typeof sql.ref>) {
  return sql<string | null>`(SELECT i.name FROM informant i WHERE i.id = ${informantId})`;
}
