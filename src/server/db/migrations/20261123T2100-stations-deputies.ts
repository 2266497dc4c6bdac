import { type Kysely, sql } from 'kysely';

/** Stations (a kind of organisation node) and deputies with their levels and station memberships. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE organization
      ADD COLUMN active boolean NOT NULL DEFAULT true,
      ADD COLUMN contact_person text CHECK (length(contact_person) <= 50),
      ADD COLUMN contact_phone text CHECK (length(contact_phone) <= 30)`.execute(db);

  await sql`
    CREATE TABLE station (
      org_id             bigint PRIMARY KEY REFERENCES organization(id),
      kind               text NOT NULL CHECK (kind IN ('home','workstation','liaisonRoom','professional')),
      domain             text CHECK (length(domain) <= 50),
      address            text CHECK (length(address) <= 200),
      latitude           double precision CHECK (latitude BETWEEN -90 AND 90),
      longitude          double precision CHECK (longitude BETWEEN -180 AND 180),
      opening_hours      text CHECK (length(opening_hours) <= 200),
      reception_rule     text CHECK (length(reception_rule) <= 200),
      published_rules    text CHECK (length(published_rules) <= 5000),
      published_workflow text CHECK (length(published_workflow) <= 5000),
      online_enabled     boolean NOT NULL DEFAULT true,
      updated_at         timestamptz NOT NULL DEFAULT now(),
      CHECK (kind <> 'professional' OR domain IS NOT NULL)
    )`.execute(db);

  await sql`
    CREATE TABLE deputy (
      id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      org_id               bigint NOT NULL REFERENCES organization(id),
      name                 text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
      name_initials        text NOT NULL,
      name_sort            text NOT NULL,
      sex                  text CHECK (sex IN ('male','female')),
      birth_year           integer CHECK (birth_year BETWEEN 1900 AND 2100),
      ethnicity            text CHECK (length(ethnicity) <= 20),
      party                text CHECK (length(party) <= 30),
      occupation           text CHECK (length(occupation) <= 200),
      election             text NOT NULL CHECK (election IN ('direct','indirect')),
      constituency         text CHECK (length(constituency) <= 100),
      term                 text CHECK (length(term) <= 30),
      is_leading_cadre     boolean NOT NULL DEFAULT false,
      public_contact       text CHECK (length(public_contact) <= 100),
      private_phone_sealed text,
      private_phone_masked text,
      private_phone_digest text,
      import_key           text UNIQUE,
      status               text NOT NULL DEFAULT 'serving' CHECK (status IN ('serving','ended','resigned','terminated')),
      created_at           timestamptz NOT NULL DEFAULT now(),
      updated_at           timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX deputy_org ON deputy (org_id)`.execute(db);
  await sql`CREATE INDEX deputy_name_trgm ON deputy USING gin (name gin_trgm_ops)`.execute(db);
  await sql`CREATE INDEX deputy_initials ON deputy (name_initials text_pattern_ops)`.execute(db);

  await sql`
    CREATE TABLE deputy_level (
      deputy_id bigint NOT NULL REFERENCES deputy(id) ON DELETE CASCADE,
      level     text NOT NULL CHECK (level IN ('national','provincial','municipal','county','township')),
      PRIMARY KEY (deputy_id, level)
    )`.execute(db);

  await sql`
    CREATE TABLE station_member (
      station_id bigint NOT NULL REFERENCES station(org_id),
      deputy_id  bigint NOT NULL REFERENCES deputy(id),
      is_head    boolean NOT NULL DEFAULT false,
      since      date NOT NULL DEFAULT current_date,
      PRIMARY KEY (station_id, deputy_id)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX station_one_head ON station_member (station_id) WHERE is_head`.execute(db);
  await sql`CREATE INDEX station_member_deputy ON station_member (deputy_id)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('forward-only migration');
}
