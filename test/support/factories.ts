import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Role } from '../../src/contracts/roles.js';
import { hashPassword } from '../../src/server/platform/auth/passwords.js';
import type { Platform } from '../../src/server/platform/context.js';
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
