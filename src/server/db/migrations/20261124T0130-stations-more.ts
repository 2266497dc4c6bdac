import { type Kysely, sql } from 'kysely';
import { parseRuleText } from '../../../contracts/reception-rule.js';
import { pinyinKeys } from '../../platform/text/pinyin.js';

/**
 * Organisations managed in the console (pinyin keys for search and order, a code (编号) that re-imports match on); stations'
 * region coverage, photos and informants (民情联络员); deputies' photos and several terms (届次);
 * deputy groups (代表小组); stored files (bytes on disk, described here); stations' reception days
 * as a structured rule (the old text stays as a note; texts that parse become rules).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE station ADD COLUMN reception_schedule jsonb`.execute(db);
  const texts = await sql<{ org_id: number; reception_rule: string }>`
    SELECT org_id, reception_rule FROM station WHERE reception_rule IS NOT NULL`.execute(db);
  for (const s of texts.rows) {
    const rule = parseRuleText(s.reception_rule);
    if (rule) {
      await sql`UPDATE station SET reception_schedule = ${JSON.stringify(rule)}::jsonb
                WHERE org_id = ${s.org_id}`.execute(db);
    }
  }

  await sql`ALTER TABLE organization
      ADD COLUMN name_initials text NOT NULL DEFAULT '',
      ADD COLUMN name_sort text NOT NULL DEFAULT '',
      ADD COLUMN code text CHECK (length(code) BETWEEN 1 AND 50)`.execute(db);
  const orgs = await sql<{ id: number; name: string }>`SELECT id, name FROM organization`.execute(db);
  for (const o of orgs.rows) {
    const keys = pinyinKeys(o.name);
    await sql`UPDATE organization SET name_initials = ${keys.initials}, name_sort = ${keys.sort}
              WHERE id = ${o.id}`.execute(db);
  }
  await sql`CREATE UNIQUE INDEX organization_code ON organization (code)`.execute(db);
  await sql`CREATE INDEX organization_name_sort ON organization (name_sort, id)`.execute(db);
  await sql`CREATE INDEX organization_initials ON organization (name_initials text_pattern_ops)`.execute(db);
  await sql`CREATE INDEX organization_name_trgm ON organization USING gin (name gin_trgm_ops)`.execute(db);

  await sql`
    CREATE TABLE stored_file (
      id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      sha256       text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      content_type text NOT NULL CHECK (length(content_type) <= 100),
      size         integer NOT NULL CHECK (size > 0),
      width        integer,
      height       integer,
      created_by   bigint REFERENCES app_user(id),
      created_at   timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  await sql`
    CREATE TABLE station_region (
      station_id  bigint NOT NULL REFERENCES station(org_id),
      region_code text NOT NULL REFERENCES region(code),
      PRIMARY KEY (station_id, region_code)
    )`.execute(db);
  await sql`CREATE INDEX station_region_code ON station_region (region_code)`.execute(db);

  await sql`
    CREATE TABLE station_photo (
      id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      station_id bigint NOT NULL REFERENCES station(org_id),
      file_id    bigint NOT NULL REFERENCES stored_file(id),
      caption    text CHECK (length(caption) <= 100),
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX station_photo_station ON station_photo (station_id, id)`.execute(db);

  await sql`
    CREATE TABLE informant (
      id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      station_id    bigint NOT NULL REFERENCES station(org_id),
      name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
      name_sort     text NOT NULL,
      community     text CHECK (length(community) <= 100),
      phone_sealed  text,
      phone_masked  text,
      phone_digest  text,
      active        boolean NOT NULL DEFAULT true,
      created_at    timestamptz NOT NULL DEFAULT now(),
      updated_at    timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX informant_station ON informant (station_id, name_sort, id)`.execute(db);

  await sql`ALTER TABLE deputy
      ADD COLUMN photo_file_id bigint REFERENCES stored_file(id),
      ADD COLUMN terms text[] NOT NULL DEFAULT '{}' CHECK (cardinality(terms) <= 10)`.execute(db);
  await sql`UPDATE deputy SET terms = ARRAY[term] WHERE term IS NOT NULL AND term <> ''`.execute(db);
  await sql`ALTER TABLE deputy DROP COLUMN term`.execute(db);

  await sql`
    CREATE TABLE deputy_group (
      id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      org_id     bigint NOT NULL REFERENCES organization(id),
      name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
      name_sort  text NOT NULL,
      active     boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX deputy_group_org ON deputy_group (org_id)`.execute(db);
  await sql`CREATE INDEX deputy_group_name_sort ON deputy_group (name_sort, id)`.execute(db);
  await sql`
    CREATE TABLE deputy_group_member (
      group_id  bigint NOT NULL REFERENCES deputy_group(id),
      deputy_id bigint NOT NULL REFERENCES deputy(id),
      is_leader boolean NOT NULL DEFAULT false,
      since     date NOT NULL DEFAULT current_date,
      PRIMARY KEY (group_id, deputy_id)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX deputy_group_one_leader ON deputy_group_member (group_id) WHERE is_leader`.execute(db);
  await sql`CREATE INDEX deputy_group_member_deputy ON deputy_group_member (deputy_id)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('forward-only migration');
}
